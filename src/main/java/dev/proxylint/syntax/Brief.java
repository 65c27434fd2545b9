package dev.proxylint.syntax;

/**
 * Values short enough for a finding's first sentence (its headline, at most about 100 characters):
 * the one place that cuts a long directive argument, path or host name. The message's later
 * sentences give the value whole.
 */
public final class Brief {
    private Brief() {
    }

    /**
     * {@code s} when it has at most {@code max} characters, else its first {@code max - 1} and an
     * ellipsis ({@code …}); a character outside the BMP is never split in two.
     */
    public static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int keep = Math.max(1, max - 1);
        if (Character.isHighSurrogate(s.charAt(keep - 1))) {
            keep--;
        }
        return s.substring(0, keep) + "\u2026";
    }

    /**
     * A path or pattern of at most {@code max} characters that keeps its end, where the file name
     * is ({@code …/sites-enabled/*.conf}): itself, or an ellipsis and its last {@code max - 1}
     * characters, starting at the first slash in that window when it has one (whole names rather than part of one).
     */
    public static String tail(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int from = s.length() - Math.max(1, max - 1);
        int slash = s.indexOf('/', from);
        if (slash >= 0 && slash < s.length() - 1) {
            from = slash;
        }
        if (Character.isLowSurrogate(s.charAt(from))) {
            from++;
        }
        return "\u2026" + s.substring(from);
    }
}
