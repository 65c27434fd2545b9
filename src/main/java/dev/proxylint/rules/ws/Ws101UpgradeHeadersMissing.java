package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * WS101: a WebSocket route that does not pass the Upgrade and Connection headers on (when neither
 * WS103's inheritance trap nor WS108's cleared header is the cause, see
 * {@link NginxUpgrade#headerProblem}).
 */
public final class Ws101UpgradeHeadersMissing extends BaseRule {
    public Ws101UpgradeHeadersMissing() {
        super(Dialect.NGINX, "WS101");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            if (r.intent() == null || NginxUpgrade.headerProblem(model, r) != NginxUpgrade.HeaderProblem.MISSING) {
                continue;
            }
            Directive up = r.header("Upgrade");
            Directive conn = r.header("Connection");
            boolean upOk = NginxUpgrade.forwardsUpgrade(model, up);
            boolean connOk = NginxUpgrade.connectionUpgrade(model, conn);
            String missing = !upOk && !connOk ? "the Upgrade and Connection headers"
                    : !upOk ? "the Upgrade header" : "a Connection: upgrade header";
            List<Related> rel = new ArrayList<>();
            if (r.intent().evidence() != null) {
                rel.add(new Related(r.intent().evidence(), "WebSocket intent: " + r.intent().reason()));
            }
            StringBuilder detail = new StringBuilder();
            for (Directive d : new Directive[] {upOk ? null : up, connOk ? null : conn}) {
                if (d != null && d.argCount() >= 2) {
                    Directive map = NginxRoute.upgradeMap(model, d.arg(1));
                    detail.append(" proxy_set_header ").append(d.arg(0)).append(" ").append(d.args().get(1).raw())
                            .append(" on ").append(NginxUpgrade.lineOf(d, r)).append(map != null
                                    ? " comes from the map on " + NginxUpgrade.lineOf(map, r) + ", which never yields "
                                    + (d == up ? "websocket." : "upgrade.") : " does not carry it.");
                }
            }
            ctx.report("WS101", r.location().block().headSpan(), WebSocketWords.headline("WebSocket route {} does "
                    + "not forward " + missing + ".", NginxUpgrade.where(r)) + detail + " The backend never sees the "
                    + "upgrade and the "
                    + "handshake fails: Upgrade and Connection are hop-by-hop headers that nginx drops unless "
                    + "proxy_set_header passes them on. " + WebSocketWords.because(r.intent()),
                    rel, new Fix("Pass Upgrade and Connection to the backend", NginxUpgrade.headerEdits(ctx, r)));
        }
    }
}
