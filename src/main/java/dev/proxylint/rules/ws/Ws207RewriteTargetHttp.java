package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;

/**
 * WS207: a RewriteRule guarded by the Upgrade: websocket condition that proxies to http://, whose
 * worker does not forward the upgrade.
 */
public final class Ws207RewriteTargetHttp extends BaseRule {
    public Ws207RewriteTargetHttp() {
        super(Dialect.APACHE, "WS207");
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel model = ctx.facts().apache();
        for (ApacheScope s : model.scopes()) {
            for (RewriteRuleEntry r : s.rewrites()) {
                String sc = r.targetScheme();
                Directive upCond = r.condition("Upgrade");
                if (!r.proxied() || upCond == null || !ApacheUpgrade.httpScheme(sc) || upCond.argCount() < 2
                        || !upCond.arg(1).toLowerCase(Locale.ROOT).contains("websocket")
                        || ApacheUpgrade.forwardsWebSocket(ApacheRoute.workerUpgrade(model, s, r.target()))) {
                    continue;
                }
                Arg t = r.rule().args().get(1);
                String ws = sc.equals("https") ? "wss" : "ws";
                ctx.report("WS207", t.span(), "This RewriteRule for Upgrade: websocket proxies to " + sc
                        + "://, so the upgrade is not tunnelled. It is guarded by the Upgrade: websocket condition, but "
                        + "the rewrite's worker has no upgrade=websocket and Apache drops the Upgrade header. Proxy to " + ws + ":// instead.",
                        List.of(), new Fix("Proxy WebSocket requests to " + ws + "://",
                                List.of(TextEdit.replace(t.span(), ws + r.target().substring(sc.length())))));
            }
        }
    }
}
