package dev.proxylint.nginx;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of {@code nginx -T}: every configuration file nginx read, each introduced by a line
 * {@code # configuration file /path:} and followed by one extra line feed. {@link #split} gives one
 * {@link SourceFile} per dumped file, named by its original path, with the file's own text, so that
 * positions are the original file's lines and columns (not the dump's). Lines before the first
 * marker that start with {@code nginx: } (stderr merged into the dump) are ignored.
 */
public final class NginxDump {
    static final String MARKER = "# configuration file ";

    private NginxDump() {
    }

    /** Whether the file looks like {@code nginx -T} output. */
    public static boolean isDump(SourceFile file) {
        String text = file.text();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eol = text.indexOf('\n', i);
            int end = eol < 0 ? n : eol;
            String line = stripCr(text.substring(i, Math.min(end, i + 4096)));
            if (line.isBlank() || line.startsWith("nginx: ")) {
                i = end + 1;
                continue;
            }
            return isMarker(line);
        }
        return false;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean isMarker(String line) {
        return line.startsWith(MARKER) && line.endsWith(":") && line.length() > MARKER.length() + 1;
    }

    /** The dumped files in dump order (the main configuration first). Empty when this is not a dump. */
    public static List<SourceFile> split(SourceFile dump) {
        String text = dump.text();
        int n = text.length();
        List<SourceFile> out = new ArrayList<>();
        String name = null;
        int contentStart = -1;
        int i = 0;
        while (i <= n) {
            int eol = text.indexOf('\n', i);
            int end = eol < 0 ? n : eol;
            boolean marker = end - i > MARKER.length() && text.startsWith(MARKER, i)
                    && isMarker(stripCr(text.substring(i, end)));
            if (marker) {
                if (name != null) {
                    out.add(file(name, text, contentStart, i));
                }
                name = stripCr(text.substring(i + MARKER.length(), end));
                name = name.substring(0, name.length() - 1);
                contentStart = Math.min(n, end + 1);
            }
            if (eol < 0) {
                break;
            }
            i = eol + 1;
        }
        if (name != null) {
            out.add(file(name, text, contentStart, n));
        }
        return out;
    }

    private static SourceFile file(String name, String text, int start, int end) {
        // nginx -T writes one line feed after each file's content
        if (end > start && text.charAt(end - 1) == '\n') {
            end--;
        }
        String content = text.substring(start, end);
        try {
            return SourceFile.of(Path.of(name), content);
        } catch (InvalidPathException e) {
            return SourceFile.of(name, content);
        }
    }

    /** A loader serving exactly the dumped files; include globs are matched against this set. */
    public static Loader loader(List<SourceFile> files) {
        return new Loader(files);
    }

    /** Splits, parses and resolves a dump; its first file is the root. Null when not a dump. */
    public static Resolved resolve(SourceFile dump, ResolveOptions options) {
        List<SourceFile> files = split(dump);
        if (files.isEmpty()) {
            return null;
        }
        Loader loader = loader(files);
        ParsedFile root = loader.parsed(files.get(0));
        return new NginxFrontend().resolve(root, options, loader);
    }

    /** Serves the files of a dump by path, each parsed once. Thread-safe. */
    public static final class Loader implements FileLoader {
        private final Map<Path, SourceFile> byPath = new LinkedHashMap<>();
        private final Map<SourceFile, ParsedFile> parsed = new HashMap<>();
        private final NginxFrontend frontend = new NginxFrontend();

        Loader(List<SourceFile> files) {
            for (SourceFile f : files) {
                if (f.path() != null) {
                    byPath.putIfAbsent(f.path().toAbsolutePath().normalize(), f);
                }
            }
        }

        Collection<Path> paths() {
            return byPath.keySet();
        }

        public synchronized ParsedFile parsed(SourceFile f) {
            return parsed.computeIfAbsent(f, frontend::parse);
        }

        @Override
        public ParsedFile load(Path path, Dialect dialect) throws IOException {
            SourceFile f = byPath.get(path.toAbsolutePath().normalize());
            if (f == null) {
                throw new NoSuchFileException(path.toString(), null, "not in the nginx -T dump");
            }
            return parsed(f);
        }
    }
}
