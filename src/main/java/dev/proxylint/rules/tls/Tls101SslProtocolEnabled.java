package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.TlsProfile;
import dev.proxylint.tls.TlsVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * TLS101 ssl-protocol-enabled: {@code ssl_protocols} / {@code SSLProtocol} asks for SSLv2 or SSLv3.
 * Judged where the protocols are decided (on nginx the default server of each address), once per
 * directive.
 */
public final class Tls101SslProtocolEnabled extends BaseRule {
    static final String ID = "TLS101";

    public Tls101SslProtocolEnabled() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        OpensslVersion openssl = ctx.settings().openssl();
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            for (TlsEndpoint d : e.deciders()) {
                check(ctx, d, profile, openssl);
            }
        }
    }

    private static void check(RuleContext ctx, TlsEndpoint e, TlsProfile profile, OpensslVersion openssl) {
        Directive pd = e.protocolsDirective();
        if (pd == null) {
            return;
        }
        EnumSet<TlsVersion> ssl = EnumSet.noneOf(TlsVersion.class);
        for (String w : pd.values()) {
            if (w.startsWith("-")) {
                continue;
            }
            String l = w.startsWith("+") ? w.substring(1) : w;
            TlsVersion.parse(l).filter(v -> v == TlsVersion.SSLv2 || v == TlsVersion.SSLv3).ifPresent(ssl::add);
        }
        if (ssl.isEmpty() || !ctx.once(ID, pd)) {
            return;
        }
        String dname = e.dialect() == Dialect.NGINX ? "ssl_protocols" : "SSLProtocol";
        ctx.report(ID, pd.span(), dname + " enables " + TlsText.names(ssl) + ", broken beyond repair (POODLE, DROWN). "
                + "RFC 7568 and RFC 6176 prohibit these protocols. " + ssl3Consequence(e.dialect(), openssl)
                + ". Enable only " + TlsText.names(profile.protocols()) + " ("
                + TlsEdits.stripSemi(TlsFixes.protocolLine(e, profile)) + ").", List.of(),
                TlsFixes.protocolFix(e, profile));
    }

    /** What the server does with SSLv3 in its protocol list, for the modelled OpenSSL. */
    static String ssl3Consequence(Dialect d, OpensslVersion v) {
        String lib = v == OpensslVersion.V3_0 ? "OpenSSL 3, which has no SSLv3"
                : "OpenSSL " + v.label() + ", whose default build (Debian's too) has no SSLv3";
        return d == Dialect.NGINX
                ? "nginx built with " + lib + ", drops it silently, but the same line offers it with an OpenSSL that "
                        + "still has SSLv3 (1.0.2 or a build with enable-ssl3)"
                : "Apache with " + lib + ", refuses to start (\"SSLv3 not supported by this version of OpenSSL\"), and "
                        + "with an OpenSSL that still has SSLv3 it offers the protocol";
    }
}
