package dev.proxylint.rules.cfg;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CFG123, counted over the whole config: {@code worker_connections} below the number of listening
 * sockets plus one. nginx checks it when the configuration is read (ngx_event_init_conf of 1.22.1:
 * one connection for each listening socket and one for the channel to the master), so
 * {@code nginx -t} refuses {@code worker_connections 0} always and {@code 1} as soon as anything
 * listens: "0 worker_connections are not enough for 0 listening sockets".
 *
 * <p>The sockets are counted as nginx opens them: http, stream and mail each group their addresses
 * by family and port (stream also by UDP); a group with a wildcard address (*:80, [::]:80) opens
 * that one socket plus one for each other address that binds on its own ({@code bind} or an option
 * that implies it, such as {@code backlog=} or {@code reuseport}); a group without a wildcard opens
 * one socket per address. An http server without listen listens on *:80. A config whose listens
 * name hosts (resolved when nginx reads the config) is not judged: their addresses are unknown.
 * Only a full config (one with an events block) is judged, with the default 512 when the block
 * does not set it.
 */
final class NginxWorkerConnections {
    private NginxWorkerConnections() {
    }

    /** ngx_event.c DEFAULT_CONNECTIONS. */
    static final long DEFAULT = 512;

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[0-9]{1,9}");

    /** Listen options after which the address gets a socket of its own (lsopt.bind = 1 in 1.22.1). */
    private static final List<String> BIND_WORDS = List.of("bind", "deferred", "reuseport");
    private static final List<String> BIND_PREFIXES = List.of("setfib=", "fastopen=", "backlog=", "rcvbuf=",
            "sndbuf=", "accept_filter=", "ipv6only=", "so_keepalive=");

    static void check(RuleContext ctx, String id) {
        NginxModel model = ctx.facts().nginx();
        Scope events = null;
        for (Scope c : model.main().children()) {
            if (c.kind() == Scope.Kind.EVENTS) {
                events = c;
            }
        }
        if (events == null) {
            return;
        }
        Directive wc = events.ownLast("worker_connections");
        long connections = DEFAULT;
        if (wc != null) {
            if (wc.argCount() != 1 || !NUMBER.matcher(wc.arg(0)).matches()) {
                return; // a bad number is refused by the value checks
            }
            connections = Long.parseLong(wc.arg(0));
        }
        long sockets = sockets(model);
        if (sockets < 0 || connections >= sockets + 1) {
            return;
        }
        Directive at = wc != null ? wc : events.block();
        if (at == null) {
            return;
        }
        ctx.report(id, at.headSpan(), connections + " worker_connections are not enough for " + sockets
                + " listening sockets: nginx refuses to start. Each worker needs one connection for every listening "
                + "socket and one more for the master's channel; set worker_connections to "
                + Math.max(sockets + 1, DEFAULT) + " or more.");
    }

    /** The listening sockets nginx opens, or -1 when a listen names a host. */
    static long sockets(NginxModel model) {
        Map<String, Group> groups = new HashMap<>();
        for (Scope s : model.servers()) {
            Scope p = s.parent();
            String module = NginxListens.http(s) ? "http" : p.kind() == Scope.Kind.STREAM ? "stream"
                    : p.block() != null && p.block().name().equals("mail") ? "mail" : null;
            if (module == null) {
                return -1; // a third-party module's server (rtmp): its sockets are its own business
            }
            List<Directive> listens = s.own("listen");
            boolean any = false;
            for (Directive l : listens) {
                if (l.argCount() == 0) {
                    continue;
                }
                any = true;
                String a = NginxListens.address(l.arg(0));
                String host;
                String port;
                String family;
                if (a.startsWith("unix:")) {
                    family = "unix";
                    host = a;
                    port = "";
                } else {
                    int colon = a.lastIndexOf(':');
                    if (colon < 0) {
                        return -1;
                    }
                    host = a.substring(0, colon);
                    port = a.substring(colon + 1);
                    if (host.startsWith("[")) {
                        family = "inet6";
                    } else if (host.equals("*") || IPV4.matcher(host).matches()) {
                        family = "inet";
                    } else {
                        return -1; // a host name: its addresses come from the resolver
                    }
                }
                boolean bind = false;
                boolean udp = false;
                for (int i = 1; i < l.argCount(); i++) {
                    String w = l.arg(i).toLowerCase(Locale.ROOT);
                    udp |= w.equals("udp");
                    bind |= BIND_WORDS.contains(w) || BIND_PREFIXES.stream().anyMatch(w::startsWith);
                }
                String key = module + " " + family + " " + port + (module.equals("stream") && udp ? " udp" : "");
                Group g = groups.computeIfAbsent(key, k -> new Group());
                boolean wildcard = host.equals("*") || host.equals("[::]");
                if (wildcard) {
                    g.wildcard = true;
                } else {
                    g.addresses.add(host);
                    if (bind) {
                        g.bound.add(host);
                    }
                }
            }
            if (!any && module.equals("http")) {
                groups.computeIfAbsent("http inet 80", k -> new Group()).wildcard = true;
            }
        }
        long n = 0;
        for (Group g : groups.values()) {
            n += g.wildcard ? 1 + g.bound.size() : g.addresses.size();
        }
        return n;
    }

    private static final class Group {
        boolean wildcard;
        final Set<String> addresses = new HashSet<>();
        final Set<String> bound = new HashSet<>();
    }
}
