package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;

/** WS100: a plain proxied {@code location /} that cannot carry WebSockets (only a note). */
public final class Ws100WebSocketNotConfigured extends BaseRule {
    public Ws100WebSocketNotConfigured() {
        super(Dialect.NGINX, "WS100");
    }

    @Override
    public void check(RuleContext ctx) {
        if ("never".equals(ctx.settings().websocket())) {
            return;
        }
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            if (r.intent() != null || r.location().kind() != Scope.Kind.LOCATION
                    || !r.location().locationModifier().isEmpty() || !r.location().locationPattern().equals("/")
                    || r.site() != r.location()) {
                continue;
            }
            ctx.report("WS100", r.location().block().headSpan(), "location / proxies everything to the backend but "
                    + "does not pass WebSocket upgrades on. If the app behind it uses WebSockets, they will fail. Add "
                    + "the upgrade headers and HTTP/1.1, or silence this note if the app uses none.");
        }
    }
}
