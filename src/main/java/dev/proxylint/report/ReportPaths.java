package dev.proxylint.report;

import dev.proxylint.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Paths as reporters print them: relative to the source root with {@code /}, percent-encoded for URIs. */
public final class ReportPaths {
    private ReportPaths() {
    }

    /**
     * The file's path relative to {@code root} with {@code /} separators, or null when the file has
     * no path (stdin, in-memory) or lies outside the root.
     */
    public static String relative(SourceFile file, Path root) {
        Path p = file.path();
        if (p == null || root == null) {
            return null;
        }
        Path abs = p.toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            return null;
        }
        Path rel = root.relativize(abs);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part.toString());
        }
        return sb.toString();
    }

    private static final Path CWD = Path.of("").toAbsolutePath().normalize();

    /**
     * The name text, concise and JSON reports print: relative to the working directory when the
     * file lies below it, else the name it was reached by (a relative {@code ../x.conf} as given,
     * an absolute path elsewhere on the machine as it is).
     */
    public static String shown(SourceFile file) {
        Shown last = lastShown;
        if (last != null && last.file == file) {
            return last.text;
        }
        String text = shownUncached(file);
        lastShown = new Shown(file, text);
        return text;
    }

    /** The file {@link #shown} named last: reports go file by file, so one entry saves nearly every lookup. */
    private record Shown(SourceFile file, String text) {
    }

    private static volatile Shown lastShown;

    private static String shownUncached(SourceFile file) {
        Path p = file.path();
        if (p == null) {
            return file.name();
        }
        Path abs = p.toAbsolutePath().normalize();
        if (!abs.startsWith(CWD) || abs.equals(CWD)) {
            return file.name();
        }
        StringBuilder sb = new StringBuilder();
        for (Path part : CWD.relativize(abs)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part.toString());
        }
        return sb.toString();
    }

    /** {@code file:line:column} of a span's start, with the file as {@link #shown} names it. */
    public static String location(dev.proxylint.source.Span span) {
        return shown(span.file()) + ":" + span.startLine() + ":" + span.startColumn();
    }

    /** Relative path if possible, else the file's display name. */
    public static String display(SourceFile file, Path root) {
        String r = relative(file, root);
        return r != null ? r : file.name();
    }

    /**
     * Percent-encodes a path for a URI reference (RFC 3986): every byte of the UTF-8 form except
     * unreserved characters and the {@code /} separator becomes {@code %XX} (upper-case hex).
     */
    public static String encodePath(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** {@code file:///...} URI of an absolute path, ending with {@code /} when {@code dir}. */
    public static String fileUri(Path absolute, boolean dir) {
        StringBuilder sb = new StringBuilder("file://");
        String s = absolute.toString().replace('\\', '/');
        if (!s.startsWith("/")) {
            sb.append('/');
        }
        sb.append(encodePath(s));
        if (dir && sb.charAt(sb.length() - 1) != '/') {
            sb.append('/');
        }
        return sb.toString();
    }
}
