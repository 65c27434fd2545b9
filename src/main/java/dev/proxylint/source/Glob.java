package dev.proxylint.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Shell-style wildcards as the servers' include directives use them: {@code *} any run,
 * {@code ?} one character, {@code [a-z]} / {@code [!a-z]} / {@code [^a-z]} classes (a leading
 * {@code ]} is a member, an unclosed {@code [} is a literal), {@code \x} a literal x. Matching is
 * iterative (no recursion). The two servers differ in two details, given as a {@link Flavor}: what
 * counts as a pattern and how a leading period of a file name must be matched. Matches are listed
 * in byte order, as both sort them (glob(3) in the C locale, httpd with strcmp).
 */
public final class Glob {
    private Glob() {
    }

    /** Whose wildcards. */
    public enum Flavor {
        /**
         * nginx's include: glob(3) without flags. Any {@code * ? [} makes a pattern (quoted or not);
         * wildcards never match {@code /} nor a leading {@code .} of a name (also after a {@code /}),
         * a literal or quoted period does.
         */
        NGINX,
        /**
         * httpd's Include/IncludeOptional: apr_fnmatch with APR_FNM_PERIOD, one path component at a
         * time. Only an unquoted {@code * ? [} makes a pattern; a name with a leading period matches
         * only a pattern that starts with a period.
         */
        APACHE
    }

    /** Whether a pattern (a path or one component) holds a wildcard, as the flavor's server decides it. */
    public static boolean isPattern(String s, Flavor flavor) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return true;
            }
            if (c == '\\' && flavor == Flavor.APACHE) {
                i++;
            }
        }
        return false;
    }

    /**
     * Whether a whole path (or file name) matches a pattern; wildcards do not cross {@code /}. The
     * {@link Flavor#APACHE} flavor is meant for one component (a name without {@code /}).
     */
    public static boolean matches(String pattern, String name, Flavor flavor) {
        if (flavor == Flavor.APACHE && name.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
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

    /** The order of the UTF-8 bytes of two names (strcmp, glob(3) in the C locale): code point order. */
    public static int byteOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Paths in {@link #byteOrder} of their text. */
    public static final Comparator<Path> BYTE_ORDER = (a, b) -> byteOrder(a.toString(), b.toString());

    /** Thrown when a directory of the pattern exists but cannot be listed. */
    public static final class ListingException extends Exception {
        private static final long serialVersionUID = 1L;

        ListingException(String message) {
            super(message);
        }
    }

    /**
     * Expands an absolute pattern on the file system as nginx's glob(3) does, component by component;
     * stops after {@code limit} matches (the caller reports the limit). Matches are sorted in byte order.
     */
    public static List<Path> expand(Path pattern, int limit) throws ListingException {
        List<Path> current = new ArrayList<>();
        Path root = pattern.getRoot();
        current.add(root != null ? root : Path.of(""));
        int count = pattern.getNameCount();
        for (int k = 0; k < count; k++) {
            String comp = pattern.getName(k).toString();
            boolean last = k == count - 1;
            List<Path> next = new ArrayList<>();
            if (!isPattern(comp, Flavor.NGINX)) {
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
                            if (matches(comp, fn, Flavor.NGINX) && (last || Files.isDirectory(p))) {
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

    /** Expands an nginx pattern against a fixed set of paths (an {@code nginx -T} dump), in byte order. */
    public static List<Path> expand(Path pattern, Collection<Path> known) {
        String pat = pattern.toString();
        List<Path> out = new ArrayList<>();
        for (Path p : known) {
            if (matches(pat, p.toString(), Flavor.NGINX)) {
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
