package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CFG127 undefined-named-location: {@code try_files ... @app}, {@code error_page 404 @gone} or
 * {@code post_action @log} names a location that the server does not have. nginx accepts the config
 * ({@code nginx -t} passes) and looks the name up per request among the named locations of the
 * server that handles it; when the fallback is taken it logs {@code could not find named location
 * "@app"} and answers 500. Named locations stand at server level only, so the check is per server;
 * an {@code error_page} of the http level counts for every server that does not set its own.
 */
public final class NginxUndefinedNamedLocationRule extends BaseRule {
    static final String ID = "CFG127";

    public NginxUndefinedNamedLocationRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        if (model.incomplete()) {
            return; // an unread include may hold the named location
        }
        List<Directive> httpPages = new ArrayList<>();
        for (Scope top : model.main().children()) {
            if (top.kind() == Scope.Kind.HTTP) {
                httpPages.addAll(top.own("error_page"));
            }
        }
        for (Scope server : model.servers()) {
            Set<String> named = new HashSet<>();
            for (Scope c : server.children()) {
                if (c.kind() == Scope.Kind.LOCATION && c.locationModifier().equals("@")) {
                    String p = c.locationPattern(); // "@name"
                    named.add(p.startsWith("@") ? p.substring(1) : p);
                }
            }
            List<Scope> scopes = new ArrayList<>();
            scopes.add(server);
            for (Scope l : model.locationsOf(server)) {
                scopes.add(l);
                for (Scope c : l.children()) {
                    if (c.kind() == Scope.Kind.IF || c.kind() == Scope.Kind.LIMIT_EXCEPT) {
                        scopes.add(c);
                    }
                }
            }
            for (Scope c : server.children()) {
                if (c.kind() == Scope.Kind.IF) {
                    scopes.add(c);
                }
            }
            for (Scope s : scopes) {
                for (Directive d : s.own("try_files")) {
                    check(ctx, server, named, d, last(d), "the last try_files argument");
                }
                for (Directive d : s.own("error_page")) {
                    check(ctx, server, named, d, last(d), "error_page");
                }
                for (Directive d : s.own("post_action")) {
                    check(ctx, server, named, d, d.argCount() == 1 ? d.args().get(0) : null, "post_action");
                }
            }
            if (server.own("error_page").isEmpty()) {
                for (Directive d : httpPages) {
                    Arg a = last(d);
                    if (a != null && missing(named, a) && ctx.once(ID, d)) {
                        check(ctx, server, named, d, a, "error_page (of the http level)");
                    }
                }
            }
        }
    }

    private static Arg last(Directive d) {
        return d.argCount() == 0 ? null : d.args().get(d.argCount() - 1);
    }

    private static boolean missing(Set<String> named, Arg a) {
        String v = a.value();
        return v.startsWith("@") && v.length() > 1 && !v.contains("$") && !named.contains(v.substring(1));
    }

    private static void check(RuleContext ctx, Scope server, Set<String> named, Directive d, Arg a, String what) {
        if (a == null || !missing(named, a)) {
            return;
        }
        String name = a.value();
        String where = server.block() != null ? "server at line " + server.block().line() : "this server";
        ctx.report(ID, a.span(), d.name() + " falls back to " + name + ", a named location the " + where
                + " does not have. nginx accepts the config but answers 500 whenever " + what + " is used (its "
                + "error log says: could not find named location \"" + name + "\"). Named locations are looked up in "
                + "the server that handles the request: add location " + name + " { ... } to this server, or fix the "
                + "name.");
    }
}
