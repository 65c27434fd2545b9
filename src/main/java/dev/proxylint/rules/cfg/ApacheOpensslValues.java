package dev.proxylint.rules.cfg;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.SslConf;
import java.util.ArrayList;
import java.util.List;

/**
 * CFG136's start-up half: mod_ssl hands each {@code SSLOpenSSLConfCmd} to OpenSSL's SSL_CONF_cmd when
 * it sets up the TLS context of a server with {@code SSLEngine on} (or {@code optional}), the main
 * server's commands first and then the virtual host's own (ssl_engine_init.c, ssl_init_server_ctx;
 * the array merge of ssl_engine_config.c). A value OpenSSL refuses stops the start with AH02407. That
 * happens after the configuration is read, so {@code apache2 -t} says Syntax OK. A server without TLS
 * never hands its commands over. The command name itself is checked while the configuration is read
 * ({@code ApacheValueChecks}); here only the values of known commands are judged, as {@link SslConf}
 * describes them for OpenSSL 3.0. Under {@code --openssl-version 1.1.1} nothing is judged.
 */
final class ApacheOpensslValues {
    private ApacheOpensslValues() {
    }

    static void check(RuleContext ctx, String id) {
        if (ctx.settings().openssl() != OpensslVersion.V3_0) {
            return;
        }
        ApacheModel model = ctx.facts().apache();
        ApacheScope main = model.mainServer();
        List<Directive> mainCmds = commands(main);
        for (ApacheScope s : model.scopes()) {
            Directive engine = TlsEndpoint.apacheEffective(model, s, "SSLEngine");
            if (engine == null || engine.argCount() != 1
                    || !(engine.arg(0).equalsIgnoreCase("on") || engine.arg(0).equalsIgnoreCase("optional"))) {
                continue;
            }
            List<Directive> cmds = new ArrayList<>(s.isMainServer() ? List.of() : mainCmds);
            cmds.addAll(commands(s));
            for (Directive c : cmds) {
                if (!ctx.once(id, c)) {
                    continue;
                }
                String why = SslConf.command(c.arg(0), c.arg(1));
                if (why != null) {
                    ctx.report(id, c.argument(1).span(), "\"SSLOpenSSLConfCmd " + c.arg(0) + " " + c.arg(1)
                            + "\" is refused by OpenSSL: httpd refuses to start (AH02407), although apache2 -t says "
                            + "Syntax OK. " + why);
                }
            }
        }
    }

    /** The server's own SSLOpenSSLConfCmd lines with a command OpenSSL knows, in order. */
    private static List<Directive> commands(ApacheScope s) {
        List<Directive> out = new ArrayList<>();
        for (Directive d : s.directives()) {
            if (d.is("SSLOpenSSLConfCmd") && d.argCount() == 2 && SslConf.knownCommand(d.arg(0))) {
                out.add(d);
            }
        }
        return out;
    }
}
