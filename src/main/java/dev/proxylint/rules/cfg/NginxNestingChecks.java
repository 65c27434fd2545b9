package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives.Ctx;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;

/**
 * The places nginx 1.22 refuses although the directive table allows the context, each as the code
 * that refuses it:
 * <ul>
 * <li>{@code ngx_http_core_location}: a location inside an exact or a named location, a named
 * location inside any location, and a prefix or exact location whose path does not start with its
 * parent's ({@code location "/b" is outside location "/a"}; a regex parent is compared as its
 * regex text, as nginx does, and a regex child is never outside);
 * <li>{@code ngx_http_proxy_pass}: a URI part (anything from the first {@code /} or {@code ?} after
 * the host) in a regex or named location, an {@code if} or a {@code limit_except} block, where nginx
 * has no location prefix to replace.
 * </ul>
 */
final class NginxNestingChecks {
    private NginxNestingChecks() {
    }

    static void check(RuleContext ctx, String id) {
        NginxModel model = ctx.facts().nginx();
        for (Scope loc : model.locations()) {
            Scope parent = loc.parent();
            if (parent == null || parent.kind() != Scope.Kind.LOCATION || loc.locationPatternArg() == null
                    || parent.locationPatternArg() == null) {
                continue;
            }
            nested(ctx, id, loc, parent);
        }
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            Directive d = e.directive();
            if (!d.is("proxy_pass") || e.accepting() == null || e.parent() == null || d.argCount() != 1
                    || (e.contexts() & (Ctx.LOCATION.bit() | Ctx.LIF.bit() | Ctx.LIMIT_EXCEPT.bit())) == 0) {
                continue;
            }
            Scope owner = model.scopeOf(e.parent());
            if (owner == null) {
                continue;
            }
            String where = switch (owner.kind()) {
                case IF -> "inside \"if\"";
                case LIMIT_EXCEPT -> "inside \"limit_except\"";
                case LOCATION -> owner.locationModifier().startsWith("~") ? "in a regex location"
                        : owner.locationModifier().equals("@") ? "in a named location" : null;
                default -> null;
            };
            String uri = where == null ? null : uriPart(d.arg(0));
            if (uri != null) {
                ctx.report(id, d.args().get(0).span(), "\"proxy_pass\" cannot have URI part in location given by "
                        + "regular expression, or inside named location, or inside \"if\" statement, or inside "
                        + "\"limit_except\" block: nginx refuses to start. This proxy_pass is " + where + " and has the "
                        + "URI part \"" + uri + "\": nginx has no location prefix to replace here. Drop the URI part "
                        + "(the request's URI is passed as it is), or rewrite the URI first (rewrite ... break).");
            }
        }
    }

    private static void nested(RuleContext ctx, String id, Scope loc, Scope parent) {
        String pm = parent.locationModifier();
        String cm = loc.locationModifier();
        String pname = parent.locationPattern();
        String cname = loc.locationPattern();
        String problem;
        if (pm.equals("=")) {
            problem = "location \"" + cname + "\" cannot be inside the exact location \"" + pname + "\"";
        } else if (pm.equals("@")) {
            problem = "location \"" + cname + "\" cannot be inside the named location \"" + pname + "\"";
        } else if (cm.equals("@")) {
            problem = "named location \"" + cname + "\" can be on the server level only";
        } else if (!cm.startsWith("~") && !cname.startsWith(pname)) {
            problem = "location \"" + cname + "\" is outside location \"" + pname + "\"";
        } else {
            return;
        }
        ctx.report(id, loc.block().nameSpan(), problem + ": nginx refuses to start. "
                + (cm.equals("@") ? "Named locations stand directly in a server."
                        : pm.equals("=") || pm.equals("@") ? "Exact and named locations hold no locations."
                                : "A nested prefix or exact location must start with its parent's path"
                                        + (pm.startsWith("~") ? " (a regex parent's text, as nginx compares it)" : "")
                                        + "."),
                List.of(new Related(parent.block().nameSpan(), "enclosing location " + pname)), null);
    }

    /** The URI part of a proxy_pass URL without variables, or null when it has none (or variables). */
    static String uriPart(String url) {
        if (url.indexOf('$') >= 0) {
            return null;
        }
        String u = url.toLowerCase(Locale.ROOT);
        String rest;
        if (u.startsWith("http://")) {
            rest = url.substring(7);
        } else if (u.startsWith("https://")) {
            rest = url.substring(8);
        } else {
            return null;
        }
        if (rest.regionMatches(true, 0, "unix:", 0, 5)) {
            int colon = rest.indexOf(':', 5);
            return colon < 0 ? null : rest.substring(colon + 1);
        }
        int slash = rest.indexOf('/');
        int query = rest.indexOf('?');
        int at = slash < 0 ? query : query < 0 ? slash : Math.min(slash, query);
        return at < 0 ? null : rest.substring(at);
    }
}
