package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/** WS109: Upgrade hard-coded to websocket, reported once per directive, at the first route that sends it. */
public final class Ws109UpgradeHardcoded extends BaseRule {
    public Ws109UpgradeHardcoded() {
        super(Dialect.NGINX, "WS109");
    }

    @Override
    public void check(RuleContext ctx) {
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            Directive up = r.header("Upgrade");
            if (up == null || !ctx.once("WS109", up) || up.argCount() < 2 || !up.arg(1).equalsIgnoreCase("websocket")) {
                continue;
            }
            ctx.report("WS109", up.span(), WebSocketWords.headline("Upgrade is hard-coded to websocket on {} "
                    + "for every request.", NginxUpgrade.where(r)) + " Every request, plain ones too, asks the backend to "
                    + "switch protocols and many backends answer 400. Pass the client's header with $http_upgrade.", List.of(),
                    new Fix("Forward the client's Upgrade header", List.of(TextEdit.replace(up.args().get(1).span(),
                            NginxUpgrade.upgradeValue(ctx)))));
        }
    }
}
