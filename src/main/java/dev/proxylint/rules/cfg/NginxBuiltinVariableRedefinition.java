package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Work;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * CFG124's built-in variables given a new definition. Every directive that defines a variable
 * (set, map, geo, split_clients, perl_set, js_set, auth_request_set, a named regex capture) asks
 * nginx for a changeable variable of that name (ngx_http_add_variable with
 * NGX_HTTP_VAR_CHANGEABLE, names compared without case). When a module already holds the name
 * without that flag, nginx refuses to start: {@code the duplicate "host" variable}. {@code set $uri
 * ...}, {@code map ... $host} and {@code location ~ (?<uri>.+)} are the usual forms.
 */
final class NginxBuiltinVariableRedefinition {
    private NginxBuiltinVariableRedefinition() {
    }

    /**
     * The built-in variables of nginx 1.22.1 that its modules mark changeable, so that set, map
     * and the others may take them over. Measured with the Debian 12 package (1.22.1): {@code set
     * $name 1;} for each built-in variable of the table, in http and in stream; the accepted ones
     * are these and the variables of the ssl modules (all of them changeable), which matches the
     * NGX_HTTP_VAR_CHANGEABLE / NGX_STREAM_VAR_CHANGEABLE flags in the 1.22.1 sources (checked
     * 2026-12-06). uid_reset and invalid_referer exist only when their directives create them, as
     * changeable ones; proxy_add_via is compiled out.
     */
    static final Set<String> HTTP_CHANGEABLE = Set.of("ancient_browser", "args", "invalid_referer", "limit_rate",
            "modern_browser", "msie", "proxy_add_via", "proxy_host", "proxy_port", "uid_reset");

    static void check(RuleContext ctx, String id) {
        String version = ctx.settings().nginxVersion();
        String at = version == null || version.isEmpty() ? NginxDirectives.BASELINE : version;
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.accepting() == null) {
                continue;
            }
            Work.tick();
            Directive d = e.directive();
            String family = e.area();
            if (family.equals("mail")) {
                continue;
            }
            switch (d.name()) {
                case "map", "geo", "split_clients", "perl_set", "js_set" -> {
                    for (int i = d.argCount() - 1; i >= 0; i--) {
                        if (d.arg(i).startsWith("$")) {
                            defined(ctx, id, d.arg(i).substring(1), family, at, d.args().get(i).span());
                            break;
                        }
                    }
                }
                case "set", "auth_request_set" -> {
                    if (d.argCount() >= 1 && d.arg(0).startsWith("$")) {
                        defined(ctx, id, d.arg(0).substring(1), family, at, d.args().get(0).span());
                    }
                }
                default -> {
                }
            }
            if (d.is("location") || d.is("if") || d.is("server_name") || d.is("rewrite")) {
                for (Arg a : d.args()) {
                    Matcher m = dev.proxylint.nginx.model.NginxModel.NAMED_CAPTURE.matcher(a.value());
                    while (m.find()) {
                        defined(ctx, id, m.group(1), family, at, a.span());
                    }
                }
            }
            if (d.is("map") && d.hasBlock()) {
                for (Directive k : dev.proxylint.syntax.Tree.effective(d.children())) {
                    Matcher m = dev.proxylint.nginx.model.NginxModel.NAMED_CAPTURE.matcher(k.name());
                    while (m.find()) {
                        defined(ctx, id, m.group(1), family, at, k.nameSpan());
                    }
                }
            }
        }
    }

    private static void defined(RuleContext ctx, String id, String name, String family, String version, Span span) {
        String low = name.toLowerCase(Locale.ROOT);
        if (low.isEmpty() || !builtinFixed(low, family, version) || !ctx.once(id, span)) {
            return;
        }
        ctx.report(id, span, "the duplicate \"" + name + "\" variable: nginx refuses to start. $" + low
                + " is a built-in variable of nginx that no set, map, geo or regex capture may define "
                + "(nginx ignores the case of variable names). Give this variable a name of its own.");
    }

    /**
     * Whether nginx has a built-in variable of this name that it will not let a directive define:
     * one of nginx's own, of a module built into the packages (dynamic-only modules such as geoip
     * are left out), present in 1.22.1 (whose flags were measured) and in the target version.
     */
    private static boolean builtinFixed(String low, String family, String version) {
        if (family.equals("http") && HTTP_CHANGEABLE.contains(low)) {
            return false;
        }
        for (NginxDirectives.Variable v : NginxDirectives.builtin().variables(low)) {
            if (!v.prefix() && !v.module().equals("ngx_" + family + "_ssl_module") && v.family().equals(family) && v.source().equals("nginx")
                    && !NginxThirdPartyDirectiveRule.PACKAGED_DYNAMIC.contains(v.module())
                    && (v.since().isEmpty() || dev.proxylint.tls.Versions.compare(v.since(), NginxDirectives.BASELINE) <= 0)
                    && v.existsIn(version)) {
                return true;
            }
        }
        return false;
    }
}
