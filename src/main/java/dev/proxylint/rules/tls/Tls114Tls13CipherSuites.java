package dev.proxylint.rules.tls;

import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.CipherTable;
import dev.proxylint.tls.Tls13Suites;
import dev.proxylint.tls.TlsProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * TLS114 tls13-cipher-suites: the TLS 1.3 list in effect ({@link Tls13Settings}) leaves TLS 1.3 without
 * a usable suite, admits suites the profile excludes, or names suites OpenSSL ignores; and, whatever the
 * protocols, TLS 1.2 suite names in it (OpenSSL offers those for TLS 1.2). Judged where the list is
 * decided (on nginx the default server of each address), once per directive. What the messages claim was
 * observed on nginx 1.22.1 and Apache 2.4.71 with OpenSSL 3.0 (TlsCasesE2ETest, testdata/reality/README.md).
 */
public final class Tls114Tls13CipherSuites extends BaseRule {
    static final String ID = "TLS114";
    private static final String CCM_8 = "TLS_AES_128_CCM_8_SHA256";

    public Tls114Tls13CipherSuites() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    /**
     * An error when TLS 1.3 is on and no handshake can succeed (no TLS 1.3 suite at all) or no client
     * with OpenSSL's default suites can connect; else the doc's level.
     */
    static Level level(RuleContext ctx, boolean tls13On, boolean noSuite, boolean noDefault) {
        return tls13On && (noSuite || noDefault) ? Level.ERROR : ctx.defaultLevel(ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        CipherTable table = CipherTable.of(ctx.settings().openssl());
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            for (TlsEndpoint d : e.deciders()) {
                check(ctx, Tls13Settings.of(ctx, d), profile, table);
            }
        }
    }

    private static List<String> names(List<CipherSuite> ss) {
        return ss.stream().map(CipherSuite::name).distinct().toList();
    }

