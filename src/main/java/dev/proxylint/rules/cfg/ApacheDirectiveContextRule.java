package dev.proxylint.rules.cfg;

import dev.proxylint.apache.model.DirectiveChecks.Use;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.List;

/**
 * CFG131: a directive in a context its table entry does not allow (httpd's "not allowed here",
 * "cannot occur within &lt;VirtualHost&gt; section", "cannot occur within htaccess files").
 */
public final class ApacheDirectiveContextRule extends BaseRule {
    public ApacheDirectiveContextRule() {
        super(Dialect.APACHE, "CFG131");
    }

    @Override
    public void check(RuleContext ctx) {
        boolean ht = ApacheDirectiveRules.checks(ctx).htaccess();
        for (Use u : ApacheDirectiveRules.checks(ctx).uses()) {
            if (u.context() == null) {
                continue;
            }
            List<Related> rel = u.section() != null
                    ? List.of(new Related(u.section().headSpan(), "the enclosing section"))
                    : List.of();
            ctx.report("CFG131", u.directive().headSpan(), u.context() + "."
                    + (ht ? " In a .htaccess file httpd answers every request under this directory with 500 "
                    + "Internal Server Error." : " httpd refuses to start with this configuration.")
                    + " Move " + ApacheDirectiveRules.shown(u.directive()) + " to a context where the directive "
                    + "is allowed (see its Context line in the httpd documentation).", rel, null);
        }
    }
}
