package dev.proxylint.rules.cfg;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxDirectives.Ctx;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CFG129 required-directive-missing: a block lacks what nginx 1.22 requires of it, with nginx's
 * message.
 * <ul>
 * <li>{@code ngx_http_upstream} / {@code ngx_stream_upstream}: an upstream block without any
 * {@code server} ({@code no servers are inside upstream}, at its closing brace);
 * <li>{@code ngx_http_ssl_init}: an http address that some listen marks {@code ssl} whose default
 * server has no {@code ssl_certificate} (its own or the http level's) and does not reject
 * handshakes; nginx names that server's line;
 * <li>{@code ngx_http_ssl_merge_srv_conf}: a server whose certificates (its own or inherited) outnumber
 * its keys ({@code no "ssl_certificate_key" is defined for certificate "..."});
 * <li>{@code ngx_stream_ssl_merge_conf}: a stream server with {@code listen ... ssl} and no
 * certificate, or fewer keys than certificates, at the listen;
 * <li>{@code ngx_stream_core_server}, {@code ngx_stream_core_merge_srv_conf}: a stream server
 * without listen, or without proxy_pass/return/pass ({@code no handler for server}).
 * </ul>
 * The certificate checks need the whole config: a fragment or a config with unread includes may get
 * its certificates from the file that includes it, so they are skipped there.
 */
public final class NginxRequiredDirectiveRule extends BaseRule {
    static final String ID = "CFG129";

    public NginxRequiredDirectiveRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        boolean whole = !model.fragment() && !model.incomplete();
        // stream level certificate lists, per stream block
        Map<Directive, int[]> streamLevel = new HashMap<>();
        List<Directive> streamServers = new ArrayList<>();
        Map<Directive, Directive> streamOf = new HashMap<>();
        // per stream server: what its directives give it (the STREAM_* bits below)
        Map<Directive, int[]> streamServerHas = new HashMap<>();
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.contexts() == Ctx.STREAM_SERVER.bit() && e.parent() != null && e.parent().is("server")) {
                Directive d = e.directive();
                int[] has = streamServerHas.computeIfAbsent(e.parent(), k -> new int[1]);
                has[0] |= d.is("listen") ? STREAM_LISTEN
                        : d.is("proxy_pass") || d.is("return") || d.is("pass") ? STREAM_HANDLER
                        : e.accepting() == null || e.accepting().thirdParty() ? STREAM_OTHER : 0;
            }
            if (e.accepting() == null) {
                continue;
            }
            Directive d = e.directive();
            if (d.is("upstream") && d.hasBlock() && !model.incomplete()
                    && (e.contexts() == Ctx.HTTP.bit() || e.contexts() == Ctx.STREAM.bit())) {
                upstream(ctx, d, e.parent());
            } else if (e.contexts() == Ctx.STREAM.bit() && e.parent() != null) {
                if (d.is("server") && d.hasBlock()) {
                    streamServers.add(d);
                    streamOf.put(d, e.parent());
                } else if (d.is("ssl_certificate") || d.is("ssl_certificate_key")) {
                    streamLevel.computeIfAbsent(e.parent(), k -> new int[2])[d.is("ssl_certificate") ? 0 : 1]++;
                }
            }
        }
        if (!model.incomplete()) {
            for (Directive server : streamServers) {
                streamHandler(ctx, server, streamServerHas.getOrDefault(server, new int[1])[0]);
            }
        }
        if (!whole) {
            return;
        }
        events(ctx, model);
        httpCertificates(ctx, model);
        for (Directive server : streamServers) {
            streamServer(ctx, server, streamLevel.getOrDefault(streamOf.get(server), new int[2]));
        }
    }

    /**
     * ngx_events_module's init_conf: a configuration without an {@code events} block at the main
     * level does not start ({@code no "events" section in configuration}, no line). Reported at the
     * first http, stream or mail block; the fix adds an empty events block above it.
     */
    private static void events(RuleContext ctx, NginxModel model) {
        Directive first = null;
        for (Directive d : model.main().directives()) {
            if (d.is("events") && d.hasBlock()) {
                return;
            }
            if (first == null && d.hasBlock() && (d.is("http") || d.is("stream") || d.is("mail"))) {
                first = d;
            }
        }
        if (first == null) {
            return;
        }
        ctx.report(ID, first.headSpan(), "no \"events\" section in configuration: nginx refuses to start. Every nginx "
                + "configuration needs an events block at the main level, even an empty one (events {}); the "
                + "connection settings such as worker_connections go there.", List.of(),
                new dev.proxylint.rules.Fix("Add events {} above " + first.name(),
                        List.of(dev.proxylint.nginx.model.NginxEdits.insertBefore(first, List.of("events {}")))));
    }

    private static final int STREAM_LISTEN = 1;
    private static final int STREAM_HANDLER = 2;
    /** A directive of a third-party module, or one proxylint does not know: it may be a handler. */
    private static final int STREAM_OTHER = 4;

    /**
     * ngx_stream_core_server and ngx_stream_core_merge_srv_conf: a stream server needs a listen
     * (checked when its block is read) and something that handles its connections: proxy_pass,
     * return, or pass (1.25.5). A server with a third-party directive (such as content_by_lua_block)
     * is not judged on the handler.
     */
    private static void streamHandler(RuleContext ctx, Directive server, int has) {
        if ((has & STREAM_LISTEN) == 0) {
            ctx.report(ID, server.nameSpan(), "no \"listen\" is defined for server: nginx refuses to start. A stream "
                    + "server needs a listen with the port it accepts connections on.", List.of(), null);
        } else if ((has & (STREAM_HANDLER | STREAM_OTHER)) == 0) {
            ctx.report(ID, server.nameSpan(), "no handler for server: nginx refuses to start. A stream server needs "
                    + "proxy_pass (or return) to say what happens to its connections.", List.of(), null);
        }
    }

    /** The directives of nginx's own upstream modules; with any other, a module may count the servers its own way. */
    private static final Set<String> CORE_UPSTREAM = Set.of("server", "keepalive", "keepalive_requests",
            "keepalive_time", "keepalive_timeout", "zone", "least_conn", "ip_hash", "hash", "random");

    private static void upstream(RuleContext ctx, Directive d, Directive parent) {
        boolean servers = false;
        boolean primary = false; // a server that is not a backup
        boolean judged = true;
        for (Directive c : Tree.effective(d.children())) {
            if (!CORE_UPSTREAM.contains(c.name())) {
                judged = false;
            }
            if (c.is("server")) {
                servers = true;
                boolean backup = false;
                for (int i = 1; i < c.argCount(); i++) {
                    backup |= c.arg(i).equals("backup");
                    judged &= !c.arg(i).equals("resolve") && !c.arg(i).startsWith("service=");
                }
                primary |= !backup;
            }
        }
        if (servers) {
            if (!primary && judged) {
                // ngx_http_upstream_init_round_robin (and stream's), which every balancer of nginx calls
                ctx.report(ID, d.nameSpan(), "no servers in upstream" + (d.argCount() > 0 ? " \"" + d.arg(0) + "\"" : "")
                        + ": nginx refuses to start. Every server of the upstream is a backup, and backups only "
                        + "stand in for primary servers; make at least one server a primary one.", List.of(), null);
            }
            runtimeResolve(ctx, d, parent);
            return;
        }
        int at = d.blockClose() >= 0 ? d.blockClose() : d.start();
        ctx.report(ID, d.file().span(at, Math.min(at + 1, d.end())), "no servers are inside upstream"
                + (d.argCount() > 0 ? " \"" + d.arg(0) + "\"" : "") + ": nginx refuses to start. An upstream block "
                + "needs at least one server (keepalive, hash and the like are settings, not servers).",
                List.of(new Related(d.nameSpan(), "upstream opened here")), null);
    }

    /** What an upstream may hold besides nginx's balancers when its names are resolved at run time. */
    private static final Set<String> RESOLVE_UPSTREAM = java.util.stream.Stream.concat(CORE_UPSTREAM.stream(),
            java.util.stream.Stream.of("resolver", "resolver_timeout")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * ngx_http_upstream_init_round_robin (and stream's) since 1.27.3: a {@code server NAME resolve}
     * whose NAME is not an IP address is resolved at run time, which needs the upstream in shared
     * memory ({@code zone}) and a resolver: the upstream's own, else the one at the http (stream)
     * level. Before 1.27.3 {@code resolve} is no parameter of open-source nginx (CFG123), so with no
     * --nginx-version either way the upstream does not start. Not judged with a third-party
     * directive in the upstream (its balancer may not support resolving), nor the resolver when the
     * upstream is not inside an http or stream block of this file.
     */
    private static void runtimeResolve(RuleContext ctx, Directive d, Directive parent) {
        String version = ctx.settings().nginxVersion();
        if (version != null && !dev.proxylint.tls.Versions.atLeast(version,
                dev.proxylint.facts.VersionFacts.NGINX_UPSTREAM_RESOLVE)) {
            return;
        }
        Directive resolving = null;
        boolean zone = false;
        boolean resolver = false;
        for (Directive c : Tree.effective(d.children())) {
            if (!RESOLVE_UPSTREAM.contains(c.name())) {
                return;
            }
            zone |= c.is("zone");
            resolver |= c.is("resolver");
            if (resolving == null && c.is("server") && c.argCount() >= 1 && c.values().contains("resolve")
                    && NginxParameterChecks.runtimeName(c.arg(0))) {
                resolving = c;
            }
        }
        if (resolving == null) {
            return;
        }
        String where = "upstream" + (d.argCount() > 0 ? " \"" + d.arg(0) + "\"" : "") + " in " + d.file().name()
                + ":" + d.line();
        String before = version == null ? " (before 1.27.3, open-source nginx has no \"resolve\" parameter at all)" : "";
        dev.proxylint.source.Span at = resolving.args().get(resolving.values().indexOf("resolve")).span();
        if (!zone) {
            ctx.report(ID, at, "resolving names at run "
                    + "time requires " + where + " to be in shared memory: nginx refuses to start" + before + ". Add "
                    + "a zone to the upstream (zone " + (d.argCount() > 0 ? d.arg(0) : "backend") + " 64k;).",
                    List.of(new Related(d.nameSpan(), "upstream opened here")), null);
            return;
        }
        if (resolver || parent == null || !(parent.is("http") || parent.is("stream"))) {
            return;
        }
        for (Directive c : Tree.effective(parent.children())) {
            if (c.is("resolver")) {
                return;
            }
        }
        ctx.report(ID, at, "no resolver defined to "
                + "resolve names at run time in " + where + ": nginx refuses to start" + before + ". Add a resolver to "
                + "the upstream or to the " + parent.name() + " block (resolver 127.0.0.53;).",
                List.of(new Related(d.nameSpan(), "upstream opened here")), null);
    }

    private static void httpCertificates(RuleContext ctx, NginxModel model) {
        Set<String> sslAddresses = new HashSet<>();
        for (Scope s : model.servers()) {
            if (!NginxListens.http(s)) {
                continue;
            }
            for (NginxListens.Listen l : NginxListens.of(s)) {
                if (l.directive() != null && ssl(l.directive())) {
                    sslAddresses.add(l.address());
                }
            }
        }
        // one server may be the default of several ssl addresses: report it once, naming the first
        Map<Scope, String> noCertificate = new LinkedHashMap<>();
        for (Map.Entry<String, NginxListens.Default> e : NginxListens.defaults(model).entrySet()) {
            Scope s = e.getValue().server();
            if (sslAddresses.contains(e.getKey()) && s.effectiveArray("ssl_certificate").isEmpty()
                    && !rejectsHandshakes(s)) {
                noCertificate.putIfAbsent(s, e.getKey());
            }
        }
        for (Map.Entry<Scope, String> e : noCertificate.entrySet()) {
            Directive server = e.getKey().block();
            String a = e.getValue();
            String shown = a.startsWith("*:") ? "0.0.0.0" + a.substring(1) : a;
            ctx.report(ID, server.nameSpan(), "no \"ssl_certificate\" is defined for the \"listen ... ssl\" directive: "
                    + "nginx refuses to start. This server is the default server of " + shown + ", which a listen "
                    + "marks ssl, and it has no ssl_certificate (nor does the http level). Give it a certificate and "
                    + "key, or ssl_reject_handshake on.", List.of(), null);
        }
        // "ssl on;" (deprecated, removed in 1.25.1), the server's own or the http level's: ngx_http_ssl_merge_srv_conf
        for (Scope s : model.servers()) {
            if (!NginxListens.http(s)) {
                continue;
            }
            Directive on = s.effective("ssl");
            if (on != null && on.argCount() == 1 && on.arg(0).equalsIgnoreCase("on")
                    && s.effectiveArray("ssl_certificate").isEmpty() && !rejectsHandshakes(s) && ctx.once(ID, on)) {
                ctx.report(ID, on.nameSpan(), "no \"ssl_certificate\" is defined for the \"ssl\" directive: nginx "
                        + "refuses to start. \"ssl on\" makes " + (s.own("ssl").contains(on)
                                ? "this server serve TLS, and it" : "every server of the http block serve TLS, and the "
                                        + "server at line " + s.block().span().startLine())
                        + " has no ssl_certificate. Add a certificate and key, and prefer listen ... ssl to ssl on "
                        + "(removed in nginx 1.25.1).", List.of(), null);
            }
        }
        for (Scope s : model.servers()) {
            if (!NginxListens.http(s)) {
                continue;
            }
            List<Directive> certs = s.effectiveArray("ssl_certificate");
            List<Directive> keys = s.effectiveArray("ssl_certificate_key");
            if (certs.size() > keys.size()) {
                Directive cert = certs.get(keys.size());
                if (ctx.once(ID, cert)) {
                    String file = cert.argCount() > 0 ? cert.arg(0) : "";
                    ctx.report(ID, cert.nameSpan(), "no \"ssl_certificate_key\" is defined for certificate \"" + file
                            + "\": nginx refuses to start. Each ssl_certificate needs an ssl_certificate_key at the "
                            + "same level (or inherited from the http level), in the same order.", List.of(), null);
                }
            }
        }
    }

    private static void streamServer(RuleContext ctx, Directive server, int[] streamLevel) {
        int certs = 0;
        int keys = 0;
        Directive sslListen = null;
        for (Directive c : Tree.effective(server.children())) {
            if (c.is("ssl_certificate")) {
                certs++;
            } else if (c.is("ssl_certificate_key")) {
                keys++;
            } else if (c.is("listen") && sslListen == null && ssl(c)) {
                sslListen = c;
            }
        }
        if (sslListen == null) {
            return;
        }
        if (certs == 0) {
            certs = streamLevel[0];
        }
        if (keys == 0) {
            keys = streamLevel[1];
        }
        if (certs == 0 || keys < certs) {
            String what = certs == 0 ? "ssl_certificate" : "ssl_certificate_key";
            ctx.report(ID, sslListen.nameSpan(), "no \"" + what + "\" is defined for the \"listen ... ssl\" directive: "
                    + "nginx refuses to start. A stream server that listens with ssl needs ssl_certificate and "
                    + "ssl_certificate_key (its own or the stream level's).", List.of(), null);
        }
    }

    private static boolean ssl(Directive listen) {
        for (int i = 1; i < listen.argCount(); i++) {
            if (listen.arg(i).equals("ssl")) {
                return true;
            }
        }
        return false;
    }

    private static boolean rejectsHandshakes(Scope server) {
        Directive d = server.effective("ssl_reject_handshake");
        return d != null && d.argCount() == 1 && d.arg(0).equalsIgnoreCase("on");
    }
}
