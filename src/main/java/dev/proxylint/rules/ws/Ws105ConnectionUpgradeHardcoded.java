package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.WebSocketIntent;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * WS105: {@code Connection "upgrade"} hard-coded on a location that also serves plain requests.
 * A shared (server-level) header is reported once, at the first route that is not a socket path.
 */
public final class Ws105ConnectionUpgradeHardcoded extends BaseRule {
    public Ws105ConnectionUpgradeHardcoded() {
        super(Dialect.NGINX, "WS105");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            Directive conn = r.header("Connection");
            boolean socketPath = r.location().kind() == Scope.Kind.LOCATION && WebSocketIntent.socketSegment(
                    r.location().locationPattern(), ctx.settings().websocketPaths()) != null;
            if (conn == null || conn.argCount() < 2 || !conn.arg(1).equalsIgnoreCase("upgrade") || socketPath
                    || r.location().enclosing(Scope.Kind.LOCATION) == null || !ctx.once("WS105", conn)) {
                continue;
            }
            List<TextEdit> edits = new ArrayList<>();
            String value = NginxUpgrade.connectionValue(model, edits);
            Fix fix = null;
            if (value.equals(NginxUpgrade.MAP_NAME)) {
                edits.add(0, TextEdit.replace(conn.args().get(1).span(), NginxUpgrade.MAP_NAME));
                fix = new Fix("Use the $connection_upgrade map", edits);
            }
            ctx.report("WS105", conn.span(), WebSocketWords.headline("Connection \"upgrade\" is hard-coded "
                    + "on {}, which also serves plain requests.", NginxUpgrade.where(r)) + " Every request then asks the "
                    + "backend to upgrade and backend keep-alive is lost. Map $http_upgrade to $connection_upgrade instead"
                    + (fix == null ? " (in the http block of the main config, which proxylint does not see here)." : "."),
                    List.of(), fix);
        }
    }
}
