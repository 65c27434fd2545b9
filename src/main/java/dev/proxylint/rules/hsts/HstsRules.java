package dev.proxylint.rules.hsts;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.facts.HstsHeader;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.rules.tls.TlsEdits;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Strict-Transport-Security on TLS endpoints: present, sent always, well-formed, long enough. */
public final class HstsRules implements Rule {
    /** The minimum max-age of the HSTS preload list (one year). */
    public static final long PRELOAD_MIN_AGE = 31536000L;

    @Override
    public Set<String> ids() {
        return Set.of("HSTS101", "HSTS102", "HSTS103", "HSTS104", "HSTS105", "HSTS106");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.NGINX, Dialect.APACHE);
    }

    @Override
    public void check(RuleContext ctx) {
        long floor = ctx.settings().longOption("HSTS102", "min-max-age", TlsEndpoint.profile(ctx.settings().facts()).hstsMinAge());
        Set<Directive> seen = new HashSet<>();
        List<TlsEndpoint> eps;
        NginxModel nm = null;
        if (ctx.dialect() == Dialect.NGINX) {
            nm = ctx.facts().nginx();
            eps = ctx.facts().tlsEndpoints();
        } else {
            eps = ctx.facts().tlsEndpoints();
        }
        for (TlsEndpoint e : eps) {
            if (e.hsts().isEmpty()) {
                missing(ctx, e, floor);
            }
            for (HstsHeader h : e.hsts()) {
                if (seen.add(h.directive())) {
                    header(ctx, h, floor);
                }
            }
            if (nm != null) {
                locations(ctx, nm, e, floor, seen);
            }
        }
    }

    static String line(Dialect d, String value) {
        return d == Dialect.NGINX ? "add_header " + HstsHeader.NAME + " \"" + value + "\" always;"
                : "Header always set " + HstsHeader.NAME + " \"" + value + "\"";
    }

    private static void missing(RuleContext ctx, TlsEndpoint e, long floor) {
        String value = "max-age=" + floor;
        Fix fix = null;
        String extra = "";
        if (e.dialect() == Dialect.NGINX) {
            Scope owner = e.nginxServer().arrayOwner("add_header");
            if (owner == null || owner == e.nginxServer()) {
                fix = new Fix("Add " + line(e.dialect(), value), List.of(TlsEdits.add(e, line(e.dialect(), value))));
            } else {
                extra = " Adding add_header to this server drops the add_header lines it inherits (line "
                        + owner.own("add_header").get(0).line() + "), so repeat those here too, or add the header where they are.";
            }
        } else {
            fix = new Fix("Add " + line(e.dialect(), value), List.of(TlsEdits.add(e, line(e.dialect(), value))));
        }
        ctx.report("HSTS104", e.anchor().headSpan(), e.label() + " serves TLS but sends no Strict-Transport-Security "
                + "header, so browsers keep trying plain http:// first and a man in the middle can strip TLS from that "
                + "first request. Add " + TlsEdits.stripSemi(line(e.dialect(), value)) + "." + extra, List.of(), fix);
    }

    /** nginx: a location with add_header of its own silently drops the server's HSTS header. */
    private static void locations(RuleContext ctx, NginxModel m, TlsEndpoint e, long floor, Set<Directive> seen) {
        if (e.hsts().isEmpty()) {
            return;
        }
        HstsHeader outer = e.hsts().get(e.hsts().size() - 1);
        for (Scope loc : m.locationsOf(e.nginxServer())) {
            Scope owner = loc.arrayOwner("add_header");
            if (owner == null || owner.kind() == Scope.Kind.SERVER || owner.kind() == Scope.Kind.HTTP) {
                continue;
            }
            List<HstsHeader> here = TlsEndpoint.nginxHsts(loc);
            for (HstsHeader h : here) {
                if (seen.add(h.directive())) {
                    header(ctx, h, floor);
                }
            }
            if (!here.isEmpty() || owner != loc) {
                continue;
            }
            String text = outer.directive().span().text();
            ctx.report("HSTS104", loc.block().headSpan(), "location " + loc.locationPattern() + " has add_header lines "
                    + "of its own, so nginx drops every add_header of the enclosing levels here, "
                    + "Strict-Transport-Security included: responses from this location carry no HSTS. Repeat "
                    + TlsEdits.stripSemi(text) + " in the location.",
                    List.of(new Related(outer.directive().span(), "the Strict-Transport-Security header dropped here")),
                    new Fix("Repeat the HSTS header in the location", List.of(NginxEdits.appendToBlock(loc.block(),
                            List.of(text)))));
        }
    }

    /** The value with max-age raised to at least {@code min} and includeSubDomains added for preload. */
    static String corrected(HstsHeader.Value v, long min) {
        long age = v.maxAge() >= min ? v.maxAge() : min;
        if (v.preload()) {
            age = Math.max(age, PRELOAD_MIN_AGE);
        }
        StringBuilder b = new StringBuilder("max-age=").append(age);
        if (v.includeSubDomains() || v.preload()) {
            b.append("; includeSubDomains");
        }
        if (v.preload()) {
            b.append("; preload");
        }
        return b.toString();
    }

    private static Fix valueFix(HstsHeader h, HstsHeader.Value v, long floor) {
        if (h.valueArg() == null) {
            return null;
        }
        String nv = corrected(v, floor);
        return new Fix("Send Strict-Transport-Security: " + nv, List.of(TextEdit.replace(h.valueArg().span(), "\"" + nv + "\"")));
    }

    private static void header(RuleContext ctx, HstsHeader h, long floor) {
        Directive d = h.directive();
        HstsHeader.Value v = h.parse();
        String shown = "Strict-Transport-Security \"" + h.value() + "\"";
        if (!v.problems().isEmpty()) {
            ctx.report("HSTS105", d.span(), shown + " is malformed: " + String.join("; ", v.problems())
                    + ", so browsers ignore the header and HSTS is not in effect. Send a value like \"max-age="
                    + floor + "; includeSubDomains\".", List.of(), null);
        } else if (v.maxAge() == 0) {
            ctx.report("HSTS101", d.span(), shown + " has max-age=0, which tells browsers to forget this host's HSTS "
                    + "policy: every visit may start over plain http:// again. Use max-age=" + floor + ".", List.of(),
                    valueFix(h, v, floor));
        } else if (v.maxAge() < floor) {
            ctx.report("HSTS102", d.span(), shown + " sets max-age=" + v.maxAge() + " seconds, below the "
                    + floor + " (two years) the TLS profile asks for, so browsers forget the policy between visits "
                    + "and the next first request goes out over plain http://. Use max-age=" + floor + ".", List.of(),
                    valueFix(h, v, floor));
        }
        if (v.problems().isEmpty() && v.preload() && (!v.includeSubDomains() || v.maxAge() < PRELOAD_MIN_AGE)) {
            List<String> why = new ArrayList<>();
            if (!v.includeSubDomains()) {
                why.add("includeSubDomains is missing");
            }
            if (v.maxAge() < PRELOAD_MIN_AGE) {
                why.add("max-age " + v.maxAge() + " is below 31536000");
            }
            ctx.report("HSTS106", d.span(), shown + " asks for preloading, but " + String.join(" and ", why)
                    + ", so hstspreload.org rejects the domain (and an existing entry may be removed). Send "
                    + "\"" + corrected(v, floor) + "\".", List.of(), valueFix(h, v, floor));
        }
        if (!h.always()) {
            TextEdit edit;
            if (d.dialect() == Dialect.NGINX) {
                edit = h.valueArg() == null ? null : TextEdit.insert(d.file(), h.valueArg().end(), " always");
            } else if (h.alwaysArg() != null) {
                edit = TextEdit.replace(h.alwaysArg().span(), "always");
            } else {
                edit = TextEdit.insert(d.file(), d.args().get(0).start(), "always ");
            }
            String why = d.dialect() == Dialect.NGINX
                    ? "add_header without 'always' adds Strict-Transport-Security only to 200, 201, 204, 206, 301, 302, "
                            + "303, 304, 307 and 308 responses, so error pages go out without it"
                    : "Header set without 'always' writes to mod_headers' 'onsuccess' table, which misses error "
                            + "responses and headers of proxied responses that use the 'always' table, so some responses "
                            + "go out without Strict-Transport-Security";
            ctx.report("HSTS103", d.span(), why + ". Add 'always'.", List.of(),
                    edit == null ? null : new Fix("Send the header always", List.of(edit)));
        }
    }
}
