package dev.proxylint.rules;

import java.util.Map;

/**
 * What rules may read beyond the config: target versions, TLS profile, WebSocket intent mode and
 * per-rule options from {@code .proxylint.yml}.
 *
 * @param nginxVersion  target nginx version, or null when unknown (rules assume older behaviour)
 * @param apacheVersion target Apache version, or null when unknown
 * @param tlsProfile    profile name, e.g. {@code mozilla-intermediate}
 * @param websocket     {@code auto} (infer intent), {@code always} (every proxied route needs upgrades)
 *                      or {@code never}
 * @param ruleOptions   rule id → option name → value (strings, numbers, lists)
 */
public record RuleSettings(String nginxVersion, String apacheVersion, String tlsProfile, String websocket,
        Map<String, Map<String, Object>> ruleOptions) {

    public static RuleSettings defaults() {
        return new RuleSettings(null, null, "mozilla-intermediate", "auto", Map.of());
    }

    /** A rule option, or the given default. */
    public Object option(String ruleId, String name, Object dflt) {
        Map<String, Object> m = ruleOptions.get(ruleId);
        if (m == null || !m.containsKey(name)) {
            return dflt;
        }
        return m.get(name);
    }

    public long longOption(String ruleId, String name, long dflt) {
        Object o = option(ruleId, name, dflt);
        return o instanceof Number n ? n.longValue() : Long.parseLong(o.toString().trim());
    }
}
