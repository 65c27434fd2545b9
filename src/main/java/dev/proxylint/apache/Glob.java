package dev.proxylint.apache;

/** Shell-style wildcard matching as httpd's Include uses it (apr_fnmatch with APR_FNM_PERIOD). */
final class Glob {
    private Glob() {
    }

    /** Whether a path component holds a wildcard ({@code * ? [}). */
    static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return true;
            }
            if (c == '\\') {
                i++;
            }
        }
        return false;
    }

    /**
     * Whether a file name matches a pattern: {@code *} any run, {@code ?} one character,
     * {@code [a-z]} / {@code [!a-z]} / {@code [^a-z]} classes, {@code \x} a literal x. A leading
     * period of the name must be matched by a literal period. Iterative (no recursion).
     */
    static boolean match(String pat, String name) {
        if (name.startsWith(".") && !pat.startsWith(".")) {
            return false;
        }
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = -1;
        int pl = pat.length();
        int nl = name.length();
        while (n < nl) {
            if (p < pl) {
                char c = pat.charAt(p);
                if (c == '*') {
                    starP = ++p;
                    starN = n;
                    continue;
                }
                if (c == '?') {
                    p++;
                    n++;
                    continue;
                }
                if (c == '[') {
                    int close = classEnd(pat, p);
                    if (close > 0) {
                        if (classMatches(pat, p + 1, close, name.charAt(n))) {
                            p = close + 1;
                            n++;
                            continue;
                        }
                    } else if (name.charAt(n) == '[') {
                        p++;
                        n++;
                        continue;
                    }
                } else {
                    char lit = c;
                    int step = 1;
                    if (c == '\\' && p + 1 < pl) {
                        lit = pat.charAt(p + 1);
                        step = 2;
                    }
                    if (lit == name.charAt(n)) {
                        p += step;
                        n++;
                        continue;
                    }
                }
            }
            if (starP >= 0) {
                p = starP;
                n = ++starN;
                continue;
            }
            return false;
        }
        while (p < pl && pat.charAt(p) == '*') {
            p++;
        }
        return p == pl;
    }

    private static int classEnd(String pat, int open) {
        int i = open + 1;
        if (i < pat.length() && (pat.charAt(i) == '!' || pat.charAt(i) == '^')) {
            i++;
        }
        if (i < pat.length() && pat.charAt(i) == ']') {
            i++;
        }
        while (i < pat.length()) {
            if (pat.charAt(i) == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean classMatches(String pat, int from, int close, char c) {
        boolean neg = false;
        int i = from;
        if (pat.charAt(i) == '!' || pat.charAt(i) == '^') {
            neg = true;
            i++;
        }
        boolean hit = false;
        boolean first = true;
        while (i < close) {
            char a = pat.charAt(i);
            if (a == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < close && pat.charAt(i + 1) == '-') {
                char b = pat.charAt(i + 2);
                if (c >= a && c <= b) {
                    hit = true;
                }
                i += 3;
            } else {
                if (c == a) {
                    hit = true;
                }
                i++;
            }
        }
        return hit != neg;
    }
}
