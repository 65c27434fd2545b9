package dev.proxylint.apache.model;

import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A RewriteRule with the RewriteConds that guard it (conditions apply to the next rule only).
 *
 * @param rule       the RewriteRule directive
 * @param conditions its RewriteCond directives, in order
 * @param location   the enclosing {@code <Location>}/{@code <Directory>} for per-directory rules, or null
 */
public record RewriteRuleEntry(Directive rule, List<Directive> conditions, Directive location) {

    public String pattern() {
        return rule.arg(0) == null ? "" : rule.arg(0);
    }

    public String target() {
        return rule.arg(1) == null ? "" : rule.arg(1);
    }

    /** The flags in {@code [P,L,NC]}, upper-cased names without values. */
    public List<String> flags() {
        return flags(rule);
    }

    static List<String> flags(Directive d) {
        List<String> out = new ArrayList<>();
        String last = d.argCount() == 0 ? "" : d.arg(d.argCount() - 1);
        if (d.argCount() >= 2 && last.startsWith("[") && last.endsWith("]")) {
            for (String f : last.substring(1, last.length() - 1).split(",")) {
                String n = f.trim();
                int eq = n.indexOf('=');
                out.add((eq >= 0 ? n.substring(0, eq) : n).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    public boolean proxied() {
        List<String> f = flags();
        return f.contains("P") || f.contains("PROXY");
    }

    public String targetScheme() {
        String t = target();
        int i = t.indexOf("://");
        return i < 0 ? "" : t.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /** The condition testing a request header, e.g. {@code Upgrade}, or null. */
    public Directive condition(String header) {
        for (Directive c : conditions) {
            if (c.argCount() >= 1 && c.arg(0).equalsIgnoreCase("%{HTTP:" + header + "}")) {
                return c;
            }
        }
        return null;
    }
}
