package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * WS201: a WebSocket ProxyPass to an http:// backend without upgrade=websocket (none of its own,
 * none on its {@code <Proxy>} worker) and no ws:// rewrite covering its path. Before 2.4.47 the
 * option does not exist, so the finding names the mod_proxy_wstunnel recipe and has no fix.
 */
public final class Ws201ProxyPassUpgradeMissing extends BaseRule {
    public Ws201ProxyPassUpgradeMissing() {
        super(Dialect.APACHE, "WS201");
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel model = ctx.facts().apache();
        String version = ctx.settings().apacheVersion();
        for (ApacheRoute r : ctx.facts().apacheRoutes()) {
            ProxyPassEntry e = r.entry();
            if (r.intent() == null || e.key("upgrade") != null || ApacheUpgrade.workerForwards(model, r)) {
                continue;
            }
            String scheme = e.scheme();
            if (!ApacheUpgrade.httpScheme(scheme)) {
                continue;
            }
            if (r.coveringWsRewrite() != null || r.coveringHttpUpgradeRewrite() != null) {
                continue; // upgrades go to the rewrite (WS207 reports one that proxies to http://)
            }
            String versionNote = version == null ? " (target version unknown; set --apache-version)" : "";
            List<Related> rel = new ArrayList<>();
            if (r.intent().evidence() != null && !r.intent().evidence().equals(e.directive().span())) {
                rel.add(new Related(r.intent().evidence(), "WebSocket intent: " + r.intent().reason()));
            }
            String headline = WebSocketWords.headline("{} does not forward WebSocket upgrades.",
                    ApacheUpgrade.subject(e)) + " The mapping is " + r.label() + ".";
            if (version != null && !VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_HTTP_UPGRADE)) {
                // upgrade=websocket does not exist before 2.4.47: Apache would refuse the config, so no fix
                ctx.report("WS201", e.directive().span(), headline + " Apache " + version + " never passes the "
                        + "Upgrade header to an " + scheme + ":// backend, and no ws:// rewrite covers " + e.path() + ". Proxy the upgrade to ws:// with mod_proxy_wstunnel (the "
                        + "RewriteCond %{HTTP:Upgrade} websocket [NC] recipe), or upgrade to "
                        + VersionFacts.APACHE_PROXY_HTTP_UPGRADE + "+ and add upgrade=websocket. "
                        + WebSocketWords.because(r.intent()), rel, null);
                continue;
            }
            ctx.report("WS201", e.directive().span(), headline + " Apache "
                    + VersionFacts.APACHE_PROXY_HTTP_UPGRADE + " and later pass the Upgrade header to an " + scheme
                    + ":// backend only with upgrade=websocket, and no ws:// rewrite covers " + e.path() + versionNote
                    + ". Add upgrade=websocket to the ProxyPass. " + WebSocketWords.because(r.intent()), rel,
                    Fix.of("Add upgrade=websocket to the ProxyPass", ApacheEdits.appendArg(e.directive(),
                            "upgrade=websocket")));
        }
    }
}
