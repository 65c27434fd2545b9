package dev.proxylint.rules.cfg;

import dev.proxylint.apache.model.DirectiveChecks.Use;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;

/** CFG133: an On/Off directive (AP_INIT_FLAG) given another value ("X must be On or Off"). */
public final class ApacheFlagValueRule extends BaseRule {
    public ApacheFlagValueRule() {
        super(Dialect.APACHE, "CFG133");
    }

    @Override
    public void check(RuleContext ctx) {
        boolean ht = ApacheDirectiveRules.checks(ctx).htaccess();
        for (Use u : ApacheDirectiveRules.checks(ctx).uses()) {
            if (u.flagError() == null) {
                continue;
            }
            String given = u.directive().argCount() > 0 ? "'" + u.directive().arg(0) + "'" : "nothing";
            ctx.report("CFG133", u.directive().headSpan(), u.flagError() + ", not " + given + "."
                    + (ht ? " httpd answers requests under this directory with 500 Internal Server Error."
                    : " httpd refuses to start.") + " Values such as true, yes, 1 or enabled are not accepted.");
        }
    }
}
