package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives;
import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;

/**
 * CFG121 directive-not-allowed-here: a known directive in a context none of its modules allows
 * (nginx: {@code "x" directive is not allowed here}).
 */
public final class NginxDirectiveNotAllowedRule extends BaseRule {
    static final String ID = "CFG121";

    public NginxDirectiveNotAllowedRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.existing().isEmpty() || !e.allowed().isEmpty()) {
                continue;
            }
            Directive d = e.directive();
            int where = 0;
            for (Row r : e.existing()) {
                where |= r.contexts();
            }
            String here = DirectivePlacement.contextLabel(e.contexts());
            ctx.report(ID, d.nameSpan(), "\"" + d.name() + "\" directive is not allowed " + (here != null ? "in " + here
                    : "here") + ": nginx refuses to start. It is allowed in " + NginxDirectives.describeContexts(where) + ".");
        }
        NginxNestingChecks.check(ctx, ID);
    }
}
