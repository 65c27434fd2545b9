package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.tls.CipherClass;
import dev.proxylint.tls.CipherList;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.TlsProfile;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * TLS103 insecure-cipher-suites: the TLS 1.2 list (with the TLS 1.2 suites TLS 1.3 lists put in front)
 * admits insecure suites the profile excludes. Once per cipher directive (or endpoint, or TLS 1.3 list:
 * {@link CipherFindings#origin}).
 */
public final class Tls103InsecureCipherSuites extends BaseRule {
    static final String ID = "TLS103";

    public Tls103InsecureCipherSuites() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        Predicate<CipherSuite> outside = CipherFindings.outsideProfile(profile);
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            if (!CipherFindings.judged(e)) {
                continue;
            }
            List<CipherList.Selected> bad = CipherClass.filter(e.ciphers(), s -> outside.test(s) && CipherClass.insecure(s));
            if (bad.isEmpty()) {
                continue;
            }
            CipherFindings.Origin from = CipherFindings.origin(e, profile, bad);
            if (!ctx.once(ID, from.where())) {
                continue;
            }
            Set<String> kinds = new TreeSet<>();
            for (CipherList.Selected s : bad) {
                for (CipherClass.Weakness w : CipherClass.weaknesses(s.suite())) {
                    kinds.add(w.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            }
            ctx.report(ID, from.span(), from.admits() + bad.size() + " insecure suite" + (bad.size() == 1 ? "" : "s")
                    + "." + from.full() + " " + (kinds.size() == 1 ? "Weakness" : "Weaknesses") + " ("
                    + String.join(", ", kinds) + "): " + CipherFindings.describe(bad, 6) + "." + from.note() + " A client that offers one of them gets a "
                    + "connection that is unauthenticated, unencrypted or breakable, and an active attacker can steer the "
                    + "handshake there. Exclude them, or use the " + profile.name() + " profile's list.", List.of(),
                    from.fix());
        }
    }
}
