package dev.proxylint.report;

/**
 * A finding's message in two parts: its first sentence (what is wrong and where; it stands alone and
 * is what the concise and github formats show) and the rest (why, evidence, the fix hint), which the
 * text format prints as a note and JSON and SARIF keep in the full message.
 */
public final class Headline {
    /*
     * A sentence ends at a period that follows a lower-case letter, a digit, a closing mark
     * ()]"'`), a slash or a capital after a letter, when one or more white-space characters and then a letter or an opening mark
     * ((`"'$) follow it; not after "e.g", "i.e", " vs" or "etc", and not inside a double-quoted
     * server message. A hand-written scan: reports print hundreds of thousands of these.
     */

    private Headline() {
    }

    /** The first sentence of a message (the whole message when it has one sentence). */
    public static String first(String message) {
        int i = end(message);
        return i < 0 ? message : message.substring(0, i + 1);
    }

    /** What follows the first sentence, or the empty string. */
    static String rest(String message) {
        int i = end(message);
        return i < 0 ? "" : message.substring(i + 1).strip();
    }

    private static int end(String message) {
        int quotes = 0;
        int n = message.length();
        for (int i = 0; i < n; i++) {
            char c = message.charAt(i);
            if (c == '"') {
                quotes++;
                continue;
            }
            if (c != '.' || i == 0 || !closesWord(message, i)) {
                continue;
            }
            int k = i + 1;
            while (k < n && isSpace(message.charAt(k))) {
                k++;
            }
            if (k == i + 1 || k == n || !opensWord(message.codePointAt(k))) {
                continue;
            }
            String before = message.substring(Math.max(0, i - 5), i).toLowerCase(java.util.Locale.ROOT);
            if (before.endsWith("e.g") || before.endsWith("i.e") || before.endsWith(" vs") || before.endsWith("etc")
                    || quotes % 2 == 1) {
                i = k - 1;
                continue;
            }
            return i;
        }
        return -1;
    }

    /**
     * Whether the text before the period at {@code i} ends a word: a lower-case letter, a digit, a
     * closing mark, a path's slash ({@code location /api/.}), or a capital after another letter (an
     * acronym such as {@code URI.}; a lone initial such as {@code J.} does not end a sentence).
     */
    private static boolean closesWord(String message, int i) {
        int cp = Character.codePointBefore(message, i);
        if (Character.getType(cp) == Character.LOWERCASE_LETTER || (cp >= '0' && cp <= '9') || cp == ')'
                || cp == ']' || cp == '"' || cp == '\'' || cp == '`' || cp == '/') {
            return true;
        }
        int before = i - Character.charCount(cp);
        return Character.getType(cp) == Character.UPPERCASE_LETTER && before > 0 && Character.isLetter(Character.codePointBefore(message, before));
    }

    private static boolean opensWord(int cp) {
        return Character.isLetter(cp) || cp == '(' || cp == '`' || cp == '"' || cp == '\'' || cp == '$';
    }

    /** White space as a regex's \\s: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
