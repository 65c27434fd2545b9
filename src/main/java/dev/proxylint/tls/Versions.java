package dev.proxylint.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Version strings of nginx ("1.27.3"), Apache httpd ("2.4.62") and OpenSSL ("3.0.22", "1.1.1w"):
 * parsing and comparison in one place. Numeric parts compare numerically; a trailing letter
 * (OpenSSL's patch letters) compares after the number, so 1.1.1w &gt; 1.1.1 and 1.1.1w &gt; 1.1.1k.
 * Missing parts count as 0, so "1.27" equals "1.27.0".
 */
public final class Versions {
    private Versions() {
    }

    /** A parsed version. */
    public record Version(List<Integer> parts, String suffix, String text) implements Comparable<Version> {
        public int part(int i) {
            return i < parts.size() ? parts.get(i) : 0;
        }

        @Override
        public int compareTo(Version o) {
            int n = Math.max(parts.size(), o.parts.size());
            for (int i = 0; i < n; i++) {
                int c = Integer.compare(part(i), o.part(i));
                if (c != 0) {
                    return c;
                }
            }
            return suffix.compareTo(o.suffix);
        }

        public boolean atLeast(String other) {
            return compareTo(Versions.require(other)) >= 0;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Parses "1.2.3", "1.1.1w", "nginx/1.22.1", "Apache/2.4.62 (Debian)"; empty when no number found. */
    public static Optional<Version> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        int i = 0;
        int n = s.length();
        while (i < n && !Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return Optional.empty();
        }
        int start = i;
        List<Integer> parts = new ArrayList<>();
        while (true) {
            int j = i;
            long value = 0;
            while (j < n && Character.isDigit(s.charAt(j)) && j - i < 9) {
                value = value * 10 + (s.charAt(j) - '0');
                j++;
            }
            if (j == i) {
                break;
            }
            parts.add((int) value);
            i = j;
            if (i + 1 < n && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        int k = i;
        while (k < n && Character.isLetter(s.charAt(k)) && Character.isLowerCase(s.charAt(k))) {
            k++;
        }
        String suffix = s.substring(i, k);
        return Optional.of(new Version(List.copyOf(parts), suffix, s.substring(start, k)));
    }

    /**
     * Whether {@code s} is a plain version: one to {@code maxParts} runs of ASCII digits separated by
     * single dots, nothing else (what {@code --nginx-version}, {@code .proxylint.yml} and httpd's
     * mod_version accept).
     */
    public static boolean isPlain(String s, int maxParts) {
        return s != null && s.matches("\\d+(\\.\\d+){0," + (maxParts - 1) + "}");
    }

    static Version require(String s) {
        return parse(s).orElseThrow(() -> new IllegalArgumentException("not a version: " + s));
    }

    /** Negative, zero or positive like {@link Comparable}; both strings must contain a version. */
    public static int compare(String a, String b) {
        return require(a).compareTo(require(b));
    }

    /** True when {@code version} is at least {@code since}. */
    public static boolean atLeast(String version, String since) {
        return compare(version, since) >= 0;
    }
}
