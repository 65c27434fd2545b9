package dev.proxylint.rules.hsts;

import dev.proxylint.facts.HstsHeader;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;

/**
 * HSTS105 hsts-malformed: a header browsers ignore (max-age missing, repeated or not a number, the
 * header name inside the value). Once per directive.
 */
public final class Hsts105Malformed extends BaseRule {
    static final String ID = "HSTS105";

    public Hsts105Malformed() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        long floor = HstsHeaders.floor(ctx);
        for (HstsHeaders.Parsed p : HstsHeaders.of(ctx).headers()) {
            HstsHeader h = p.header();
            HstsHeader.Value v = p.value();
            Directive d = h.directive();
            if (!v.problems().isEmpty() && ctx.once(ID, d)) {
                ctx.report(ID, d.span(), "Strict-Transport-Security value is malformed, so browsers ignore it and HSTS "
                        + "is not in effect. " + HstsHeaders.shown(h) + " is malformed: " + String.join("; ", v.problems())
                        + ". Send a value like \"max-age="
                        + floor + "; includeSubDomains\".", List.of(), null);
            }
        }
    }
}
