package dev.proxylint.rules.tls;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.facts.Facts;
import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The TLS 1.3 list ({@link Tls13Setting}) of every TLS endpoint of a config and of the default servers
 * that decide for them ({@link TlsEndpoint#deciders()}), computed once per config as a shared fact and
 * read by TLS113, TLS114 and TLS115.
 */
final class Tls13Settings {
    private static final String KEY = "rules.tls.tls13-settings";

    private Tls13Settings() {
    }

    /** The setting of {@code e}, an endpoint of {@code ctx}'s config or one of their deciders. */
    static Tls13Setting of(RuleContext ctx, TlsEndpoint e) {
        Facts facts = ctx.facts();
        Tls13Setting t = facts.shared(KEY, () -> build(facts)).get(e);
        return t != null ? t : Tls13Setting.of(e, apache(facts), facts.settings().openssl());
    }

    private static ApacheModel apache(Facts facts) {
        return facts.dialect() == Dialect.APACHE ? facts.apache() : null;
    }

    private static Map<TlsEndpoint, Tls13Setting> build(Facts facts) {
        Map<TlsEndpoint, Tls13Setting> out = new IdentityHashMap<>();
        ApacheModel apache = apache(facts);
        for (TlsEndpoint e : facts.tlsEndpoints()) {
            out.computeIfAbsent(e, x -> Tls13Setting.of(x, apache, facts.settings().openssl()));
            for (TlsEndpoint.Source s : e.sources()) {
                if (s.decider() != null) {
                    out.computeIfAbsent(s.decider(), x -> Tls13Setting.of(x, apache, facts.settings().openssl()));
                }
            }
        }
        return out;
    }
}
