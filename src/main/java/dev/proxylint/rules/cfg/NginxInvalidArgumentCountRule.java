package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;

/**
 * CFG122 invalid-argument-count: a directive with an argument count its module does not take
 * (nginx: {@code invalid number of arguments in "x" directive}), a block directive without a
 * block ({@code directive "x" has no opening "{"}) or a simple directive with one
 * ({@code directive "x" is not terminated by ";"}).
 */
public final class NginxInvalidArgumentCountRule extends BaseRule {
    static final String ID = "CFG122";

    public NginxInvalidArgumentCountRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.allowed().isEmpty() || e.accepting() != null) {
                continue;
            }
            Directive d = e.directive();
            Row r = e.allowed().get(0);
            boolean shapeOk = false;
            for (Row a : e.allowed()) {
                if (a.isBlock() == d.hasBlock()) {
                    shapeOk = true;
                    r = a;
                    break;
                }
            }
            String n = d.name();
            if (!shapeOk && r.isBlock()) {
                ctx.report(ID, d.headSpan(), "Directive \"" + n + "\" has no opening \"{\": nginx refuses to start. \""
                        + n + "\" opens a block; write " + n + " ... { ... }.");
            } else if (!shapeOk) {
                ctx.report(ID, d.headSpan(), "Directive \"" + n + "\" is not terminated by \";\": nginx refuses to "
                        + "start. \"" + n + "\" takes no block; end it with a semicolon.");
            } else {
                ctx.report(ID, d.headSpan(), "Invalid number of arguments in \"" + n + "\" directive: it takes "
                        + r.describeArgs() + ", here " + e.args() + ". nginx refuses to start.");
            }
        }
    }
}
