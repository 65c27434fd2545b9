package dev.proxylint.rules.tmo;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;

/** SYN003 on nginx: a time value nginx refuses to start with (a variable, a wrong unit, a space). */
public final class Syn003NginxInvalidTimeValue extends BaseRule {
    public Syn003NginxInvalidTimeValue() {
        super(Dialect.NGINX, "SYN003");
    }

    @Override
    public void check(RuleContext ctx) {
        for (NginxTimes.TimeArg t : NginxTimes.args(ctx)) {
            if (t.value().isPresent()) {
                continue;
            }
            Arg a = t.a();
            String v = a.value();
            boolean sec = t.seconds();
            String hint = v.startsWith("$") ? "time directives do not take variables"
                    : !sec && (v.contains("M") || v.contains("y"))
                            ? "this directive counts milliseconds and does not accept months (M) or years (y)"
                            : "units are ms, s, m, h, d, w" + (sec ? ", M, y" : "")
                                    + " in falling order, e.g. 90s or 1h30m, with no space between number and unit";
            ctx.report("SYN003", a.span(), "\"" + v + "\" is not a valid time for " + t.d().name()
                    + ": nginx refuses to start (invalid value). " + TmoText.capitalize(hint) + ".");
        }
    }
}
