package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxModel;

import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import java.util.HashMap;
import java.util.Map;

/**
 * CFG124's shared memory zones. nginx keeps one list of named zones for the whole configuration
 * (http, stream and mail alike) and, as it reads each directive that declares or uses one
 * (ngx_shared_memory_add), refuses a name that another module already took ({@code the shared
 * memory zone "SSL" is already declared for a different use}: {@code ssl_session_cache
 * shared:SSL:10m} in both http and stream is the common case), a second size for one zone
 * ({@code the size 20971520 of shared memory zone "SSL" conflicts with already declared size
 * 10485760}), and a second declaration of a limit or cache zone ({@code limit_req_zone "a" is
 * already bound to key "$binary_remote_addr"}, {@code duplicate zone "pages"}). A use (limit_req
 * zone=a, proxy_cache a) has size 0 and takes the size of the declaration that comes later.
 */
final class NginxSharedZones {
    private NginxSharedZones() {
    }

    /** A zone as nginx has it so far: the module that owns it, its size (0 until declared), and its key when bound. */
    private static final class Zone {
        final String tag;
        long size;
        String boundKey;
        boolean bound;
        /** Where the zone is first named. */
        Arg first;

        Zone(String tag) {
            this.tag = tag;
        }
    }

    /**
     * Walks the zones in reading order up to nginx's first refusal and reports it when it is of
     * this rule's kind: CFG124 the size conflicts and second declarations, CFG126 a declaration
     * under a name another module's zone has (CFG126 reports the uses of such names itself).
     */
    static void check(RuleContext ctx, String id) {
        Map<String, Zone> zones = new HashMap<>();
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.accepting() == null) {
                continue;
            }
            Directive d = e.directive();
            String area = e.area();
            String problem = switch (d.name()) {
                case "limit_req_zone", "limit_conn_zone" -> {
                    Arg a = param(d, "zone=");
                    if (a == null || d.argCount() < 2) {
                        yield null;
                    }
                    String[] ns = nameSize(a.value().substring(5));
                    yield ns == null ? null
                            : add(zones, ns[0], Long.parseLong(ns[1]), area + " " + d.name().replace("_zone", ""),
                                    d.name(), d.arg(0), ctx, id, a);
                }
                case "limit_req" -> {
                    Arg a = param(d, "zone=");
                    yield a == null ? null : add(zones, a.value().substring(5), 0, area + " limit_req", null, null, ctx, id, a);
                }
                case "limit_conn" -> d.argCount() == 2
                        ? add(zones, d.arg(0), 0, area + " limit_conn", null, null, ctx, id, d.args().get(0)) : null;
                case "proxy_cache", "fastcgi_cache", "uwsgi_cache", "scgi_cache" -> {
                    if (d.argCount() != 1 || d.arg(0).equals("off") || d.arg(0).indexOf('$') >= 0) {
                        yield null;
                    }
                    yield add(zones, d.arg(0), 0, d.name(), null, null, ctx, id, d.args().get(0));
                }
                case "proxy_cache_path", "fastcgi_cache_path", "uwsgi_cache_path", "scgi_cache_path" -> {
                    Arg a = param(d, "keys_zone=");
                    if (a == null) {
                        yield null;
                    }
                    String[] ns = nameSize(a.value().substring(10));
                    yield ns == null ? null : add(zones, ns[0], Long.parseLong(ns[1]), d.name().replace("_path", ""),
                            d.name(), "", ctx, id, a);
                }
                case "ssl_session_cache", "ssl_ocsp_cache" -> {
                    String problemHere = null;
                    for (Arg a : d.args()) {
                        if (a.value().startsWith("shared:") && problemHere == null) {
                            String[] ns = nameSize(a.value().substring(7));
                            if (ns != null) {
                                problemHere = add(zones, ns[0], Long.parseLong(ns[1]), area + " " + d.name(), null, null,
                                        ctx, id, a);
                            }
                        }
                    }
                    yield problemHere;
                }
                case "zone" -> {
                    if (e.parent() == null || !e.parent().is("upstream") || d.argCount() < 1 || d.arg(0).isEmpty()) {
                        yield null;
                    }
                    long size = 0;
                    if (d.argCount() == 2) {
                        if (!NginxParameterChecks.SIZE.matcher(d.arg(1)).matches()) {
                            yield null;
                        }
                        size = NginxParameterChecks.size(d.arg(1));
                    }
                    yield add(zones, d.arg(0), size, area + " upstream", null, null, ctx, id, d.args().get(0));
                }
                default -> null;
            };
            if (problem != null) {
                return; // nginx stops at the first
            }
        }
        // ngx_init_zone_pool: an upstream zone that no directive gives a size (a use of a limit or
        // cache zone without one is CFG126's own check); only where every zone is in sight
        NginxModel model = ctx.facts().nginx();
        if (id.equals("CFG126") && !model.fragment() && !model.incomplete()) {
            for (Map.Entry<String, Zone> z : zones.entrySet()) {
                if (z.getValue().size == 0 && z.getValue().tag.endsWith(" upstream")) {
                    ctx.report(id, z.getValue().first.span(), "zero size shared memory zone \"" + z.getKey() + "\": "
                            + "nginx refuses to start. An upstream zone needs a size where it is first named (or "
                            + "in another upstream that shares it), as in zone " + z.getKey() + " 64k;");
                }
            }
        }
    }

    /**
     * ngx_shared_memory_add, then the declaring module's own check of a second declaration.
     *
     * @param declares the directive name when this declares a limit or cache zone (nginx binds it once), else null
     * @param key      the key it binds (limit zones), or "" for caches
     * @return the message reported, or null
     */
    private static String add(Map<String, Zone> zones, String name, long size, String tag, String declares, String key,
            RuleContext ctx, String id, Arg at) {
        Zone z = zones.get(name);
        String problem = null;
        if (z == null) {
            z = new Zone(tag);
            z.size = size;
            z.first = at;
            zones.put(name, z);
        } else if (!z.tag.equals(tag)) {
            problem = "the shared memory zone \"" + name + "\" is already declared for a different use: nginx refuses to "
                    + "start. nginx has one set of zone names for http, stream and mail; it is used by " + z.tag
                    + " already. Give this " + tag + " zone a name of its own.";
        } else {
            if (z.size == 0) {
                z.size = size;
            }
            if (size != 0 && size != z.size) {
                problem = "the size " + size + " of shared memory zone \"" + name + "\" conflicts with already declared "
                        + "size " + z.size + ": nginx refuses to start. Every directive that names the zone must give "
                        + "it the same size (or none).";
            }
        }
        if (problem == null && declares != null) {
            if (z.bound) {
                problem = key.isEmpty()
                        ? "duplicate zone \"" + name + "\": nginx refuses to start. Another " + declares + " declares "
                                + "a cache with this keys_zone already."
                        : declares + " \"" + name + "\" is already bound to key \"" + z.boundKey + "\": nginx refuses to "
                                + "start. Declare each zone once, or give the second one another name.";
            } else {
                z.bound = true;
                z.boundKey = key;
            }
        }
        // a use (size 0: limit_req, limit_conn, proxy_cache ...) of another module's zone is CFG126's to report
        boolean use = size == 0 && declares == null && !tag.endsWith(" upstream");
        boolean otherUse = problem != null && problem.contains("already declared for a different use");
        boolean mine = id.equals("CFG126") ? otherUse && !use : !otherUse;
        if (problem != null && mine) {
            ctx.report(id, at.span(), problem);
        }
        return problem;
    }

    private static Arg param(Directive d, String prefix) {
        for (int i = 1; i < d.argCount(); i++) {
            if (d.arg(i).startsWith(prefix)) {
                return d.args().get(i);
            }
        }
        if (d.argCount() >= 1 && d.is("limit_req") && d.arg(0).startsWith(prefix)) {
            return d.args().get(0);
        }
        return null;
    }

    /** "name:size" as {name, bytes}, or null when nginx would refuse it (CFG123's). */
    private static String[] nameSize(String v) {
        int colon = v.indexOf(':');
        if (colon <= 0 || !NginxParameterChecks.SIZE.matcher(v.substring(colon + 1)).matches()) {
            return null;
        }
        return new String[] {v.substring(0, colon), Long.toString(NginxParameterChecks.size(v.substring(colon + 1)))};
    }
}
