package dev.proxylint.facts;

import dev.proxylint.source.Span;
import java.util.List;
import java.util.Locale;

/**
 * Why proxylint believes a proxied route must carry WebSocket upgrades. One definition for every
 * rule family (WebSocket and timeout rules alike).
 *
 * @param reason   human words for the message ("its path /ws looks like a socket endpoint")
 * @param evidence where that shows, or null (e.g. {@code websocket: always})
 */
public record WebSocketIntent(String reason, Span evidence) {

    /**
     * Whether a location path or regex names a socket endpoint: one of its segments equals one of
     * the configured names ({@code /ws}, {@code /api/socket.io/}, {@code ~ ^/(ws|cable)$}).
     */
    public static String socketSegment(String pattern, List<String> names) {
        // fleets repeat the same few location patterns in every server: decide each distinct one once
        Memo m = memo;
        if (m == null || !m.names.equals(names)) {
            m = new Memo(List.copyOf(names));
            memo = m;
        }
        List<String> configured = m.names;
        return m.found.get(pattern, p -> segment(p, configured));
    }

    /** The segment verdicts for one list of socket names (the settings of the run). */
    private record Memo(List<String> names, dev.proxylint.source.BoundedMemo<String> found) {
        Memo(List<String> names) {
            this(names, new dev.proxylint.source.BoundedMemo<>(4096));
        }
    }

    private static volatile Memo memo;

    private static String segment(String pattern, List<String> names) {
        String p = pattern.toLowerCase(Locale.ROOT).replace("\\", "");
        // split on everything that cannot be part of a segment name
        StringBuilder seg = new StringBuilder();
        for (int i = 0; i <= p.length(); i++) {
            char c = i < p.length() ? p.charAt(i) : '/';
            if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') {
                seg.append(c);
            } else {
                String s = seg.toString();
                while (s.endsWith(".")) {
                    s = s.substring(0, s.length() - 1); // "socket.io." from a regex like socket.io.*
                }
                if (!s.isEmpty() && names.contains(s)) {
                    return s;
                }
                seg.setLength(0);
            }
        }
        return null;
    }
}
