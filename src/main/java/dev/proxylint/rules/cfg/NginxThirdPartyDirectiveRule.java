package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CFG125 third-party-directive: a directive only a third-party module provides (lua, njs,
 * headers-more ...) in a config that neither loads that module ({@code load_module}) nor declares
 * it (rule option {@code CFG125: {modules: [lua]}}). A warning, not an error: the module may be
 * built in (OpenResty) or loaded by a main config proxylint does not see. One finding per module.
 */
public final class NginxThirdPartyDirectiveRule extends BaseRule {
    static final String ID = "CFG125";

    /** Words of a load_module path that name each module (its .so file). */
    static final Map<String, List<String>> SO_NAMES = Map.ofEntries(
            Map.entry("lua", List.of("lua")), Map.entry("headers-more", List.of("headers_more")),
            Map.entry("njs", List.of("_js_", "njs")), Map.entry("brotli", List.of("brotli")),
            Map.entry("geoip2", List.of("geoip2")), Map.entry("vts", List.of("traffic_status", "vts")),
            Map.entry("set-misc", List.of("set_misc")), Map.entry("echo", List.of("echo")),
            // the module packages of Debian 12 (libnginx-mod-*): their .so names
            Map.entry("ndk", List.of("ndk_http")), Map.entry("auth-pam", List.of("auth_pam")),
            Map.entry("cache-purge", List.of("cache_purge")), Map.entry("dav-ext", List.of("dav_ext")),
            Map.entry("fancyindex", List.of("fancyindex")), Map.entry("memc", List.of("_memc_")),
            Map.entry("modsecurity", List.of("modsecurity")), Map.entry("srcache", List.of("srcache")),
            Map.entry("subs-filter", List.of("subs_filter")), Map.entry("uploadprogress", List.of("uploadprogress")),
            Map.entry("upstream-fair", List.of("upstream_fair")), Map.entry("nchan", List.of("nchan")),
            Map.entry("rtmp", List.of("rtmp")));

    /**
     * nginx's own optional modules that the nginx packages of Debian/Ubuntu (libnginx-mod-*) and of
     * nginx.org (nginx-module-*) ship as dynamic modules only; stream and mail are left out, since
     * nginx.org's packages build them in.
     */
    static final Set<String> PACKAGED_DYNAMIC = Set.of("ngx_http_geoip_module", "ngx_http_image_filter_module",
            "ngx_http_xslt_filter_module", "ngx_http_perl_module", "ngx_stream_geoip_module");

    /** The file name of a load_module path without {@code .so} ({@code ngx_http_fancyindex_module}). */
    static String soBase(String path) {
        String so = path.substring(path.lastIndexOf('/') + 1);
        return so.endsWith(".so") ? so.substring(0, so.length() - 3) : so;
    }

    /**
     * The load_module lines whose module proxylint does not know (neither a module of its table nor
     * one of the .so names above): their directives are not in the table, so CFG120 cannot be sure.
     */
    static List<Directive> unrecognised(List<Directive> loadModules) {
        List<Directive> out = new java.util.ArrayList<>();
        Set<String> known = dev.proxylint.nginx.model.NginxDirectives.builtin().modules();
        for (Directive lm : loadModules) {
            if (lm.args().isEmpty()) {
                continue;
            }
            String base = soBase(lm.arg(0));
            boolean named = known.contains(base)
                    || SO_NAMES.values().stream().flatMap(List::stream).anyMatch(base::contains);
            if (!named) {
                out.add(lm);
            }
        }
        return out;
    }

    public NginxThirdPartyDirectiveRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        DirectivePlacement p = DirectivePlacement.of(ctx);
        Set<String> available = new HashSet<>();
        if (ctx.settings().option(ID, "modules", List.of()) instanceof List<?> l) {
            for (Object o : l) {
                available.add(String.valueOf(o));
            }
        }
        for (Directive lm : p.loadModules()) {
            for (Arg a : lm.args()) {
                String so = soBase(a.value());
                // a module's .so is named after it (ngx_http_fancyindex_module.so): that name counts too
                available.add(so);
                for (var e : SO_NAMES.entrySet()) {
                    for (String w : e.getValue()) {
                        if (so.contains(w)) {
                            available.add(e.getKey());
                        }
                    }
                }
            }
        }
        Map<String, Directive> first = new LinkedHashMap<>();
        Map<String, Row> rowOf = new LinkedHashMap<>();
        Map<String, Integer> uses = new LinkedHashMap<>();
        var model = ctx.facts().nginx();
        boolean whole = !model.fragment() && !model.incomplete() && unrecognised(p.loadModules()).isEmpty();
        Map<String, Directive> dynamicFirst = new LinkedHashMap<>();
        for (DirectivePlacement.Entry e : p.entries()) {
            if (whole && packagedDynamicOnly(e.allowed()) && !available.contains(e.allowed().get(0).module())) {
                dynamicFirst.putIfAbsent(e.allowed().get(0).module(), e.directive());
                continue;
            }
            if (!e.thirdPartyOnly()) {
                continue;
            }
            Row r = e.allowed().get(0);
            if (available.contains(r.source()) || available.contains(r.module())) {
                continue;
            }
            first.putIfAbsent(r.source(), e.directive());
            rowOf.putIfAbsent(r.source(), r);
            uses.merge(r.source(), 1, Integer::sum);
        }
        Map<String, Map.Entry<String, Arg>> dynamicVariable = whole ? dynamicVariables(p, available, model) : Map.of();
        for (var e : dynamicVariable.entrySet()) {
            String var = e.getValue().getKey();
            Arg a = e.getValue().getValue();
            ctx.report(new Finding(ID, Level.WARNING, "$" + var + " belongs to nginx's optional module " + e.getKey()
                    + ", which the nginx packages build as a dynamic module: they refuse it (unknown \"" + var
                    + "\" variable) unless the config loads it with load_module modules/" + e.getKey() + ".so. Add "
                    + "the load_module, or declare " + e.getKey() + " in the CFG125 option 'modules' if your nginx has "
                    + "it built in.", a.span()));
        }
        for (var e : dynamicFirst.entrySet()) {
            Directive d = e.getValue();
            ctx.report(new Finding(ID, Level.WARNING, "\"" + d.name() + "\" belongs to nginx's optional module "
                    + e.getKey() + ", which the nginx packages of Debian, Ubuntu and nginx.org build as a dynamic "
                    + "module: they refuse it (unknown directive \"" + d.name() + "\") unless the config loads it with "
                    + "load_module modules/" + e.getKey() + ".so. Add the load_module, or declare " + e.getKey()
                    + " in the CFG125 option 'modules' if your nginx has it built in.", d.nameSpan()));
        }
        for (var e : first.entrySet()) {
            Directive d = e.getValue();
            Row r = rowOf.get(e.getKey());
            int n = uses.get(e.getKey());
            ctx.report(ID, d.nameSpan(), "\"" + d.name() + "\" needs the third-party module " + r.source() + ". nginx "
                    + "refuses it unless that module (" + r.module() + ") is built in or loaded. " + (n > 1 ? n
                    + " directives here need it. " : "") + "Add load_module for it, or declare it in the CFG125 option"
                    + " 'modules' if the nginx that runs this has it.", List.<Related>of(), null);
        }
    }

    /**
     * The first use of a variable of each dynamic-only module that the config does not load and
     * does not define itself ($geoip_country_code without the geoip module): its name and argument,
     * keyed by module.
     */
    private static Map<String, Map.Entry<String, Arg>> dynamicVariables(DirectivePlacement p, Set<String> available,
            dev.proxylint.nginx.model.NginxModel model) {
        Map<String, Map.Entry<String, Arg>> out = new LinkedHashMap<>();
        for (DirectivePlacement.Entry e : p.entries()) {
            Directive d = e.directive();
            for (int i = 0, n = d.argCount(); i < n; i++) {
                Arg a = d.argument(i);
                if (a.value().indexOf('$') < 0) {
                    continue;
                }
                String family = e.area(); // mail has no variables: no table row matches it
                for (dev.proxylint.rules.sec.NginxVars.Ref r : dev.proxylint.rules.sec.NginxVars.refs(a.value())) {
                    String module = dynamicModule(r.name(), family);
                    if (module != null && !available.contains(module) && !model.defines(r.name())) {
                        out.putIfAbsent(module, Map.entry(r.name(), a));
                    }
                }
            }
        }
        return out;
    }

    /** Whether there are rows and every one comes from a module the packages build only as a dynamic one. */
    private static boolean packagedDynamicOnly(List<Row> rows) {
        int n = rows.size();
        for (int i = 0; i < n; i++) { // no stream per directive: this runs for every directive of a fleet
            if (!PACKAGED_DYNAMIC.contains(rows.get(i).module())) {
                return false;
            }
        }
        return n > 0;
    }

    /** The dynamic-only module that alone defines a variable (all its table rows), or null. */
    private static String dynamicModule(String name, String family) {
        if (name.isEmpty()) {
            return null;
        }
        String module = null;
        for (dev.proxylint.nginx.model.NginxDirectives.Variable v
                : dev.proxylint.nginx.model.NginxDirectives.builtin().variables(name)) {
            if (!v.family().equals(family)) {
                continue;
            }
            if (!PACKAGED_DYNAMIC.contains(v.module())) {
                return null;
            }
            module = v.module();
        }
        return module;
    }
}
