package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/** WS107: a regex location takes the WebSocket path away from its prefix location. */
public final class Ws107RegexLocationShadowsWebSocket extends BaseRule {
    public Ws107RegexLocationShadowsWebSocket() {
        super(Dialect.NGINX, "WS107");
    }

    @Override
    public void check(RuleContext ctx) {
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            Scope loc = r.location();
            if (r.intent() == null || loc.kind() != Scope.Kind.LOCATION || loc.isRegexLocation()
                    || !loc.locationModifier().isEmpty()) {
                continue;
            }
            Scope server = loc.enclosing(Scope.Kind.SERVER);
            if (server == null) {
                continue;
            }
            boolean topLevel = loc.parent() == server;
            String path = loc.locationPattern();
            Scope chosen = NginxModel.select(server, path);
            if (chosen == null || chosen == loc || !chosen.isRegexLocation()) {
                continue;
            }
            List<Directive> hs = chosen.effectiveArray("proxy_set_header");
            boolean upgrades = hs.stream().anyMatch(h -> h.argCount() >= 1 && h.arg(0).equalsIgnoreCase("Upgrade"));
            if (upgrades) {
                continue;
            }
            Arg pathArg = loc.block().args().get(0);
            // ^~ only stops the regexes of its own level: for a nested location it would not help
            Fix fix = topLevel ? new Fix("Mark location " + path + " with ^~ so regexes do not override it",
                    List.of(TextEdit.insert(pathArg.file(), pathArg.start(), "^~ "))) : null;
            ctx.report("WS107", chosen.block().headSpan(), WebSocketWords.headline("Regex location {} shadows WebSocket "
                    + "location {} and does not forward the upgrade.", chosen.locationPattern(), path) + " It captures "
                    + path + " before the WebSocket location " + path + " is used: nginx tries regex locations after "
                    + "the longest prefix unless it has ^~. "
                    + (topLevel ? "Mark the WebSocket location with ^~, or exclude its path from the regex."
                    : "The WebSocket location is nested, and a ^~ there would not stop this regex: exclude its path "
                    + "from the regex, or move the WebSocket location to the server level with ^~."),
                    List.of(new Related(loc.block().headSpan(), "the WebSocket location that never gets " + path)), fix);
        }
    }
}
