package dev.proxylint.rules;

import dev.proxylint.facts.FactSettings;
import dev.proxylint.tls.OpensslVersion;
import java.util.List;
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
 * @param websocketPaths path segments that mark a socket endpoint ({@code ws}, {@code socket.io}, ...)
 * @param ruleOptions   rule id → option name → value (strings, numbers, lists)
 * @param opensslVersion the OpenSSL the servers are built with, or null when not given: the tables
 *                      then model {@link OpensslVersion#DEFAULT} (OpenSSL 3), see {@link #openssl()}
 */
public record RuleSettings(String nginxVersion, String apacheVersion, String tlsProfile, String websocket,
        List<String> websocketPaths, Map<String, Map<String, Object>> ruleOptions, OpensslVersion opensslVersion) {

    /** Settings without an OpenSSL version (the OpenSSL 3 behaviour applies). */
    public RuleSettings(String nginxVersion, String apacheVersion, String tlsProfile, String websocket,
            List<String> websocketPaths, Map<String, Map<String, Object>> ruleOptions) {
        this(nginxVersion, apacheVersion, tlsProfile, websocket, websocketPaths, ruleOptions, null);
    }

    /** The OpenSSL whose behaviour TLS rules model: the one given, else the default (OpenSSL 3). */
    public OpensslVersion openssl() {
        return opensslVersion != null ? opensslVersion : OpensslVersion.DEFAULT;
    }

    public RuleSettings withOpenssl(OpensslVersion v) {
        return new RuleSettings(nginxVersion, apacheVersion, tlsProfile, websocket, websocketPaths, ruleOptions, v);
    }

    /** Path segments that, by common convention, name a WebSocket endpoint. */
    public static final List<String> DEFAULT_WEBSOCKET_PATHS = FactSettings.DEFAULT_WEBSOCKET_PATHS;

    /** The part of these settings that facts depend on. */
    public FactSettings facts() {
        return new FactSettings(nginxVersion, apacheVersion, tlsProfile, websocket, websocketPaths, opensslVersion);
    }

    public static RuleSettings defaults() {
        return new RuleSettings(null, null, "mozilla-intermediate", "auto", DEFAULT_WEBSOCKET_PATHS, Map.of());
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
