package dev.proxylint.rules.hsts;

import dev.proxylint.facts.HstsHeader;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.rules.tls.TlsEdits;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import java.util.List;
import java.util.Set;

/**
 * HSTS104 hsts-missing: a TLS endpoint sends no Strict-Transport-Security header; on nginx also a
 * location whose own add_header lines drop the server's header (add_header is all-or-nothing). One
 * finding per endpoint and per such location.
 */
public final class Hsts104Missing extends BaseRule {
    static final String ID = "HSTS104";

    public Hsts104Missing() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        long floor = HstsHeaders.floor(ctx);
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            if (e.hsts().isEmpty()) {
                missing(ctx, e, floor);
            }
        }
        for (HstsHeaders.Dropped d : HstsHeaders.of(ctx).dropped()) {
            dropped(ctx, d.location(), d.outer());
        }
    }

    private static void missing(RuleContext ctx, TlsEndpoint e, long floor) {
        String line = HstsHeaders.line(e.dialect(), "max-age=" + floor);
        Fix fix = null;
        String extra = "";
        if (e.dialect() == Dialect.NGINX) {
            Scope owner = e.nginxServer().arrayOwner("add_header");
            if (owner == null || owner == e.nginxServer()) {
                fix = new Fix("Add " + line, List.of(TlsEdits.add(e, line)));
            } else {
                extra = " Adding add_header to this server drops the add_header lines it inherits (line "
                        + owner.own("add_header").get(0).line() + "), so repeat those here too, or add the header where they are.";
            }
        } else {
            fix = new Fix("Add " + line, List.of(TlsEdits.add(e, line)));
        }
        ctx.report(ID, e.anchor().headSpan(), e.label() + " serves TLS but sends no HSTS header. "
                + "Without a Strict-Transport-Security header browsers keep trying plain http:// first and a man in the middle can strip TLS from that "
                + "first request. Add " + TlsEdits.stripSemi(line) + "." + extra, List.of(), fix);
    }

    private static void dropped(RuleContext ctx, Scope loc, HstsHeader outer) {
        String text = outer.directive().span().text();
        String pattern = loc.locationPattern();
        String brief = Brief.cut(pattern, 40);
        ctx.report(ID, loc.block().headSpan(), "location " + brief + " sends no HSTS: its own "
                + "add_header lines drop the inherited header. " + (brief.equals(pattern) ? "" : "The location is "
                + pattern + ". ") + "They drop the outer Strict-Transport-Security: nginx "
                + "inherits add_header only into a level that has none of its own, so responses from this location "
                + "carry no HSTS. Repeat "
                + TlsEdits.stripSemi(text) + " in the location.",
                List.of(new Related(outer.directive().span(), "the Strict-Transport-Security header dropped here")),
                new Fix("Repeat the HSTS header in the location", List.of(NginxEdits.appendToBlock(loc.block(),
                        List.of(text)))));
    }
}
