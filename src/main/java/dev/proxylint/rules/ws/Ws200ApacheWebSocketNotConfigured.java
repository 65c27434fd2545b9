package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.List;

/**
 * WS200, the Apache twin of WS100: a ProxyPass of everything ({@code ProxyPass /}, or in
 * {@code <Location />}) to an http:// backend with no upgrade handling, in a config that handles
 * WebSockets nowhere. Only a note: nothing says the app uses WebSockets, but if it does, every
 * handshake fails.
 */
public final class Ws200ApacheWebSocketNotConfigured extends BaseRule {
    public Ws200ApacheWebSocketNotConfigured() {
        super(Dialect.APACHE, "WS200");
    }

    @Override
    public void check(RuleContext ctx) {
        if ("never".equals(ctx.settings().websocket())) {
            return;
        }
        ApacheModel model = ctx.facts().apache();
        for (ApacheRoute r : ctx.facts().apacheRoutes()) {
            ProxyPassEntry e = r.entry();
            if (r.intent() != null || e.key("upgrade") != null || ApacheUpgrade.workerForwards(model, r)) {
                continue; // a WebSocket route (WS201), an upgrade= of its own (WS206/WS211) or of its <Proxy> worker
            }
            if (e.regex() || !e.path().equals("/") || !ApacheUpgrade.httpScheme(e.scheme())) {
                continue;
            }
            if (r.coveringHttpUpgradeRewrite() != null || ApacheUpgrade.handlesWebSockets(ctx)) {
                continue; // the config handles WebSockets somewhere: the WebSocket rules judge that, this note is noise
            }
            String version = ctx.settings().apacheVersion();
            boolean old = version != null && !VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_HTTP_UPGRADE);
            String what = WebSocketWords.headline("{} proxies everything but passes no WebSocket upgrades.",
                    ApacheUpgrade.subject(e)) + " The mapping is " + r.label() + ". If the app behind it uses "
                    + "WebSockets, they will fail.";
            if (old) {
                ctx.report("WS200", e.directive().span(), what + " Apache " + version + " tunnels them only through a "
                        + "ws:// RewriteRule with mod_proxy_wstunnel (RewriteCond %{HTTP:Upgrade} websocket [NC]); or "
                        + "silence this note if the app uses none.", List.of(), null);
                continue;
            }
            ctx.report("WS200", e.directive().span(), what + " Add upgrade=websocket (Apache "
                    + VersionFacts.APACHE_PROXY_HTTP_UPGRADE + "+" + (version == null ? "; target version unknown, set "
                    + "--apache-version" : "") + "), or silence this note if the app uses none.", List.of(),
                    Fix.of("Add upgrade=websocket to the ProxyPass", ApacheEdits.appendArg(e.directive(),
                            "upgrade=websocket")));
        }
    }
}
