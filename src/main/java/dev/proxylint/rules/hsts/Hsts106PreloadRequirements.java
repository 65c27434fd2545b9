package dev.proxylint.rules.hsts;

import dev.proxylint.facts.HstsHeader;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HSTS106 hsts-preload-requirements: a well-formed header asks for preloading without
 * includeSubDomains or without a max-age of at least a year. Once per directive.
 */
public final class Hsts106PreloadRequirements extends BaseRule {
    static final String ID = "HSTS106";

    public Hsts106PreloadRequirements() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        long floor = HstsHeaders.floor(ctx);
        for (HstsHeaders.Parsed p : HstsHeaders.of(ctx).headers()) {
            HstsHeader h = p.header();
            HstsHeader.Value v = p.value();
            Directive d = h.directive();
            if (!v.problems().isEmpty() || !v.preload()
                    || (v.includeSubDomains() && v.maxAge() >= HstsHeaders.PRELOAD_MIN_AGE) || !ctx.once(ID, d)) {
                continue;
            }
            List<String> why = new ArrayList<>();
            if (!v.includeSubDomains()) {
                why.add("includeSubDomains is missing");
            }
            if (v.maxAge() < HstsHeaders.PRELOAD_MIN_AGE) {
                why.add("max-age " + v.maxAge() + " is below 31536000");
            }
            // max-age is below 31536000 here, so the headline stays under 100 characters.
            ctx.report(ID, d.span(), "HSTS preload is rejected: " + String.join(" and ", why) + ". "
                    + HstsHeaders.shown(h) + " asks for preloading, which hstspreload.org refuses for this header, "
                    + "so it rejects the domain (and an existing entry may be removed). Send "
                    + "\"" + HstsHeaders.corrected(v, floor) + "\".", List.of(), HstsHeaders.valueFix(h, v, floor));
        }
    }
}
