package dev.proxylint.nginx;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.ParsedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** Reads and parses nginx files from disk, each once (cached by normalized absolute path). Thread-safe. */
public final class NginxFileLoader implements FileLoader {
    private final NginxFrontend frontend = new NginxFrontend();
    private final ConcurrentHashMap<Path, ParsedFile> cache = new ConcurrentHashMap<>();

    @Override
    public ParsedFile load(Path path, Dialect dialect) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        ParsedFile pf = cache.get(key);
        if (pf == null) {
            pf = frontend.parse(SourceFile.read(path));
            ParsedFile prev = cache.putIfAbsent(key, pf);
            if (prev != null) {
                pf = prev;
            }
        }
        return pf;
    }
}
