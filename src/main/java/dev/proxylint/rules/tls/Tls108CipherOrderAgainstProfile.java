package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.TlsProfile;
import java.util.List;
import java.util.Set;

/**
 * TLS108 cipher-order-against-profile: the server's cipher order is preferred where the profile does
 * not want it, or not preferred where it does. Once per directive (or endpoint, when the default applies).
 */
public final class Tls108CipherOrderAgainstProfile extends BaseRule {
    static final String ID = "TLS108";

    public Tls108CipherOrderAgainstProfile() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        boolean want = profile.serverPreferredOrder();
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            if (e.serverOrder() == want) {
                continue;
            }
            Directive od = e.orderDirective();
            if (!ctx.once(ID, od != null ? od : e.anchor())) {
                continue;
            }
            boolean ng = e.dialect() == Dialect.NGINX;
            String name = ng ? "ssl_prefer_server_ciphers" : "SSLHonorCipherOrder";
            String line = ng ? name + " " + (want ? "on" : "off") + ";" : name + " " + (want ? "on" : "off");
            TextEdit edit = od != null ? TlsEdits.replace(od, line) : TlsEdits.add(e, line);
            String msg = want
                    ? (od != null ? name + " is off, against the " + profile.name() + " profile."
                            : TlsText.label(e.label()) + " leaves " + name + " off, against the " + profile.name()
                                    + " profile." + TlsText.wholeLabel(e.label()) + " Off is the default.")
                            + " The profile lists weaker suites for old clients and needs the server's order so that "
                            + "capable clients do not pick them. Set " + TlsEdits.stripSemi(line)
                    : name + " on imposes the server's cipher order, against the " + profile.name() + " profile. "
                            + "The server picks from its own order, which the profile does not want: every suite it "
                            + "allows is strong, and clients know best whether they have AES hardware (ChaCha20 is "
                            + "faster without). Set " + TlsEdits.stripSemi(line);
            ctx.report(ID, od != null ? od.span() : e.anchor().headSpan(), msg + ".", List.of(),
                    new Fix("Set " + line, List.of(edit)));
        }
    }
}
