package dev.proxylint.apache;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.ParsedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simple {@link FileLoader} for Apache files: reads each path once and parses it with
 * {@link ApacheFrontend}; later loads of the same (normalized absolute) path return the same tree.
 * The engine may bring its own loader; this one serves tests, benchmarks and simple callers.
 */
public final class CachingLoader implements FileLoader {
    private final ApacheFrontend frontend = new ApacheFrontend();
    private final ConcurrentHashMap<Path, ParsedFile> cache = new ConcurrentHashMap<>();

    @Override
    public ParsedFile load(Path path, Dialect dialect) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        ParsedFile p = cache.get(key);
        if (p == null) {
            p = frontend.parse(SourceFile.read(path));
            ParsedFile prev = cache.putIfAbsent(key, p);
            if (prev != null) {
                p = prev;
            }
        }
        return p;
    }
}
