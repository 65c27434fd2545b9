package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC207: {@code Satisfy Any} in a section whose mod_access_compat host check lets any client
 * pass, next to a {@code Require} that should decide. With Satisfy Any, httpd skips
 * authentication and authorization for a request the access checker accepts; the section's own
 * settings (see {@link ApacheCompatAccess}) are evaluated for a client no address rule names, and
 * env= rules count as possibly denying, so the finding is sure.
 */
public final class ApacheSatisfyAnyBypassRule extends BaseRule {
    static final String ID = "SEC207";

    public ApacheSatisfyAnyBypassRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheCompatAccess a : ApacheCompatAccess.all(ctx)) {
            Directive satisfy = a.satisfy();
            Directive require = a.require();
            if (!a.satisfyAny() || require == null || !a.passesAnyone() || !ctx.once(ID, satisfy)) {
                continue;
            }
            String why = a.allowAll() ? "Allow from all lets every client pass the host check"
                    : "Order " + a.order() + " without a Deny from all lets every client pass the host check (these "
                            + "are mod_access_compat's defaults in a section that sets any of its directives)";
            Arg any = satisfy.args().get(0);
            Fix fix = new Fix("Use Satisfy All", List.of(TextEdit.replace(any.span(), any.quoted() ? "\"All\"" : "All")));
            String req = require.name() + (require.argCount() > 0 ? " " + String.join(" ", require.values()) : "");
            String head = "Satisfy Any in " + Brief.cut(a.where(), 34) + " lets every client skip " + Brief.cut(req, 24);
            String whole = "Satisfy Any in " + a.where() + " lets every client skip " + req;
            ctx.report(ID, satisfy.span(), head + "." + (head.equals(whole) ? "" : " In full: " + whole + ".") + " "
                    + why + ", and with Satisfy Any httpd skips authentication and Require for a request the host "
                    + "check accepted. Use Satisfy All, or name the hosts that may skip the password (Order "
                    + "allow,deny with Allow from 10.0.0.0/8).",
                    List.of(new Related(require.span(), "the Require every client skips")), fix);
        }
    }
}
