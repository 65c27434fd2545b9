package dev.proxylint.rules.hsts;

import dev.proxylint.facts.HstsHeader;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;

/**
 * HSTS103 hsts-not-always: the header is added without {@code always}, so some responses (error
 * pages, some proxied responses) go out without it. Once per directive.
 */
public final class Hsts103NotAlways extends BaseRule {
    static final String ID = "HSTS103";

    public Hsts103NotAlways() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (HstsHeaders.Parsed p : HstsHeaders.of(ctx).headers()) {
            HstsHeader h = p.header();
            Directive d = h.directive();
            if (h.always() || !ctx.once(ID, d)) {
                continue;
            }
            TextEdit edit;
            if (d.dialect() == Dialect.NGINX) {
                edit = h.valueArg() == null ? null : TextEdit.insert(d.file(), h.valueArg().end(), " always");
            } else if (h.alwaysArg() != null) {
                edit = TextEdit.replace(h.alwaysArg().span(), "always");
            } else {
                edit = TextEdit.insert(d.file(), d.args().get(0).start(), "always ");
            }
            String why = d.dialect() == Dialect.NGINX
                    ? "add_header Strict-Transport-Security lacks 'always', so error pages go out without HSTS. "
                            + "Without 'always' add_header adds the header only to 200, 201, 204, 206, 301, 302, "
                            + "303, 304, 307 and 308 responses"
                    : "Header set Strict-Transport-Security lacks 'always', so some responses go out without HSTS. "
                            + "Without 'always' Header set writes to mod_headers' 'onsuccess' table, which misses error "
                            + "responses and headers of proxied responses that use the 'always' table";
            ctx.report(ID, d.span(), why + ". Add 'always'.", List.of(),
                    edit == null ? null : new Fix("Send the header always", List.of(edit)));
        }
    }
}
