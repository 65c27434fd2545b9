package dev.proxylint.rules.tls;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TLS110 backend-tls-unverified: a proxy talks TLS to its backend without checking the backend's
 * certificate (nginx {@code proxy_ssl_verify}, Apache {@code SSLProxyVerify} / {@code SSLProxyCheckPeerName}).
 * Once per proxy_pass / ProxyPass.
 */
public final class Tls110BackendTlsUnverified extends BaseRule {
    static final String ID = "TLS110";

    private static final String WHY = "so the proxy accepts any certificate and a man in the middle between "
            + "proxy and backend can read and change the traffic";

    public Tls110BackendTlsUnverified() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        if (ctx.dialect() == Dialect.NGINX) {
            nginx(ctx);
        } else {
            apache(ctx, ctx.facts().apache());
        }
    }

    private static void nginx(RuleContext ctx) {
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            String t = r.target();
            if (t == null || !t.toLowerCase(Locale.ROOT).startsWith("https://")) {
                continue;
            }
            Directive v = r.location().effective("proxy_ssl_verify");
            if ((v == null || !"on".equals(v.arg(0))) && ctx.once(ID, r.proxyPass())) {
                String why = v == null ? "proxy_ssl_verify is not set (default off)" : "proxy_ssl_verify is off";
                List<Related> rel = v == null ? List.of() : List.of(new Related(v.span(), "verification turned off here"));
                ctx.report(ID, r.proxyPass().span(), "proxy_pass " + Brief.cut(t, 44) + " does not check the backend's "
                        + "certificate." + (t.length() > 44 ? " In full: proxy_pass " + t + "." : "") + " " + why + ", " + WHY + ". Set proxy_ssl_verify on with proxy_ssl_trusted_certificate "
                        + "(and proxy_ssl_name / proxy_ssl_server_name on when the upstream name is not the "
                        + "certificate's).", rel, null);
            }
        }
    }

    private static void apache(RuleContext ctx, ApacheModel m) {
        for (ApacheScope s : m.scopes()) {
            for (ProxyPassEntry e : s.proxyPasses()) {
                String sch = e.scheme();
                if (!sch.equals("https") && !sch.equals("wss")) {
                    continue;
                }
                Directive v = proxySetting(m, s, e, "SSLProxyVerify");
                Directive pn = proxySetting(m, s, e, "SSLProxyCheckPeerName");
                String problem = null;
                List<Related> rel = new ArrayList<>();
                if (v == null || "none".equalsIgnoreCase(v.arg(0)) || "optional_no_ca".equalsIgnoreCase(v.arg(0))) {
                    problem = v == null ? "SSLProxyVerify is not set (default none)" : "SSLProxyVerify is " + v.arg(0);
                    if (v != null) {
                        rel.add(new Related(v.span(), "verification turned off here"));
                    }
                } else if (pn != null && "off".equalsIgnoreCase(pn.arg(0))) {
                    problem = "SSLProxyCheckPeerName off skips the check that the certificate names the backend";
                    rel.add(new Related(pn.span(), "name check turned off here"));
                }
                if (problem != null && ctx.once(ID, e.directive())) {
                    ctx.report(ID, e.directive().span(), e.directive().name() + " to " + Brief.cut(e.url(), 40)
                            + " does not check the backend's certificate."
                            + (e.url().length() > 40 ? " In full: " + e.directive().name() + " to " + e.url() + "." : "")
                            + " " + Character.toUpperCase(problem.charAt(0))
                            + problem.substring(1) + ", " + WHY + ". Set SSLProxyVerify "
                            + "require with SSLProxyCACertificateFile, and leave SSLProxyCheckPeerName on.", rel, null);
                }
            }
        }
    }

    /**
     * An SSLProxy* setting for a ProxyPass target: from a matching {@code <Proxy url>} section
     * (2.4.30+ allows them there), else the server's, else the main server's.
     */
    private static Directive proxySetting(ApacheModel m, ApacheScope s, ProxyPassEntry e, String name) {
        List<ApacheScope> scopes = s.isMainServer() ? List.of(s) : List.of(s, m.mainServer());
        for (ApacheScope sc : scopes) {
            Directive found = null;
            for (Directive sec : sc.proxySections()) {
                String prefix = sec.arg(0);
                boolean match = sec.is("ProxyMatch") || (prefix != null && (prefix.equals("*")
                        || e.url().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT).replace("*", ""))));
                if (!match) {
                    continue;
                }
                for (Directive d : Tree.effective(sec.children())) {
                    if (d.is(name)) {
                        found = d;
                    }
                }
            }
            if (found != null) {
                return found;
            }
        }
        return TlsEndpoint.apacheEffective(m, s, name);
    }
}
