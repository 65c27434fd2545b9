package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import java.util.List;
import java.util.Locale;

/** WS110: {@code proxy_pass ws://}, which nginx refuses. */
public final class Ws110ProxyPassWsScheme extends BaseRule {
    public Ws110ProxyPassWsScheme() {
        super(Dialect.NGINX, "WS110");
    }

    @Override
    public void check(RuleContext ctx) {
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            String t = r.target().toLowerCase(Locale.ROOT);
            if (!(t.startsWith("ws://") || t.startsWith("wss://"))) {
                continue;
            }
            Arg a = r.proxyPass().args().get(0);
            String fixed = (t.startsWith("wss://") ? "https://" : "http://") + r.target().substring(t.indexOf("://") + 3);
            ctx.report("WS110", a.span(), "proxy_pass does not accept a ws:// or wss:// URL: nginx refuses to start "
                    + "(invalid URL prefix). Use http:// or https:// and pass the Upgrade and Connection headers instead.",
                    List.of(), new Fix("Use " + fixed.substring(0, fixed.indexOf("://") + 3) + " in proxy_pass",
                            List.of(TextEdit.replace(a.span(), fixed))));
        }
    }
}
