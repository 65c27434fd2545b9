package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;

/**
 * WS106: the client's Upgrade header forwarded unfiltered ({@code $http_upgrade}), reported once
 * per directive, at the first route that sends it.
 */
public final class Ws106UpgradeUnfiltered extends BaseRule {
    public Ws106UpgradeUnfiltered() {
        super(Dialect.NGINX, "WS106");
    }

    @Override
    public void check(RuleContext ctx) {
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            Directive up = r.header("Upgrade");
            if (up == null || !ctx.once("WS106", up) || up.argCount() < 2 || !up.arg(1).equalsIgnoreCase("$http_upgrade")) {
                continue;
            }
            ctx.report("WS106", up.span(), WebSocketWords.headline("On {}, the client's Upgrade header "
                    + "is forwarded unfiltered.", NginxUpgrade.where(r)) + " A client can ask the backend for h2c or "
                    + "another protocol and tunnel past the proxy's rules (h2c smuggling). Map $http_upgrade so that only websocket passes.");
        }
    }
}
