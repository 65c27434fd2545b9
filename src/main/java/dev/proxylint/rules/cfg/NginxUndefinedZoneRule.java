package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CFG126 undefined-zone: a directive uses a shared memory zone that no directive of its module
 * defines. nginx keeps shared memory zones by name for the whole configuration, each with the module
 * that declared it: {@code limit_req zone=one} needs a {@code limit_req_zone ... zone=one:10m},
 * {@code limit_conn addr 10} a {@code limit_conn_zone ... zone=addr:10m}, {@code proxy_cache c} a
 * {@code proxy_cache_path ... keys_zone=c:10m} (likewise fastcgi, uwsgi and scgi). Without it nginx
 * refuses to start ({@code zero size shared memory zone "one"}, {@code "proxy_cache" zone "c" is
 * unknown}); when the name belongs to another module's zone it refuses with {@code the shared
 * memory zone "one" is already declared for a different use}. A fragment is not judged: its zones
 * may be defined by the config that includes it.
 */
public final class NginxUndefinedZoneRule extends BaseRule {
    static final String ID = "CFG126";

    public NginxUndefinedZoneRule() {
        super(Dialect.NGINX, ID);
    }

    /** A zone definition: its module (which names a use) and where. */
    private record Def(String module, Directive directive) {
    }

    @Override
    public void check(RuleContext ctx) {
        NginxSharedZones.check(ctx, ID); // a declaration under a name another module's zone has
        NginxModel model = ctx.facts().nginx();
        if (model.fragment() || model.incomplete()) {
            return; // a fragment, or an unread include: the zone may be defined where this rule cannot see
        }
        Map<String, Def> defs = new HashMap<>();
        List<Scope> all = scopes(model.main());
        for (Scope s : all) {
            boolean stream = inStream(s);
            for (Directive d : s.own("limit_req_zone")) {
                define(defs, d, "zone=", "limit_req");
            }
            for (Directive d : s.own("limit_conn_zone")) {
                define(defs, d, "zone=", stream ? "stream limit_conn" : "limit_conn");
            }
            for (int k = 0; k < CACHES.size(); k++) {
                for (Directive d : s.own(CACHE_PATHS.get(k))) {
                    define(defs, d, "keys_zone=", CACHE_USES.get(k));
                }
            }
            for (Directive d : s.own("ssl_session_cache")) {
                define(defs, d, "shared:", stream ? "stream ssl_session_cache" : "ssl_session_cache");
            }
            if (s.kind() == Scope.Kind.UPSTREAM) {
                for (Directive d : s.own("zone")) {
                    if (d.argCount() >= 2) { // zone NAME SIZE declares; zone NAME alone refers to one
                        defs.putIfAbsent(d.arg(0), new Def(stream ? "stream upstream" : "upstream", d));
                    }
                }
            }
        }
        for (Scope s : all) {
            boolean stream = inStream(s);
            for (Directive d : s.own("limit_req")) {
                for (Arg a : d.args()) {
                    if (a.value().startsWith("zone=")) {
                        use(ctx, defs, d, a, a.value().substring(5), "limit_req",
                                "limit_req_zone $binary_remote_addr zone=" + a.value().substring(5) + ":10m rate=10r/s");
                    }
                }
            }
            for (Directive d : s.own("limit_conn")) {
                if (d.argCount() >= 1) {
                    String name = d.arg(0);
                    use(ctx, defs, d, d.args().get(0), name, stream ? "stream limit_conn" : "limit_conn",
                            "limit_conn_zone $binary_remote_addr zone=" + name + ":10m");
                }
            }
            for (int k = 0; k < CACHES.size(); k++) {
                String c = CACHES.get(k);
                for (Directive d : s.own(CACHE_USES.get(k))) {
                    String name = d.arg(0);
                    if (name == null || name.equals("off") || name.contains("$")) {
                        continue; // off, or a zone chosen per request (checked at run time)
                    }
                    use(ctx, defs, d, d.args().get(0), name, c + "_cache",
                            c + "_cache_path /var/cache/nginx/" + name + " keys_zone=" + name + ":10m");
                }
            }
        }
    }

    private static final List<String> CACHES = List.of("proxy", "fastcgi", "uwsgi", "scgi");
    private static final List<String> CACHE_USES = CACHES.stream().map(c -> c + "_cache").toList();
    private static final List<String> CACHE_PATHS = CACHES.stream().map(c -> c + "_cache_path").toList();

    /** The zone name of a definition argument such as {@code zone=one:10m} (up to its first colon). */
    private static void define(Map<String, Def> defs, Directive d, String prefix, String module) {
        for (Arg a : d.args()) {
            String v = a.value();
            if (v.startsWith(prefix)) {
                int colon = v.indexOf(':', prefix.length());
                String name = v.substring(prefix.length(), colon < 0 ? v.length() : colon);
                if (!name.isEmpty()) {
                    defs.putIfAbsent(name, new Def(module, d));
                }
            }
        }
    }

    private static void use(RuleContext ctx, Map<String, Def> defs, Directive d, Arg at, String name, String module,
            String example) {
        Def def = defs.get(name);
        if (def != null && def.module().equals(module)) {
            return;
        }
        String what = d.name() + " uses zone \"" + name + "\"";
        if (def != null) {
            ctx.report(ID, at.span(), what + ", which " + def.directive().name() + " declares for another use. "
                    + "nginx refuses to start (the shared memory zone \"" + name + "\" is already declared for a "
                    + "different use): zone names are shared by the whole configuration. Give each module's zone "
                    + "its own name.", List.of(new Related(def.directive().span(), "zone \"" + name
                            + "\" declared here by " + def.directive().name())), null);
            return;
        }
        String says = module.endsWith("_cache") ? "\"" + d.name() + "\" zone \"" + name + "\" is unknown"
                : "zero size shared memory zone \"" + name + "\"";
        ctx.report(ID, at.span(), what + ", which no directive defines. nginx refuses to start (" + says
                + "). Define it at http level, for example: " + example + ";", List.of(), null);
    }

    private static boolean inStream(Scope s) {
        for (Scope p = s; p != null; p = p.parent()) {
            if (p.kind() == Scope.Kind.STREAM) {
                return true;
            }
        }
        return false;
    }

    /** Every scope of the model, in file order (an explicit stack: nesting depth is not bounded here). */
    private static List<Scope> scopes(Scope main) {
        List<Scope> out = new java.util.ArrayList<>();
        ArrayDeque<Scope> stack = new ArrayDeque<>();
        stack.push(main);
        while (!stack.isEmpty()) {
            Scope s = stack.pop();
            out.add(s);
            List<Scope> c = s.children();
            for (int i = c.size() - 1; i >= 0; i--) {
                stack.push(c.get(i));
            }
        }
        return out;
    }
}
