package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
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
    static final Map<String, List<String>> SO_NAMES = Map.of(
            "lua", List.of("lua"), "headers-more", List.of("headers_more"), "njs", List.of("_js_", "njs"),
            "brotli", List.of("brotli"), "geoip2", List.of("geoip2"), "vts", List.of("traffic_status", "vts"),
            "set-misc", List.of("set_misc"), "echo", List.of("echo"));

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
                String so = a.value().substring(a.value().lastIndexOf('/') + 1);
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
        for (DirectivePlacement.Entry e : p.entries()) {
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
}
