package dev.proxylint.rules.tls;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * TLS109 apache-cipher-suite-syntax: SSLCipherSuite / SSLProxyCipherSuite split by an unquoted blank,
 * or a protocol selector in the wrong case. Once per directive.
 */
public final class Tls109ApacheCipherSuiteSyntax extends BaseRule {
    static final String ID = "TLS109";

    public Tls109ApacheCipherSuiteSyntax() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            for (Directive d : s.directives()) {
                if ((d.is("SSLCipherSuite") || d.is("SSLProxyCipherSuite")) && ctx.once(ID, d)) {
                    check(ctx, d);
                }
            }
        }
    }

    private static void check(RuleContext ctx, Directive d) {
        List<String> vs = d.values();
        if (vs.isEmpty()) {
            return;
        }
        boolean hasProto = vs.size() >= 2 && (vs.get(0).equalsIgnoreCase("SSL") || vs.get(0).equalsIgnoreCase("TLSv1.3"));
        String proto = hasProto ? (vs.get(0).equalsIgnoreCase("SSL") ? "SSL" : "TLSv1.3") : null;
        int specStart = hasProto ? 1 : 0;
        boolean badCase = hasProto && !vs.get(0).equals(proto);
        boolean split = vs.size() - specStart > 1;
        if (!badCase && !split) {
            return;
        }
        List<String> spec = vs.subList(specStart, vs.size());
        String joined = String.join(" ", spec);
        String fixed = d.name() + (proto != null ? " " + proto : "") + (split ? " \"" + joined + "\"" : " " + joined);
        String msg;
        if (badCase) {
            msg = d.name() + " " + vs.get(0) + " has its protocol selector in the wrong case, so httpd refuses to start. "
                    + "httpd matches the selector case-sensitively and knows only 'SSL' and 'TLSv1.3' (\"protocol '"
                    + vs.get(0) + "' not supported\")"
                    + (split ? "; the cipher list is split by an unquoted blank as well" : "")
                    + ". Write " + proto + ".";
        } else {
            msg = d.name() + " has an unquoted blank in its cipher list, so httpd misreads the line. It reads '"
                    + vs.get(0) + "' as a protocol selector"
                    + (vs.size() > 2 ? " and then rejects the extra arguments (it takes 1-2)" : " and refuses to start"
                            + " (\"protocol '" + vs.get(0) + "' not supported\")")
                    + ". Join the list with ':' or quote it.";
        }
        ctx.report(ID, d.span(), msg, List.of(), new Fix("Write " + fixed, List.of(TlsEdits.replace(d, fixed))));
    }
}
