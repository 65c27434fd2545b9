package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one {@link FileLoader}: reads and parses each file once per run (keyed by normalized absolute
 * path), whichever input or include reaches it first. Thread-safe.
 */
public final class ParseCache implements FileLoader {
    private final Function<Dialect, Frontend> frontends;
    private final Map<Path, ParsedFile> cache = new ConcurrentHashMap<>();

    /** A cache that parses with the front end of each requested dialect. */
    public ParseCache(Function<Dialect, Frontend> frontends) {
        this.frontends = frontends;
    }

    /** A cache for one dialect's files. */
    public ParseCache(Frontend frontend) {
        this(d -> frontend);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    @Override
    public ParsedFile load(Path path, Dialect dialect) throws IOException {
        try {
            return cache.computeIfAbsent(key(path), k -> {
                try {
                    return frontends.apply(dialect).parse(SourceFile.read(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Registers a file parsed elsewhere (an input read before resolution) under its path. */
    public void put(Path path, ParsedFile file) {
        cache.put(key(path), file);
    }

    public ParsedFile get(Path path) {
        return cache.get(key(path));
    }

    public Collection<ParsedFile> all() {
        return cache.values();
    }
}
