package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.TlsProfile;
import dev.proxylint.tls.TlsVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * TLS112 apache-protocol-override: an SSLProtocol word without + or - after the first one replaces
 * everything before it. Reported once per directive.
 */
public final class Tls112ApacheProtocolOverride extends BaseRule {
    static final String ID = "TLS112";

    public Tls112ApacheProtocolOverride() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            Directive pd = e.protocolsDirective();
            if (pd == null || !e.protocols().ok()) {
                continue;
            }
            List<String> lost = overridden(pd);
            if (lost.isEmpty() || !ctx.once(ID, pd)) {
                continue;
            }
            List<String> ws = pd.values();
            Set<TlsVersion> eff = e.protocols().effective();
            String off = eff.contains(TlsVersion.TLSv1_3) ? "" : " TLSv1.3 is off as well.";
            String words = String.join(" ", ws);
            ctx.report(ID, pd.span(), "SSLProtocol " + Brief.cut(words, 48) + " enables only " + TlsText.names(eff)
                    + "." + (words.length() > 48 ? " In full: SSLProtocol " + words + "." : "")
                    + " A protocol word without + or - replaces everything before it, so '"
                    + String.join(" ", new LinkedHashSet<>(lost)) + "' has no effect (httpd logs \"overrides already "
                    + "set parameter(s). Check if a +/- prefix is missing\")." + off + " Write the set with + and -, e.g. "
                    + profile.apacheProtocolLine() + ".", List.of(), TlsFixes.protocolFix(e, profile));
        }
    }

    /**
     * The words of an SSLProtocol line that a later word without + or - replaces (with repeats), empty
     * when none is replaced. TLS116 leaves such a line to this rule.
     */
    static List<String> overridden(Directive pd) {
        List<String> ws = pd.values();
        List<String> lost = new ArrayList<>();
        for (int i = 1; i < ws.size(); i++) {
            String w = ws.get(i);
            if (!w.startsWith("+") && !w.startsWith("-")) {
                lost.addAll(ws.subList(0, i));
            }
        }
        return lost;
    }
}
