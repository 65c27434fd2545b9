package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives.Ctx;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CFG137 undefined-upstream: {@code proxy_pass http://backend;} (or fastcgi_pass, grpc_pass,
 * uwsgi_pass, scgi_pass, memcached_pass, stream proxy_pass) names a bare host without a dot or a
 * port that no upstream block defines. nginx then takes it for a host name and resolves it when it
 * starts; where that fails it refuses to start ({@code host not found in upstream "backend"}). It
 * works where the name resolves (a container network's service name, /etc/hosts), hence a warning;
 * a name one or two edits away from a defined upstream is named as the likely one.
 */
public final class NginxUndefinedUpstreamRule extends BaseRule {
    static final String ID = "CFG137";
    private static final Set<String> PASSES = Set.of("proxy_pass", "fastcgi_pass", "grpc_pass", "uwsgi_pass",
            "scgi_pass", "memcached_pass");

    public NginxUndefinedUpstreamRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        if (model.fragment() || model.incomplete()) {
            return; // the upstream may be defined in the file that includes this one, or in an unread include
        }
        Map<String, Directive> upstreams = new LinkedHashMap<>();
        List<DirectivePlacement.Entry> passes = new ArrayList<>();
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            Directive d = e.directive();
            if (d.is("upstream") && d.argCount() == 1) {
                upstreams.putIfAbsent(d.arg(0).toLowerCase(Locale.ROOT), d);
            } else if (PASSES.contains(d.name()) && d.argCount() == 1 && e.accepting() != null
                    && (e.contexts() & ~(Ctx.LOCATION.bit() | Ctx.LIF.bit() | Ctx.LIMIT_EXCEPT.bit()
                            | Ctx.STREAM_SERVER.bit())) == 0) {
                passes.add(e);
            }
        }
        int suggestions = 0; // a did-you-mean compares with every upstream: bounded, so a fleet stays linear
        for (DirectivePlacement.Entry e : passes) {
            Directive d = e.directive();
            String host = bareHost(d.arg(0));
            if (host == null || upstreams.containsKey(host.toLowerCase(Locale.ROOT))
                    || NginxUpstreamPorts.needsPort(d, e.contexts() == Ctx.STREAM_SERVER.bit())) {
                continue; // without a port nginx does not resolve the name but refuses it: CFG123 says so
            }
            Directive near = null;
            for (Map.Entry<String, Directive> u : suggestions++ < 64 ? upstreams.entrySet()
                    : Map.<String, Directive>of().entrySet()) {
                if (NginxUnknownDirectiveRule.distance(u.getKey(), host.toLowerCase(Locale.ROOT), 2) <= 2) {
                    near = u.getValue();
                    break;
                }
            }
            String msg = d.name() + " names \"" + host + "\", which no upstream block defines: nginx takes it for a "
                    + "host name, resolves it once when it starts, and refuses to start if that fails (host not "
                    + "found in upstream \"" + host + "\")."
                    + (near != null ? " Did you mean the upstream \"" + near.arg(0) + "\" (line " + near.line() + ")?"
                            : " Define upstream " + host + " { server ...; }, or write the address (host:port) if "
                                    + "it is a host name that resolves where nginx runs.");
            ctx.report(ID, d.args().get(0).span(), msg,
                    near != null ? List.of(new Related(near.args().get(0).span(), "upstream " + near.arg(0))) : List.of(),
                    null);
        }
    }

    /** The host of a pass target when it is a bare name (no dot, port, variable, socket or IP), else null. */
    static String bareHost(String target) {
        if (target.indexOf('$') >= 0) {
            return null;
        }
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme >= 0) {
            t = t.substring(scheme + 3);
        }
        if (t.regionMatches(true, 0, "unix:", 0, 5) || t.startsWith("[")) {
            return null;
        }
        int end = t.length();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '/' || c == '?') {
                end = i;
                break;
            }
        }
        String host = t.substring(0, end);
        if (host.isEmpty() || host.indexOf(':') >= 0 || host.indexOf('.') >= 0 || host.equalsIgnoreCase("localhost")) {
            return null;
        }
        boolean digits = true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_') {
                return null;
            }
            digits &= Character.isDigit(c);
        }
        return digits ? null : host;
    }
}
