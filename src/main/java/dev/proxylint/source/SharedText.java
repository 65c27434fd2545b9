package dev.proxylint.source;

/**
 * Shares equal texts built at run time. A fleet config gives the same finding, with the same
 * message, related note and fix text, once per server: 21,004 servers with four such findings each
 * would otherwise keep some 50 MB of equal strings alive until the report is written.
 *
 * <p>A lossy direct-mapped cache: the slot of a text is its hash; an equal text already there is
 * returned, anything else takes the slot. Safe without locks on any number of threads: strings are
 * immutable and reference writes are atomic, so a racing reader sees either string, both correct.
 * It never holds more than {@value #SLOTS} strings.
 */
public final class SharedText {
    private static final int SLOTS = 1 << 14;
    /** Longer texts are kept as they are: comparing them costs more than they save. */
    private static final int MAX_LENGTH = 4096;
    private static final String[] SLOT = new String[SLOTS];

    private SharedText() {
    }

    /** A string equal to {@code s}: the one kept earlier when there is one, else {@code s}. */
    public static String of(String s) {
        if (s == null || s.length() > MAX_LENGTH) {
            return s;
        }
        int h = s.hashCode();
        int i = (h ^ (h >>> 14)) & (SLOTS - 1);
        String kept = SLOT[i];
        if (kept != null && kept.equals(s)) {
            return kept;
        }
        SLOT[i] = s;
        return s;
    }
}
