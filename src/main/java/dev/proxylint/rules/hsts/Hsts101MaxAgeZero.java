package dev.proxylint.rules.hsts;

import dev.proxylint.facts.HstsHeader;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;

/**
 * HSTS101 hsts-max-age-zero: a well-formed header with {@code max-age=0}, which makes browsers
 * forget the policy. Once per directive.
 */
public final class Hsts101MaxAgeZero extends BaseRule {
    static final String ID = "HSTS101";

    public Hsts101MaxAgeZero() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        long floor = HstsHeaders.floor(ctx);
        for (HstsHeaders.Parsed p : HstsHeaders.of(ctx).headers()) {
            HstsHeader h = p.header();
            HstsHeader.Value v = p.value();
            Directive d = h.directive();
            if (v.problems().isEmpty() && v.maxAge() == 0 && ctx.once(ID, d)) {
                ctx.report(ID, d.span(), "HSTS max-age=0 tells browsers to forget this host's HSTS policy. The header is "
                        + HstsHeaders.shown(h) + ": every visit may start over plain http:// again. Use max-age=" + floor
                        + ".",
                        List.of(), HstsHeaders.valueFix(h, v, floor));
            }
        }
    }
}
