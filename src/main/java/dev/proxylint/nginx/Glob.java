package dev.proxylint.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Shell-style patterns as nginx's include passes them to glob(3): {@code *}, {@code ?} and
 * {@code [...]} (with ranges and {@code !}/{@code ^} negation), {@code \} quoting the next character.
 * Wildcards never match {@code /}, and never match a leading {@code .} of a file name. Matches are
 * sorted by the bytes of their path, as glob(3) does in the C locale.
 */
final class Glob {
    private Glob() {
    }

    /** Comparator: byte order of the UTF-8 encoded path. */
    static final Comparator<Path> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.toString().getBytes(StandardCharsets.UTF_8), b.toString().getBytes(StandardCharsets.UTF_8));

    static boolean isPattern(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** Matches a whole path (or file name) against a pattern; wildcards do not cross {@code /}. */
    static boolean matches(String pattern, String name) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        int pn = pattern.length();
        int sn = name.length();
        while (s < sn) {
            if (p < pn) {
                char pc = pattern.charAt(p);
                char c = name.charAt(s);
                boolean leadingDot = c == '.' && (s == 0 || name.charAt(s - 1) == '/');
                if (pc == '*' && !leadingDot) {
                    starP = p++;
                    starS = s;
                    continue;
                }
                if (pc == '?' && c != '/' && !leadingDot) {
                    p++;
                    s++;
                    continue;
                }
                if (pc == '[' && c != '/' && !leadingDot) {
                    int end = classEnd(pattern, p);
                    if (end > 0) {
                        if (classMatches(pattern, p + 1, end, c)) {
                            p = end + 1;
                            s++;
                            continue;
                        }
                    } else if (c == '[') { // no closing ']': a literal '['
                        p++;
                        s++;
                        continue;
                    }
                } else if (pc == '\\' && p + 1 < pn) {
                    if (pattern.charAt(p + 1) == c) {
                        p += 2;
                        s++;
                        continue;
                    }
                } else if (pc != '*' && pc != '?' && pc != '[' && pc == c) {
                    p++;
                    s++;
                    continue;
                }
            }
            // backtrack: let the last '*' swallow one more character (never a '/')
            if (starP >= 0 && name.charAt(starS) != '/') {
                p = starP + 1;
                s = ++starS;
                continue;
            }
            return false;
        }
        while (p < pn && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pn;
    }

    /** Index of the ']' closing a class opened at {@code open}, or -1. */
    private static int classEnd(String pattern, int open) {
        int i = open + 1;
        int n = pattern.length();
        if (i < n && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < n && pattern.charAt(i) == ']') {
            i++; // a leading ']' is a member
        }
        while (i < n && pattern.charAt(i) != ']') {
            i++;
        }
        return i < n ? i : -1;
    }

    private static boolean classMatches(String pattern, int from, int end, char c) {
        boolean negate = pattern.charAt(from) == '!' || pattern.charAt(from) == '^';
        int i = negate ? from + 1 : from;
        boolean hit = false;
        boolean first = true;
        while (i < end) {
            char lo = pattern.charAt(i);
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < end && pattern.charAt(i + 1) == '-') {
                char hi = pattern.charAt(i + 2);
                if (c >= lo && c <= hi) {
                    hit = true;
                }
                i += 3;
            } else {
                if (c == lo) {
                    hit = true;
                }
                i++;
            }
        }
        return hit != negate;
    }

    /** Thrown when a directory of the pattern exists but cannot be listed. */
    static final class ListingException extends Exception {
        private static final long serialVersionUID = 1L;

        ListingException(String message) {
            super(message);
        }
    }

    /**
     * Expands an absolute pattern on the file system, component by component; stops after {@code limit}
     * matches (the caller reports the limit). Matches are sorted in byte order.
     */
    static List<Path> expand(Path pattern, int limit) throws ListingException {
        List<Path> current = new ArrayList<>();
        Path root = pattern.getRoot();
        current.add(root != null ? root : Path.of(""));
        int count = pattern.getNameCount();
        for (int k = 0; k < count; k++) {
            String comp = pattern.getName(k).toString();
            boolean last = k == count - 1;
            List<Path> next = new ArrayList<>();
            if (!isPattern(comp)) {
                String literal = unquote(comp);
                for (Path dir : current) {
                    Path p = dir.resolve(literal);
                    if (last ? Files.exists(p) : Files.isDirectory(p)) {
                        next.add(p);
                    }
                }
            } else {
                for (Path dir : current) {
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                        for (Path p : ds) {
                            String fn = p.getFileName().toString();
                            if (matches(comp, fn) && (last || Files.isDirectory(p))) {
                                next.add(p);
                                if (next.size() > limit) {
                                    break;
                                }
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        throw new ListingException("cannot list " + dir + ": " + e.getMessage());
                    }
                }
            }
            current = next;
            if (current.isEmpty()) {
                return current;
            }
        }
        current.sort(BYTE_ORDER);
        return current;
    }

    /** Expands a pattern against a fixed set of paths (an nginx -T dump). */
    static List<Path> expand(Path pattern, Collection<Path> known) {
        String pat = pattern.toString();
        List<Path> out = new ArrayList<>();
        for (Path p : known) {
            if (matches(pat, p.toString())) {
                out.add(p);
            }
        }
        out.sort(BYTE_ORDER);
        return out;
    }

    private static String unquote(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
