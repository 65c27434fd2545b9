package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.List;

/**
 * WS203: a ws:// proxy RewriteRule without a {@code RewriteCond %{HTTP:Upgrade} websocket [NC]}
 * guard, where the target Apache (before 2.4.47, or unknown) fails the plain requests it catches.
 */
public final class Ws203RewriteWsUnguarded extends BaseRule {
    public Ws203RewriteWsUnguarded() {
        super(Dialect.APACHE, "WS203");
    }

    @Override
    public void check(RuleContext ctx) {
        String version = ctx.settings().apacheVersion();
        if (VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_HTTP_UPGRADE)) {
            return;
        }
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            for (RewriteRuleEntry r : s.rewrites()) {
                String sc = r.targetScheme();
                if (!(sc.equals("ws") || sc.equals("wss")) || !r.proxied() || r.condition("Upgrade") != null) {
                    continue;
                }
                ctx.report("WS203", r.rule().span(), "This RewriteRule proxies to ws:// without a RewriteCond "
                        + "%{HTTP:Upgrade} websocket [NC] guard. Plain HTTP requests are sent to the WebSocket "
                        + "tunnel too: before Apache " + VersionFacts.APACHE_PROXY_HTTP_UPGRADE + " mod_proxy_wstunnel "
                        + "declines them and they fail with 500" + (version == null
                                ? " (target version unknown; set --apache-version: later versions serve them as plain HTTP)"
                                : "") + ". Guard the rule with the Upgrade header.", List.of(),
                        new Fix("Guard the rule with the Upgrade header", List.of(ApacheEdits.lineAbove(r.rule(),
                                "RewriteCond %{HTTP:Upgrade} websocket [NC]"))));
            }
        }
    }
}
