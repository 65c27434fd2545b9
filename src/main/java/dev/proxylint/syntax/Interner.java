package dev.proxylint.syntax;

/**
 * Shares the strings of argument values: a fleet config repeats the same few hundred values
 * ({@code on}, {@code $http_upgrade}, a certificate path) in every server, and rules ask for
 * argument values millions of times. Interned once at parse time, a value costs neither a copy of
 * the source text per lookup nor a string per argument.
 *
 * <p>One bounded table per thread (parsers run on several threads; strings are immutable, so sharing
 * them across threads is safe): open addressing over a power-of-two array, cleared when half full,
 * so it never holds more than {@value #SLOTS}/2 strings.
 */
final class Interner {
    private static final int SLOTS = 1 << 16;
    /** Longer values (Lua code, long quoted strings) are rarely repeated and are not kept. */
    static final int MAX_LENGTH = 256;
    private static final ThreadLocal<Interner> LOCAL = ThreadLocal.withInitial(Interner::new);

    private final String[] slots = new String[SLOTS];
    private int used;

    private Interner() {
    }

    /** The shared string equal to {@code text[start, end)}. */
    static String of(String text, int start, int end) {
        return LOCAL.get().lookup(text, start, end);
    }

    /** The shared string equal to {@code s}. */
    static String of(String s) {
        return LOCAL.get().lookup(s, 0, s.length());
    }

    private String lookup(String text, int start, int end) {
        int len = end - start;
        if (len > MAX_LENGTH) {
            return start == 0 && end == text.length() ? text : text.substring(start, end);
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        int mask = SLOTS - 1;
        int i = (h ^ (h >>> 16)) & mask;
        while (true) {
            String s = slots[i];
            if (s == null) {
                break;
            }
            if (s.length() == len && text.regionMatches(start, s, 0, len)) {
                return s;
            }
            i = (i + 1) & mask;
        }
        if (used >= SLOTS / 2) {
            java.util.Arrays.fill(slots, null);
            used = 0;
            i = (h ^ (h >>> 16)) & mask;
        }
        String s = start == 0 && end == text.length() ? text : text.substring(start, end);
        slots[i] = s;
        used++;
        return s;
    }
}
