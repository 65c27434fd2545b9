package dev.proxylint.rules.sec;

import dev.proxylint.facts.VersionFacts;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SEC123: a backend given by host name that nginx resolves once, when it reads the configuration,
 * and never again: a {@code proxy_pass} (or grpc/fastcgi/uwsgi/scgi_pass) without variables whose
 * host is a name and not an upstream, and an upstream {@code server} with a name and without
 * {@code resolve}. Variables in the target make nginx resolve at run time (with {@code resolver}),
 * IP literals, unix sockets and {@code localhost} have nothing to go stale. The advice depends on
 * the target version: {@code resolve} in upstreams is open source from
 * {@link VersionFacts#NGINX_UPSTREAM_RESOLVE}.
 */
public final class NginxNameResolvedOnceRule extends BaseRule {
    private static final List<String> PASSES = List.of("proxy_pass", "grpc_pass", "fastcgi_pass", "uwsgi_pass",
            "scgi_pass");

    public NginxNameResolvedOnceRule() {
        super(Dialect.NGINX, "SEC123");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        String version = ctx.facts().settings().nginxVersion();
        boolean openResolve = VersionFacts.atLeast(version, VersionFacts.NGINX_UPSTREAM_RESOLVE);
        Set<String> upstreams = new HashSet<>();
        List<Scope> ups = new ArrayList<>();
        List<Scope> todo = new ArrayList<>();
        todo.add(m.main());
        while (!todo.isEmpty()) {
            Scope s = todo.remove(todo.size() - 1);
            Work.tick();
            if (s.kind() == Scope.Kind.UPSTREAM && s.block().argCount() > 0) {
                upstreams.add(s.block().arg(0).toLowerCase(java.util.Locale.ROOT)); // nginx compares without case
                ups.add(s);
            } else if (s.kind() == Scope.Kind.MAIN || s.kind() == Scope.Kind.HTTP) {
                todo.addAll(s.children());
            }
        }
        String advice = openResolve
                ? "Put it in an upstream with a zone and server <name> resolve; (nginx " + version
                        + " re-resolves such servers while running, with the resolver in effect)."
                : "Either keep the name in a variable (set $backend <name>; proxy_pass http://$backend;) with a "
                        + "resolver, so nginx resolves it per TTL, or, from nginx "
                        + VersionFacts.NGINX_UPSTREAM_RESOLVE + " on, an upstream server with resolve"
                        + (version == null ? " (no --nginx-version given: older behaviour assumed)." : ".");
        for (String pass : PASSES) {
            NginxScopes.with(m, pass, s -> {
                for (Directive d : s.own(pass)) {
                    String target = d.arg(0);
                    if (target == null || target.contains("$")) {
                        continue;
                    }
                    String host = NginxAddresses.host(target);
                    if (host == null || upstreams.contains(host.toLowerCase(java.util.Locale.ROOT)) || !NginxAddresses.movableName(host) || !ctx.once("SEC123", d)) {
                        continue;
                    }
                    ctx.report("SEC123", d.span(), pass + " to " + dev.proxylint.syntax.Brief.cut(host, 48)
                            + " is resolved once, at start-up." + SecText.whole("The host",
                                    dev.proxylint.syntax.Brief.cut(host, 48), host) + " nginx looks the name up when it reads the configuration and keeps those addresses until "
                            + "the next reload, so when the backend moves (a container restart, a cloud load "
                            + "balancer, a DNS fail-over) requests keep going to the old address. " + advice,
                            List.of(), null);
                }
            });
        }
        for (Scope u : ups) {
            boolean zone = u.has("zone");
            for (Directive d : u.own("server")) {
                String host = d.arg(0) == null ? null : NginxAddresses.host(d.arg(0));
                if (host == null || !NginxAddresses.movableName(host) || d.values().contains("resolve") || !ctx.once("SEC123", d)) {
                    continue;
                }
                String fix = openResolve
                        ? "Add resolve to this server" + (zone ? "" : " and a zone to the upstream")
                                + " (nginx " + version + " re-resolves it while running, with a resolver in effect)."
                        : "From nginx " + VersionFacts.NGINX_UPSTREAM_RESOLVE + " on, add resolve (and a zone to "
                                + "the upstream); before it, only a variable in proxy_pass makes nginx resolve at "
                                + "run time" + (version == null ? " (no --nginx-version given: older behaviour "
                                        + "assumed)." : ".");
                ctx.report("SEC123", d.span(), "Upstream server " + dev.proxylint.syntax.Brief.cut(host, 48)
                        + " is resolved once, at start-up." + SecText.whole("The host",
                                dev.proxylint.syntax.Brief.cut(host, 48), host) + " nginx looks the name up when it reads the configuration and keeps those addresses until the "
                        + "next reload, so when the backend moves requests keep going to the old address. " + fix,
                        List.of(), null);
            }
        }
    }
}
