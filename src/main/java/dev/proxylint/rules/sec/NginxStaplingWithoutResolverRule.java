package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC124: {@code ssl_stapling on} for a server with a certificate and no {@code resolver} in effect
 * at server level (nginx hands the server's resolver to stapling; a location's does not count).
 * nginx then cannot look up the OCSP responder while running: it uses the addresses it got at
 * start-up, with a warning on every fetch, or fails the fetch when there were none. Not reported
 * when {@code ssl_stapling_file} supplies the response or {@code ssl_stapling_responder} names an IP.
 */
public final class NginxStaplingWithoutResolverRule extends BaseRule {
    public NginxStaplingWithoutResolverRule() {
        super(Dialect.NGINX, "SEC124");
    }

    @Override
    public void check(RuleContext ctx) {
        for (Scope server : ctx.facts().nginx().servers()) {
            Directive stapling = server.effective("ssl_stapling");
            if (stapling == null || !"on".equals(stapling.arg(0)) || server.effective("ssl_certificate") == null
                    || server.effective("resolver") != null
                    || server.effective("ssl_stapling_file") != null || responderIsIp(server)) {
                continue;
            }
            if (!ctx.once("SEC124", stapling)) {
                continue;
            }
            ctx.report("SEC124", stapling.span(), "ssl_stapling on has no resolver to look up the OCSP responder. "
                    + "nginx resolves the responder named in the certificate once at start-up; every later fetch "
                    + "logs \"no resolver defined to resolve\" and reuses those addresses, or fails when there "
                    + "were none, so clients get no stapled response (and Must-Staple certificates fail). Add a "
                    + "resolver (on this host or your private network) to the server or http block.",
                    List.of(), null);
        }
    }

    private static boolean responderIsIp(Scope server) {
        Directive r = server.effective("ssl_stapling_responder");
        if (r == null || r.arg(0) == null) {
            return false;
        }
        String host = NginxAddresses.host(r.arg(0));
        return host != null && NginxAddresses.isIp(host);
    }
}
