package dev.proxylint.report;

/**
 * Terminal cell widths, for putting carets under the right characters: tabs expand to the next
 * multiple of {@link #TAB}, East Asian wide and fullwidth characters (and most emoji) take two
 * cells, combining marks and format characters none. Control characters are shown as {@code ?} so
 * that a config file cannot send escape sequences to the terminal.
 */
final class DisplayWidth {
    static final int TAB = 8;

    private DisplayWidth() {
    }

    /** Cells a code point takes (tab excluded: it depends on the column). */
    static int of(int cp) {
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            return 1; // shown as '?'
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x200B) {
            return 0;
        }
        if (isWide(cp)) {
            return 2;
        }
        return 1;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0x303E)
                || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    /**
     * Renders {@code line} for display and returns the display text plus the cell column of each
     * UTF-16 index (array of length {@code line.length() + 1}).
     */
    static Rendered render(String line) {
        if (plain(line)) {
            return new Rendered(line, null); // one cell per character, shown as it is
        }
        StringBuilder sb = new StringBuilder(line.length() + 8);
        int[] cells = new int[line.length() + 1];
        int col = 0;
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int n = Character.charCount(cp);
            for (int k = 0; k < n; k++) {
                cells[i + k] = col;
            }
            if (cp == '\t') {
                int w = TAB - (col % TAB);
                sb.append(" ".repeat(w));
                col += w;
            } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
                sb.append('?');
                col++;
            } else {
                sb.appendCodePoint(cp);
                col += of(cp);
            }
            i += n;
        }
        cells[line.length()] = col;
        return new Rendered(sb.toString(), cells);
    }

    /** Printable ASCII only: the common line, which needs no copy and no cell table. */
    private static boolean plain(String line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The display text, and the cell column of each UTF-16 index (null: the index itself). */
    record Rendered(String text, int[] cells) {
        int cell(int index) {
            return cells == null ? index : cells[index];
        }
    }
}
