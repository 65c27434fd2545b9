package dev.proxylint.rules.cfg;

import dev.proxylint.apache.model.DirectiveChecks.Use;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;

/** CFG132: a directive with a number of arguments its table entry does not take ("X takes one argument"). */
public final class ApacheArgumentCountRule extends BaseRule {
    public ApacheArgumentCountRule() {
        super(Dialect.APACHE, "CFG132");
    }

    @Override
    public void check(RuleContext ctx) {
        boolean ht = ApacheDirectiveRules.checks(ctx).htaccess();
        for (Use u : ApacheDirectiveRules.checks(ctx).uses()) {
            if (u.argError() == null) {
                continue;
            }
            int n = 0;
            int empty = 0;
            for (String v : u.directive().values()) {
                if (v.isEmpty()) {
                    empty++;
                } else {
                    n++;
                }
            }
            String given = (n == 0 ? "none" : String.valueOf(n)) + " given"
                    + (empty > 0 ? " (and " + empty + " empty \"\", which httpd does not count)" : "");
            ctx.report("CFG132", u.directive().headSpan(), u.argError() + ", " + given + "."
                    + (ht ? " httpd answers requests under this "
                    + "directory with 500 Internal Server Error." : " httpd refuses to start.")
                    + " Quote an argument that contains blanks.");
        }
    }
}
