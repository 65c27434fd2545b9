package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * WS209: ws:// rewrites in the main server that proxying virtual hosts do not inherit; one finding
 * at the first such rule, naming every virtual host that misses it.
 */
public final class Ws209RewriteNotInherited extends BaseRule {
    public Ws209RewriteNotInherited() {
        super(Dialect.APACHE, "WS209");
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel model = ctx.facts().apache();
        List<RewriteRuleEntry> mainWs = new ArrayList<>();
        for (RewriteRuleEntry r : ApacheRoute.wsRewrites(model.mainServer())) {
            if (r.location() == null) {
                mainWs.add(r);
            }
        }
        if (mainWs.isEmpty() || model.virtualHosts().isEmpty()) {
            return;
        }
        List<Related> rel = new ArrayList<>();
        List<TextEdit> edits = new ArrayList<>();
        for (ApacheScope v : model.virtualHosts()) {
            // a ws:// rule of its own, or a ProxyPass that upgrades by itself (upgrade=websocket, ws://)
            boolean ownWs = !ApacheRoute.wsRewrites(v).isEmpty() || v.proxyPasses().stream().anyMatch(e ->
                    "websocket".equalsIgnoreCase(e.key("upgrade")) || e.scheme().startsWith("ws"));
            if (!v.inheritsMainRewrites() && !ownWs && !v.proxyPasses().isEmpty()) {
                rel.add(new Related(v.vhost().headSpan(), "this virtual host proxies but does not inherit the rule"));
                Directive first = ApacheUpgrade.firstChildInFile(v.vhost());
                if (first != null) {
                    edits.add(ApacheEdits.lineAbove(first, "RewriteOptions Inherit"));
                }
            }
        }
        if (rel.isEmpty()) {
            return;
        }
        RewriteRuleEntry first = mainWs.get(0);
        ctx.report("WS209", first.rule().span(), "This ws:// RewriteRule sits in the main server, which "
                + rel.size() + " virtual host(s) do not inherit. They never proxy the upgrade: a virtual host "
                + "runs the main server's rules only with its own RewriteOptions Inherit (the main server's "
                + "InheritDown is ignored by a virtual host without mod_rewrite directives of its own).", rel,
                edits.size() == rel.size() ? new Fix("Add RewriteOptions Inherit to the virtual hosts", edits) : null);
    }
}
