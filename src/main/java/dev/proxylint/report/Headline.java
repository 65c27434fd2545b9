package dev.proxylint.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finding's message in two parts: its first sentence (what is wrong and where; it stands alone and
 * is what the concise and github formats show) and the rest (why, evidence, the fix hint), which the
 * text format prints as a note and JSON and SARIF keep in the full message.
 */
public final class Headline {
    /** A sentence ends at a period after a word, a number or a closing mark, before the next word or a quote. */
    private static final Pattern END = Pattern.compile("(?<=[\\p{Ll}0-9)\\]\"'`])\\.\\s+(?=[\\p{L}(`\"'$])");

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

    /** Whether an odd number of double quotes stands before a position (a quoted server message). */
    private static boolean insideQuote(String message, int at) {
        int n = 0;
        for (int i = 0; i < at; i++) {
            if (message.charAt(i) == '"') {
                n++;
            }
        }
        return n % 2 == 1;
    }

    private static int end(String message) {
        Matcher m = END.matcher(message);
        while (m.find()) {
            String before = message.substring(Math.max(0, m.start() - 5), m.start()).toLowerCase(java.util.Locale.ROOT);
            if (before.endsWith("e.g") || before.endsWith("i.e") || before.endsWith(" vs") || before.endsWith("etc")
                    || insideQuote(message, m.start())) {
                continue;
            }
            return m.start();
        }
        return -1;
    }
}
