package dev.proxylint.engine;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.ParsedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads and parses each file once per run, whichever input or include reaches it first. */
public final class CachingLoader implements FileLoader {
    private final Map<Path, ParsedFile> cache = new ConcurrentHashMap<>();

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    @Override
    public ParsedFile load(Path path, Dialect dialect) throws IOException {
        try {
            return cache.computeIfAbsent(key(path), k -> {
                try {
                    return Frontends.get(dialect).parse(SourceFile.read(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Registers a file parsed elsewhere (stdin, dump parts) under a path. */
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
