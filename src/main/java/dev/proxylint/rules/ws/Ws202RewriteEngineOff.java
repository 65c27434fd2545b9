package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * WS202: a ws:// proxy RewriteRule that never runs because RewriteEngine is not On for it. One
 * RewriteEngine fix per server or section, however many of its rules it revives: the first finding
 * of a place carries it ({@link RuleContext#once}).
 */
public final class Ws202RewriteEngineOff extends BaseRule {
    public Ws202RewriteEngineOff() {
        super(Dialect.APACHE, "WS202");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            for (RewriteRuleEntry r : s.rewrites()) {
                String sc = r.targetScheme();
                if (!(sc.equals("ws") || sc.equals("wss")) || !r.proxied() || ApacheUpgrade.engineOn(s, r)) {
                    continue;
                }
                Directive first = r.conditions().isEmpty() ? r.rule() : r.conditions().get(0);
                String where = r.location() != null ? "this section (nor in " + s.label() + ", whose setting it takes "
                        + "when it sets none)"
                        : s.isMainServer() ? "the main server"
                        : s.label() + " (nor in the main server, whose setting a virtual host takes when it sets none)";
                Fix fix = ctx.once("WS202", r.location() == null ? s : r.location())
                        ? ApacheUpgrade.engineFix(s, r, first) : null;
                // the finding sits where its fix goes: on the RewriteEngine Off that the fix turns On (the
                // rule is then a related location), else on the rule, above which RewriteEngine On is added
                Span at = r.rule().span();
                String what = WebSocketWords.headline("This ws:// RewriteRule in {} never runs: RewriteEngine is not On.",
                        r.location() != null ? ApacheUpgrade.section(r.location()) : s.isMainServer() ? "the main server"
                        : s.label()) + " RewriteEngine is not On in " + where + ", so Apache";
                List<Related> related = List.of();
                if (fix != null && fix.edits().get(0).end() > fix.edits().get(0).start()) {
                    Directive own = ApacheUpgrade.ownEngine(s, r);
                    at = own.span();
                    related = List.of(new Related(r.rule().span(), "the ws:// RewriteRule that never runs"));
                    what = "RewriteEngine " + own.arg(0) + " keeps the ws:// RewriteRule on line "
                            + r.rule().span().startLine() + " from running. Apache";
                }
                ctx.report("WS202", at, what + " ignores the rule and WebSocket upgrades are not proxied. "
                        + "Turn RewriteEngine On.", related, fix);
            }
        }
    }
}
