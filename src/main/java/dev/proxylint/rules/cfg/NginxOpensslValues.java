package dev.proxylint.rules.cfg;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.SslConf;

/**
 * CFG123's OpenSSL values: nginx hands {@code ssl_ecdh_curve} to SSL_CTX_set1_curves_list and each
 * {@code ssl_conf_command} to SSL_CONF_cmd when it sets up a server's TLS context, and refuses to
 * start when OpenSSL refuses them ({@link SslConf} holds what OpenSSL 3.0 accepts). That happens for
 * a server that has a TLS context: a {@code listen ... ssl}, {@code ssl on}, or a certificate in
 * effect (nginx 1.22 builds the context for a certificate inherited from http too); a server without
 * one never reads them. Under {@code --openssl-version 1.1.1} these are not judged.
 */
final class NginxOpensslValues {
    private NginxOpensslValues() {
    }

    static void check(RuleContext ctx, String id) {
        if (ctx.settings().openssl() != OpensslVersion.V3_0) {
            return;
        }
        NginxModel model = ctx.facts().nginx();
        for (Scope s : model.servers()) {
            if (!NginxListens.http(s) || !hasTlsContext(s)) {
                continue;
            }
            Directive curve = s.effective("ssl_ecdh_curve");
            if (curve != null && curve.argCount() == 1 && ctx.once(id, curve)) {
                String why = SslConf.groupsError(curve.arg(0));
                if (why != null && !curve.arg(0).equals("auto")) {
                    ctx.report(id, curve.argument(0).span(), "SSL_CTX_set1_curves_list(\"" + curve.arg(0)
                            + "\") failed: nginx refuses to start. " + why);
                }
            }
            for (Directive c : s.effectiveArray("ssl_conf_command")) {
                if (c.argCount() != 2 || !ctx.once(id, c)) {
                    continue;
                }
                String why = SslConf.command(c.arg(0), c.arg(1));
                if (why != null) {
                    ctx.report(id, c.argument(why.startsWith("OpenSSL knows no command") ? 0 : 1).span(),
                            "SSL_CONF_cmd(\"" + c.arg(0) + "\", \"" + c.arg(1) + "\") failed: nginx refuses to start. "
                                    + why);
                }
            }
        }
    }

    /** Whether nginx 1.22 builds a TLS context for the server (and so applies its OpenSSL settings). */
    private static boolean hasTlsContext(Scope s) {
        for (Directive l : s.own("listen")) {
            if (l.args().stream().skip(1).anyMatch(a -> a.value().equals("ssl"))) {
                return true;
            }
        }
        Directive on = s.effective("ssl");
        return on != null && on.argCount() == 1 && on.arg(0).equals("on") || s.effective("ssl_certificate") != null;
    }
}
