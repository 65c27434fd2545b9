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
}
