package dev.proxylint.rules.tls;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.facts.Facts;
import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The TLS 1.3 list ({@link Tls13Setting}) of a TLS endpoint or of a default server that decides for one
 * ({@link TlsEndpoint#deciders()}): computed at most once per config and endpoint, on first use, and
 * shared by TLS113, TLS114 and TLS115 (which run in parallel) through a fact of the config.
 */
final class Tls13Settings {
    private static final String KEY = "rules.tls.tls13-settings";

    private Tls13Settings() {
    }

    static Tls13Setting of(RuleContext ctx, TlsEndpoint e) {
        Facts facts = ctx.facts();
        Map<TlsEndpoint, Tls13Setting> cache = facts.shared(KEY,
                () -> Collections.synchronizedMap(new IdentityHashMap<TlsEndpoint, Tls13Setting>()));
        ApacheModel apache = facts.dialect() == Dialect.APACHE ? facts.apache() : null;
        return cache.computeIfAbsent(e, x -> Tls13Setting.of(x, apache, facts.settings().openssl()));
    }
}
