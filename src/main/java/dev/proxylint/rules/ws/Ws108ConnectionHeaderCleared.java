package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/** WS108: {@code proxy_set_header Connection ""} (the keep-alive idiom) on a WebSocket route. */
public final class Ws108ConnectionHeaderCleared extends BaseRule {
    public Ws108ConnectionHeaderCleared() {
        super(Dialect.NGINX, "WS108");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            if (r.intent() == null || NginxUpgrade.headerProblem(model, r) != NginxUpgrade.HeaderProblem.CLEARED) {
                continue;
            }
            Directive conn = r.header("Connection");
            List<TextEdit> edits = new ArrayList<>();
            String value = NginxUpgrade.connectionValue(model, edits);
            edits.add(0, TextEdit.replace(conn.args().get(1).span(), value));
            ctx.report("WS108", conn.span(), WebSocketWords.headline("proxy_set_header Connection \"\" on {} "
                    + "clears the upgrade.", NginxUpgrade.where(r)) + " It clears the Connection header, so the upgrade "
                    + "never reaches the backend. That idiom is for upstream "
                    + "keep-alive on plain HTTP routes. " + WebSocketWords.because(r.intent()), List.of(),
                    new Fix("Send Connection " + value + " instead", edits));
        }
    }
}
