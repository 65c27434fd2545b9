package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SEC105: a level (server, location, if) with {@code add_header} lines of its own, below a level
 * that sends security headers. nginx inherits {@code add_header} all-or-nothing: the inner list
 * replaces the outer one, so the outer X-Frame-Options, Content-Security-Policy,
 * X-Content-Type-Options, Referrer-Policy and Permissions-Policy are not sent from here.
 * Strict-Transport-Security is HSTS104's. A header counts as dropped when some enclosing level
 * sets it and this level does not; the nearest such line is the one to repeat.
 */
public final class NginxDroppedSecurityHeadersRule extends BaseRule {
    static final List<String> HEADERS = List.of("x-frame-options", "content-security-policy",
            "x-content-type-options", "referrer-policy", "permissions-policy");

    public NginxDroppedSecurityHeadersRule() {
        super(Dialect.NGINX, "SEC105");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.with(ctx.facts().nginx(), "add_header", s -> {
            if (s.kind() != Scope.Kind.SERVER && s.kind() != Scope.Kind.LOCATION && s.kind() != Scope.Kind.IF) {
                return;
            }
            if (s.has("add_header")) {
                check(ctx, s);
            }
        });
    }

    /** The header an add_header sets; empty for a line nginx refuses (add_header takes 2 or 3 arguments). */
    private static String headerName(Directive d) {
        return d.argCount() >= 2 && d.argCount() <= 3 ? d.arg(0).toLowerCase(Locale.ROOT) : "";
    }

    /** The line that repeats {@code d}: its own words, without comments or line breaks between them. */
    private static String line(Directive d) {
        StringBuilder sb = new StringBuilder(d.name());
        for (dev.proxylint.syntax.Arg a : d.args()) {
            sb.append(' ').append(a.raw());
        }
        return sb.append(';').toString();
    }

    private static void check(RuleContext ctx, Scope s) {
        Set<String> here = new java.util.HashSet<>();
        for (Directive d : s.own("add_header")) {
            here.add(headerName(d));
        }
        Map<String, Directive> dropped = new LinkedHashMap<>();
        for (Scope up = s.parent(); up != null; up = up.parent()) {
            Work.tick();
            for (Directive d : up.own("add_header")) {
                String h = headerName(d);
                if (HEADERS.contains(h) && !here.contains(h) && !dropped.containsKey(h)) {
                    dropped.put(h, d);
                }
            }
        }
        if (dropped.isEmpty() || s.block() == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<Related> related = new ArrayList<>();
        List<Directive> ordered = new ArrayList<>(dropped.values());
        ordered.sort((a, b) -> a.file() == b.file() ? Integer.compare(a.start(), b.start()) : 0);
        for (Directive d : ordered) {
            names.add(d.arg(0));
            lines.add(line(d));
            related.add(new Related(d.span(), "dropped here: " + d.arg(0) + " is not sent from the inner level"));
        }
        String label = switch (s.kind()) {
            case SERVER -> "this server";
            case LOCATION -> "location " + s.locationPattern();
            default -> "this if block";
        };
        Fix fix = new Fix("Repeat " + String.join(", ", names) + " here",
                List.of(NginxEdits.appendToBlock(s.block(), lines)));
        ctx.report("SEC105", s.block().headSpan(), label + " drops the outer " + (names.size() == 1 ? names.get(0)
                : names.get(0) + " and " + (names.size() - 1) + " more security header" + (names.size() > 2 ? "s" : ""))
                + ". It has add_header lines of its own, and nginx inherits add_header only when a level has none: "
                + "they replace every add_header of the enclosing levels, so responses from here go out without "
                + String.join(", ", names) + " (clickjacking, MIME sniffing or script injection protections off). "
                + "Repeat " + (names.size() == 1 ? "the line" : "the lines") + " here, "
                + "or move the headers into an include used at every level.", related, fix);
    }
}
