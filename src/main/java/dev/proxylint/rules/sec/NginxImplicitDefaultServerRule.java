package dev.proxylint.rules.sec;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SEC121: on an address where several servers listen (so nginx selects them by name), no listen
 * says {@code default_server} and the first server, which therefore receives every request whose
 * Host matches none of the names, is a real site: it has a real {@code server_name} and proxies or
 * serves files. Addresses and default servers come from {@link NginxListens}.
 */
public final class NginxImplicitDefaultServerRule extends BaseRule {
    private static final List<String> CONTENT = List.of("proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass",
            "grpc_pass", "memcached_pass", "root", "alias");

    public NginxImplicitDefaultServerRule() {
        super(Dialect.NGINX, "SEC121");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        Map<String, Integer> servers = new HashMap<>();
        for (Scope s : m.servers()) {
            for (NginxListens.Listen l : NginxListens.of(s)) {
                servers.merge(l.address(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, NginxListens.Default> e : NginxListens.defaults(m).entrySet()) {
            Work.tick();
            String address = e.getKey();
            NginxListens.Default d = e.getValue();
            int n = servers.getOrDefault(address, 0);
            if (d.explicit() || n < 2 || address.startsWith("unix:")) {
                continue;
            }
            Scope server = d.server();
            String name = realName(server);
            if (name == null || server.has("return") || !servesContent(m, server)) {
                continue;
            }
            Directive listen = d.listen();
            Object place = listen != null ? listen : server.block();
            if (!ctx.once("SEC121", place)) {
                continue;
            }
            Span span = listen != null ? listen.span() : server.block().headSpan();
            ctx.report("SEC121", span, "Server " + name + " answers requests for any Host on " + address + ". It is "
                    + "the first server there and no listen says default_server. nginx selects among the " + n
                    + " servers on this address by name and hands a request whose Host matches none of them to "
                    + "the default server, here this site, so Host: evil.example reaches it too (DNS rebinding, "
                    + "links and redirects built from $host). If that is not meant, add a catch-all first: "
                    + "server { listen " + address + " default_server; server_name _; return 444; } "
                    + "(with ssl_reject_handshake on; on TLS ports).", List.of(), null);
        }
    }

    /** The first server_name that names a host (not empty, not the conventional "_"), or null. */
    private static String realName(Scope server) {
        for (Directive d : server.own("server_name")) {
            for (String v : d.values()) {
                if (!v.isEmpty() && !v.equals("_") && !v.equals("\"\"")) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Whether the server proxies or serves files: a *_pass, root or alias in it or its locations, or a root from http. */
    private static boolean servesContent(NginxModel m, Scope server) {
        if (server.effective("root") != null || hasContent(server)) {
            return true;
        }
        for (Scope loc : m.locationsOf(server)) {
            if (hasContent(loc)) {
                return true;
            }
            for (Scope c : loc.children()) {
                if ((c.kind() == Scope.Kind.IF || c.kind() == Scope.Kind.LIMIT_EXCEPT) && hasContent(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasContent(Scope s) {
        for (String n : CONTENT) {
            if (s.has(n)) {
                return true;
            }
        }
        return false;
    }
}
