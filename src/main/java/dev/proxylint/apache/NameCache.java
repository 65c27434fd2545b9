package dev.proxylint.apache;

/**
 * Reuses the String of a directive name already seen in this file: big configs repeat a few
 * hundred names millions of times. A small direct-mapped table keyed by the characters' hash.
 */
final class NameCache {
    private final String[] table = new String[1024];

    String get(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        int slot = (h ^ (h >>> 16)) & (table.length - 1);
        String s = table[slot];
        int len = end - start;
        if (s != null && s.length() == len && text.regionMatches(start, s, 0, len)) {
            return s;
        }
        s = text.substring(start, end);
        table[slot] = s;
        return s;
    }
}
