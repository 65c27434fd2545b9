package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC130: a {@code return} (or a redirecting {@code rewrite}) where access control is in effect.
 * nginx runs the rewrite module in its rewrite phases, before the access phase, so the answer goes
 * out without the {@code allow}/{@code deny}, {@code auth_basic} or {@code auth_request} check:
 * a {@code return 200 "text"} serves its text to denied clients (error), a redirect tells them
 * where to go (note). Refusals (4xx, 5xx, 444) and 2xx without a body are not reported.
 */
public final class NginxReturnBeforeAccessRule extends BaseRule {
    static final String ID = "SEC130";

    public NginxReturnBeforeAccessRule() {
        super(Dialect.NGINX, ID);
    }

    /** Content for denied clients is the hole (the default level); a redirect only discloses its target. */
    static Level level(RuleContext ctx, boolean content) {
        return content ? ctx.defaultLevel(ID) : Level.NOTE;
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.each(ctx.facts().nginx(), s -> {
            Scope.Kind k = s.kind();
            if (k != Scope.Kind.SERVER && k != Scope.Kind.LOCATION && k != Scope.Kind.IF) {
                return;
            }
            List<Directive> returns = s.own("return");
            List<Directive> rewrites = s.own("rewrite");
            if (returns.isEmpty() && rewrites.isEmpty()) {
                return;
            }
            Directive check = accessCheck(s);
            if (check == null) {
                return;
            }
            for (Directive r : returns) {
                Boolean content = returnAnswers(r);
                if (content != null) {
                    report(ctx, s, r, check, content);
                }
            }
            for (Directive r : rewrites) {
                if (redirects(r)) {
                    report(ctx, s, r, check, false);
                }
            }
        });
    }

    /** The directive that restricts access at s (the first deny of the list in effect, else the auth), or null. */
    static Directive accessCheck(Scope s) {
        if (NginxAccess.restricted(s)) {
            for (Directive d : NginxAccess.rules(NginxAccess.owner(s))) {
                if (d.is("deny")) {
                    return d;
                }
            }
        }
        return NginxAccess.authentication(s);
    }

    /** True when a return serves content (2xx with a text), false for a redirect, null when nothing leaks. */
    static Boolean returnAnswers(Directive r) {
        if (r.argCount() == 0) {
            return null;
        }
        String a = r.arg(0);
        if (!a.chars().allMatch(Character::isDigit) || a.isEmpty()) {
            return Boolean.FALSE; // return URL: a 302
        }
        int code;
        try {
            code = Integer.parseInt(a);
        } catch (NumberFormatException e) {
            return null;
        }
        if (code >= 200 && code < 300) {
            return r.argCount() >= 2 && !r.arg(1).isEmpty() ? Boolean.TRUE : null;
        }
        if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
            return r.argCount() >= 2 ? Boolean.FALSE : null;
        }
        return null;
    }

    /** A rewrite that answers with a redirect instead of changing the URI. */
    static boolean redirects(Directive r) {
        if (r.argCount() < 2) {
            return false;
        }
        String flag = r.argCount() >= 3 ? r.arg(2) : "";
        if (flag.equals("redirect") || flag.equals("permanent")) {
            return true;
        }
        String to = r.arg(1);
        return to.startsWith("http://") || to.startsWith("https://") || to.startsWith("$scheme");
    }

    private static void report(RuleContext ctx, Scope s, Directive r, Directive check, boolean content) {
        String where = where(s);
        String what = r.is("return") ? "return " + r.arg(0) : "rewrite ... " + (r.argCount() >= 3 ? r.arg(2) : "to " + r.arg(1));
        boolean here = s.directives().contains(check)
                || (s.kind() == Scope.Kind.IF && s.parent() != null && s.parent().directives().contains(check));
        String inherited = here ? "" : " (inherited from an outer level)";
        String head = Brief.cut(what, 30) + " in " + Brief.cut(where, 33);
        String msg = head + " answers before the access check." + SecText.whole("The answer", head, what + " in " + where)
                + " Denied clients get it too: "
                + "nginx runs return and rewrite in its rewrite phase, before the access phase where "
                + check.name() + " is checked" + inherited + ", so "
                + (content ? "the text of this return is served to anyone, denied or not. "
                        : "a client the " + check.name() + " refuses still gets this redirect and learns its target. ")
                + "Serve the answer from a file or a backend (the content phase comes after the access check), or "
                + "give the return a location that is meant to be public.";
        ctx.report(new Finding(ID, level(ctx, content), msg, r.span(),
                List.of(new Related(check.span(), "the access check this answer does not wait for")), null));
    }

    /** Where a scope is, for messages: "location /x", "an if in server", "limit_except in location /x", "http". */
    static String where(Scope s) {
        String in = s.kind() == Scope.Kind.IF ? "an if in " : s.kind() == Scope.Kind.LIMIT_EXCEPT ? "limit_except in " : "";
        Scope loc = s.enclosing(Scope.Kind.LOCATION);
        if (loc != null) {
            return in + "location " + loc.locationPattern();
        }
        return in + (s.enclosing(Scope.Kind.SERVER) != null ? "server" : s.kind() == Scope.Kind.HTTP ? "http" : "main");
    }
}
