package dev.proxylint.rules.tls;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.ProtocolSpec;
import dev.proxylint.tls.TlsVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TLS111 backend-legacy-protocols: the protocols a proxy may use towards TLS backends
 * ({@code proxy_ssl_protocols}, {@code SSLProxyProtocol}) include versions below TLS 1.2. Judged for
 * each TLS backend, once per directive.
 */
public final class Tls111BackendLegacyProtocols extends BaseRule {
    static final String ID = "TLS111";

    public Tls111BackendLegacyProtocols() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        OpensslVersion openssl = ctx.settings().openssl();
        if (ctx.dialect() == Dialect.NGINX) {
            for (NginxRoute r : ctx.facts().nginxRoutes()) {
                String t = r.target();
                if (t == null || !t.toLowerCase(Locale.ROOT).startsWith("https://")) {
                    continue;
                }
                Directive p = r.location().effective("proxy_ssl_protocols");
                if (p != null) {
                    check(ctx, p, ProtocolSpec.nginx(p.values(), openssl), "proxy_ssl_protocols TLSv1.2 TLSv1.3;");
                }
            }
            return;
        }
        ApacheModel m = ctx.facts().apache();
        for (ApacheScope s : m.scopes()) {
            for (ProxyPassEntry e : s.proxyPasses()) {
                String sch = e.scheme();
                if (!sch.equals("https") && !sch.equals("wss")) {
                    continue;
                }
                Directive p = TlsEndpoint.apacheEffective(m, s, "SSLProxyProtocol");
                if (p != null) {
                    check(ctx, p, ProtocolSpec.apache(p.values(), openssl), "SSLProxyProtocol -all +TLSv1.2 +TLSv1.3");
                }
            }
        }
    }

    private static void check(RuleContext ctx, Directive p, ProtocolSpec.Result r, String line) {
        EnumSet<TlsVersion> low = EnumSet.noneOf(TlsVersion.class);
        for (TlsVersion v : r.configured()) {
            if (v.ordinal() < TlsVersion.TLSv1_2.ordinal()) {
                low.add(v);
            }
        }
        if (low.isEmpty() || !ctx.once(ID, p)) {
            return;
        }
        ctx.report(ID, p.span(), p.name() + " lets the proxy talk " + TlsText.names(low) + " to backends. A "
                + "backend (or a man in the middle) can then push the connection down to a protocol with a weak handshake "
                + "and no AEAD ciphers. Allow TLSv1.2 and TLSv1.3 only: " + TlsEdits.stripSemi(line) + ".", List.of(),
                new Fix("Use " + line, List.of(TlsEdits.replace(p, line))));
    }
}
