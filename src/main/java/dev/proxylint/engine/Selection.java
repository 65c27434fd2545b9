package dev.proxylint.engine;

import dev.proxylint.rules.Level;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which rules run and at what level: {@code --select}/{@code --ignore} take rule ids, families or
 * id prefixes ({@code WS}, {@code CFG12}, {@code TLS101}); the most specific match wins (an id beats
 * a prefix, a longer prefix a shorter one, a tie goes to --ignore); level overrides come from the
 * config file.
 */
public record Selection(Set<String> select, Set<String> ignore, Map<String, Level> levels) {

    public static Selection all() {
        return new Selection(Set.of(), Set.of(), Map.of());
    }

    private static String family(String id) {
        int i = 0;
        while (i < id.length() && Character.isLetter(id.charAt(i))) {
            i++;
        }
        return id.substring(0, i);
    }

    /**
     * How specifically a pattern names a rule id: 0 not at all, 1 for ALL, then the length of the
     * prefix it shares ({@code WS}, {@code CFG12}, {@code TLS10}: a family or any longer prefix of the
     * id, as ruff's selectors), and the most for the id itself.
     */
    private static int match(Collection<String> patterns, String id) {
        int best = 0;
        for (String p : patterns) {
            String q = p.trim().toUpperCase(Locale.ROOT);
            if (q.equals(id)) {
                return 1000;
            }
            if (q.equals("ALL")) {
                best = Math.max(best, 1);
            } else if (isPrefix(q, id)) {
                best = Math.max(best, 1 + q.length());
            }
        }
        return best;
    }

    /** Whether {@code q} is a family ({@code WS}) or a longer prefix ({@code WS10}) of {@code id}. */
    public static boolean isPrefix(String q, String id) {
        return id.startsWith(q) && q.length() >= family(id).length();
    }

    /** Whether findings of this rule are kept. Syntax errors are kept unless ignored by id or family. */
    public boolean enabled(String id) {
        int s = select.isEmpty() ? 1 : match(select, id);
        int i = match(ignore, id);
        if (id.startsWith("SYN") && s == 0 && i == 0) {
            return true; // a config that does not parse is never silently a pass
        }
        return s > i;
    }

    public Level level(String id, Level dflt) {
        Level l = levels.get(id);
        if (l == null) {
            l = levels.get(family(id));
        }
        return l != null ? l : dflt;
    }
}
