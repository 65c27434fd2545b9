package dev.proxylint.rules.ws;

import dev.proxylint.facts.WebSocketIntent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/** Words the WebSocket rules of both servers share. */
final class WebSocketWords {
    /** The longest first sentence (headline) of a WebSocket finding, as concise and github show it. */
    static final int HEADLINE_MAX = 100;
    /** A value is never cut shorter than this, however long the rest of its headline. */
    private static final int MIN_SHOWN = 12;

    private WebSocketWords() {
    }

    /** The closing sentence of a WebSocket route's finding: why proxylint takes it for one. */
    static String because(WebSocketIntent i) {
        return "proxylint treats it as a WebSocket route because " + i.reason() + ".";
    }

    /**
     * A finding's first sentence: {@code template} with each {@code {}} replaced by the next value,
     * the longest values cut (ending in "...") so that the sentence stays within
     * {@link #HEADLINE_MAX}. A short value is kept whole and leaves its unused share to the longer
     * ones. A cut value is written out in full in a second sentence ("In full: ..."), so the message
     * loses nothing. Templates keep a word after their last value: a period right after "..." (or
     * after a {@code >} or {@code $}) would not end the sentence.
     */
    static String headline(String template, String... values) {
        int budget = HEADLINE_MAX - (template.length() - 2 * values.length);
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> values[i].length()));
        int[] allowed = new int[values.length];
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            allowed[i] = Math.min(values[i].length(), Math.max(MIN_SHOWN, budget / (order.length - k)));
            budget -= allowed[i];
        }
        StringBuilder sb = new StringBuilder();
        Set<String> whole = new LinkedHashSet<>();
        int from = 0;
        int v = 0;
        for (int at = template.indexOf("{}"); at >= 0 && v < values.length; at = template.indexOf("{}", from)) {
            String shown = cut(values[v], allowed[v]);
            if (!shown.equals(values[v])) {
                whole.add(values[v]);
            }
            sb.append(template, from, at).append(shown);
            v++;
            from = at + 2;
        }
        sb.append(template, from, template.length());
        return whole.isEmpty() ? sb.toString() : sb + " In full: " + String.join("; ", whole) + ".";
    }

    /**
     * A value of at most {@code max} characters: itself, or its start, "..." and its end (the end of
     * a path or pattern tells it from its neighbours: {@code /api/v2/.../ws/}).
     */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int keep = Math.max(2, max - 3);
        int tail = keep / 2;
        int head = keep - tail;
        if (Character.isHighSurrogate(s.charAt(head - 1))) {
            head--; // never split a character in two
        }
        if (Character.isLowSurrogate(s.charAt(s.length() - tail))) {
            tail--;
        }
        return s.substring(0, head) + "..." + s.substring(s.length() - tail);
    }
}
