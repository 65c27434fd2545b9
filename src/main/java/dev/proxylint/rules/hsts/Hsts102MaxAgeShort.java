package dev.proxylint.rules.hsts;

import dev.proxylint.facts.HstsHeader;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;

/**
 * HSTS102 hsts-max-age-short: a well-formed header with a max-age (not 0) below the floor
 * ({@link HstsHeaders#floor}: the option {@code min-max-age}, else the profile's). Once per directive.
 */
public final class Hsts102MaxAgeShort extends BaseRule {
    static final String ID = "HSTS102";

    public Hsts102MaxAgeShort() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        long floor = HstsHeaders.floor(ctx);
        for (HstsHeaders.Parsed p : HstsHeaders.of(ctx).headers()) {
            HstsHeader h = p.header();
            HstsHeader.Value v = p.value();
            Directive d = h.directive();
            if (v.problems().isEmpty() && v.maxAge() != 0 && v.maxAge() < floor && ctx.once(ID, d)) {
                ctx.report(ID, d.span(), "HSTS max-age=" + v.maxAge() + " is below the " + floor
                        + " seconds (two years) the TLS profile asks for. The header is " + HstsHeaders.shown(h)
                        + ". Browsers forget the policy between visits "
                        + "and the next first request goes out over plain http://. Use max-age=" + floor + ".", List.of(),
                        HstsHeaders.valueFix(h, v, floor));
            }
        }
    }
}
