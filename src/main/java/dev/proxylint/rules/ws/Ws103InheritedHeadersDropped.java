package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
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
 * WS103, the inheritance trap: a block's own proxy_set_header lines drop the Upgrade/Connection
 * headers set at an outer level. Reported once per dropping directive (the first of the block's
 * own headers, or the include that brings them), however many routes it cuts off.
 */
public final class Ws103InheritedHeadersDropped extends BaseRule {
    public Ws103InheritedHeadersDropped() {
        super(Dialect.NGINX, "WS103");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            if (r.intent() == null || NginxUpgrade.headerProblem(model, r) != NginxUpgrade.HeaderProblem.DROPPED) {
                continue;
            }
            Scope owner = r.location().arrayOwner("proxy_set_header");
            Directive firstOwn = owner.own("proxy_set_header").get(0);
            // headers that come from an include (proxy_params ...) are reported at the include line
            while (firstOwn.via() != null && firstOwn.file() != owner.block().file()) {
                firstOwn = firstOwn.via();
            }
            if (!ctx.once("WS103", firstOwn)) {
                continue;
            }
            List<Directive> dropped = r.droppedOuterHeaders();
            List<Related> rel = new ArrayList<>();
            for (Directive d : dropped) {
                rel.add(new Related(d.span(), "the outer level sets " + d.arg(0) + " here; it does not reach this block"));
            }
            List<String> lines = new ArrayList<>();
            for (Directive d : dropped) {
                lines.add(d.toString() + ";");
            }
            // the copies go right below the block's own headers (in its file), else at the block's end
            Directive lastOwn = null;
            for (Directive d : owner.own("proxy_set_header")) {
                if (d.file() == owner.block().file()) {
                    lastOwn = d;
                }
            }
            TextEdit copy = lastOwn != null ? NginxEdits.insertAfter(lastOwn, lines)
                    : NginxEdits.appendToBlock(owner.block(), lines);
            String what = firstOwn.is("include") ? "this include's proxy_set_header lines drop"
                    : "this proxy_set_header drops";
            ctx.report("WS103", firstOwn.span(), WebSocketWords.headline("For {}, " + what + " Upgrade/Connection.",
                    NginxUpgrade.where(r)) + " The block's own proxy_set_header lines drop the outer "
                    + "Upgrade/Connection headers: " + NginxUpgrade.where(r) + " no longer upgrades. nginx inherits "
                    + "proxy_set_header only into blocks that set none of their own. "
                    + WebSocketWords.because(r.intent()),
                    rel, new Fix("Repeat the outer proxy_set_header lines in this block", List.of(copy)));
        }
    }
}
