package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.tls.CipherClass;
import dev.proxylint.tls.CipherList;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.TlsProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * TLS104 weak-cipher-suites: the TLS 1.2 list (with the TLS 1.2 suites TLS 1.3 lists put in front)
 * admits suites the profile excludes that are not insecure (TLS103's) but weak: static RSA key
 * exchange, no forward secrecy, CBC, a SHA-1 MAC. Once per cipher directive (or endpoint, or TLS 1.3
 * list: {@link CipherFindings#origin}).
 */
public final class Tls104WeakCipherSuites extends BaseRule {
    static final String ID = "TLS104";

    public Tls104WeakCipherSuites() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    /** An error under the modern profile (which allows no such suite at all), else the doc's level. */
    static Level level(RuleContext ctx, TlsProfile profile) {
        return profile.name().equals("modern") ? Level.ERROR : ctx.defaultLevel(ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        Predicate<CipherSuite> outside = CipherFindings.outsideProfile(profile);
        Predicate<CipherSuite> mine = s -> outside.test(s) && !CipherClass.insecure(s);
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            if (!CipherFindings.judged(e)) {
                continue;
            }
            List<CipherList.Selected> weak = new ArrayList<>(CipherClass.filter(e.ciphers(), s -> mine.test(s)
                    && (CipherClass.staticRsa(s) || CipherClass.noForwardSecrecy(s) || CipherClass.cbc(s)
                            || CipherClass.sha1Mac(s))));
            if (weak.isEmpty()) {
                continue;
            }
            weak.sort(Comparator.comparingInt(x -> CipherFindings.badness(x.suite())));
            CipherFindings.Origin from = CipherFindings.origin(e, profile, weak);
            if (!ctx.once(ID, from.where())) {
                continue;
            }
            int nfs = CipherClass.filter(e.ciphers(), s -> mine.test(s) && CipherClass.noForwardSecrecy(s)).size();
            int cbc = CipherClass.filter(e.ciphers(), s -> mine.test(s) && CipherClass.cbc(s)).size();
            int sha1 = CipherClass.filter(e.ciphers(), s -> mine.test(s) && CipherClass.sha1Mac(s)).size();
            List<String> what = new ArrayList<>();
            if (nfs > 0) {
                what.add(nfs + " without forward secrecy (static RSA key exchange)");
            }
            if (cbc > 0) {
                what.add(cbc + " CBC");
            }
            if (sha1 > 0) {
                what.add(sha1 + " with a SHA-1 MAC");
            }
            String msg = from.admits() + weak.size() + (weak.size() == 1 ? " suite" : " suites") + " the "
                    + profile.name() + " profile excludes." + from.full() + " Of them " + String.join(", ", what) + ": "
                    + CipherFindings.describe(weak, 6) + "." + from.note() + " Without forward secrecy recorded "
                    + "traffic can be decrypted once the key leaks; CBC suites have a history of padding-oracle "
                    + "attacks. Use ECDHE with AES-GCM or ChaCha20-Poly1305 only.";
            ctx.report(new Finding(ID, level(ctx, profile), msg, from.span(), List.of(), from.fix()));
        }
    }
}