    private static void check(RuleContext ctx, Tls13Setting t, TlsProfile p, CipherTable table) {
        Tls13Setting.Applied a = t.effective();
        if (a == null || !t.rejected().isEmpty()) {
            return; // OpenSSL's default list, or the server does not start (TLS113)
        }
        TlsEndpoint e = t.endpoint();
        Tls13Suites.Result r = a.result();
        boolean on = t.tls13Enabled();
        Set<String> allowed = new HashSet<>(p.ciphersuites());
        List<String> outside = names(r.suites().stream().filter(s -> !allowed.contains(s.name())).toList());
        boolean noSuite = r.suites().isEmpty();
        boolean noDefault = !noSuite && r.suites().stream().noneMatch(CipherSuite::tls13Default);
        boolean ignored = !r.unknown().isEmpty() || !r.inert().isEmpty();
        boolean report = !r.tls12().isEmpty() || (on && (noSuite || noDefault || !outside.isEmpty() || ignored));
        Directive d = a.directive();
        if (!report || !ctx.once(ID, d)) {
            return;
        }
        boolean ng = e.dialect() == Dialect.NGINX;
        String what = a.text();
        String profileList = "the " + p.name() + " profile's list " + p.ciphersuitesString();
        List<String> twelve = new ArrayList<>();
        for (CipherSuite s : r.tls12()) {
            twelve.add(s.ianaName() + " (" + s.name() + ")");
        }
        twelve = twelve.stream().distinct().toList();
        String twelveWhy = ": OpenSSL accepts IANA names of TLS 1.2 suites in this list and offers those suites for "
                + "TLS 1.2 ahead of " + (ng ? "ssl_ciphers" : "SSLCipherSuite") + ", even where the cipher string "
                + "excludes them.";
        String head = null;
        List<String> more = new ArrayList<>();
        String advice = "Use " + profileList + ".";
        String name = TlsText.listName(a);
        if (on && noSuite) {
            String enabled = "TLS 1.3 is enabled (" + protocolSource(e) + ")";
            String refuses = ": OpenSSL then refuses every handshake, TLS 1.2 ones included (\"no ciphers available: No "
                    + "ciphers enabled for max supported SSL/TLS version\", which "
                    + (ng ? "nginx logs at level crit" : "Apache logs only at LogLevel ssl:info") + ").";
            if (a.value().isEmpty()) {
                head = what + " empties the TLS 1.3 suite list, so every handshake fails.";
                more.add(enabled + refuses);
            } else if (!twelve.isEmpty()) {
                head = name + " names only TLS 1.2 suites, so every handshake fails.";
                more.add(what + " names " + TlsText.join(twelve) + ", so no TLS 1.3 suite is left while " + enabled + refuses);
            } else {
                head = name + " names no TLS 1.3 suite OpenSSL can use, so every handshake fails.";
                more.add(what + " leaves no TLS 1.3 suite while " + enabled + refuses);
            }
            advice = "Use " + profileList + "; if TLS 1.3 is not wanted, turn it off (" + (ng ? "ssl_protocols TLSv1.2"
                    : "SSLProtocol -all +TLSv1.2") + ") rather than leaving its list without suites.";
        } else {
            if (on && noDefault) {
                head = name + " leaves TLS 1.3 no suite that OpenSSL clients offer by default.";
                more.add(what + " leaves only " + TlsText.join(names(r.suites())) + " for TLS 1.3.");
                more.add("Handshakes of OpenSSL clients fail with \"no shared cipher\" (they offer "
                        + TlsText.join(names(table.tls13Defaults())) + "), and the server does not fall back to TLS 1.2 "
                        + "for them.");
            } else if (on && !outside.isEmpty()) {
                head = name + " admits " + outside.size() + " TLS 1.3 suite" + (outside.size() == 1 ? "" : "s") + " the "
                        + p.name() + " profile excludes.";
                more.add(what + " admits " + TlsText.join(outside) + " for TLS 1.3.");
                if (outside.contains(CCM_8)) {
                    more.add(CCM_8 + " is AES-CCM with an 8-byte tag, so only 64-bit integrity protection.");
                }
            }
            if (!twelve.isEmpty()) {
                String w = twelve.size() == 1 ? "the TLS 1.2 suite " : "the TLS 1.2 suites ";
                if (head == null) {
                    head = name + " names " + (twelve.size() == 1 ? "a TLS 1.2 suite" : twelve.size() + " TLS 1.2 suites")
                            + ", which OpenSSL offers for TLS 1.2.";
                    more.add(what + " names " + w + TlsText.join(twelve) + twelveWhy);
                } else {
                    more.add("It also names " + w + TlsText.join(twelve) + twelveWhy);
                }
            }
        }
        if (on && ignored) {
            List<String> parts = new ArrayList<>();
            if (!r.unknown().isEmpty()) {
                parts.add(TlsText.unknownNames(r.unknown(), table));
            }
            if (!r.inert().isEmpty()) {
                parts.add((parts.isEmpty() ? "OpenSSL" : "it") + " knows " + TlsText.join(r.inert().stream().distinct().toList())
                        + " but has no such suite to offer");
            }
            String s = String.join(", and ", parts) + "; it skips " + (r.unknown().size() + r.inert().size() == 1 ? "that name"
                    : "those names") + " silently, so TLS 1.3 offers "
                    + (r.suites().isEmpty() ? "no suite" : "only " + TlsText.join(names(r.suites()))) + ".";
            if (head == null) {
                long n = Stream.concat(r.unknown().stream(), r.inert().stream()).distinct().count();
                head = name + " has " + (n == 1 ? "a name" : n + " names") + " OpenSSL skips silently.";
                more.add(what + ": " + s + " Had no name been left, the server would not start.");
            } else {
                more.add(Character.toUpperCase(s.charAt(0)) + s.substring(1));
            }
        }
        List<String> sentences = new ArrayList<>();
        sentences.add(head);
        sentences.addAll(more);
        sentences.add(advice);
        ctx.report(new Finding(ID, level(ctx, on, noSuite, noDefault), String.join(" ", sentences), d.span(), List.of(),
                TlsFixes.tls13Fix(d, p)));
    }

    /** "ssl_protocols TLSv1.2 TLSv1.3" or how the default was chosen. */
    private static String protocolSource(TlsEndpoint e) {
        Directive pd = e.protocolsDirective();
        if (pd != null) {
            return pd.name() + " " + String.join(" ", pd.values());
        }
        return e.protocolsDefault();
    }
}
