package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;

/**
 * The access control nginx applies at a scope, as ngx_http_access_module and the auth modules
 * merge it: the {@code allow}/{@code deny} list in effect is the nearest level's (this one first)
 * that has any of them, and it replaces the outer lists whole; the first matching rule wins and a
 * client no rule matches is let in. {@code auth_basic}, {@code auth_request} and {@code satisfy}
 * are plain inherited settings.
 */
final class NginxAccess {
    private NginxAccess() {
    }

    /** The scope whose allow/deny list is in effect at s (s itself first), or null when none is. */
    static Scope owner(Scope s) {
        for (Scope x = s; x != null; x = x.parent()) {
            Work.tick();
            if (x.has("allow") || x.has("deny")) {
                return x;
            }
        }
        return null;
    }

    /** The owner's allow and deny directives in the order nginx tries them. */
    static List<Directive> rules(Scope owner) {
        List<Directive> rules = new ArrayList<>(owner.own("allow"));
        rules.addAll(owner.own("deny"));
        rules.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return rules;
    }

    /** Whether the access rules in effect at s deny someone before an allow all lets everyone in. */
    static boolean restricted(Scope s) {
        Scope owner = owner(s);
        if (owner == null) {
            return false;
        }
        for (Directive r : rules(owner)) {
            if (r.is("deny")) {
                return true;
            }
            if ("all".equals(r.arg(0))) {
                return false;
            }
        }
        return false;
    }

    /** The auth_basic or auth_request in effect at s (not off), or null. */
    static Directive authentication(Scope s) {
        Directive basic = s.effective("auth_basic");
        if (basic != null && !"off".equals(basic.arg(0))) {
            return basic;
        }
        Directive req = s.effective("auth_request");
        return req != null && !"off".equals(req.arg(0)) ? req : null;
    }

    /** Whether satisfy any is in effect at s. */
    static boolean satisfyAny(Scope s) {
        Directive d = s.effective("satisfy");
        return d != null && "any".equals(d.arg(0));
    }
}
