package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives.Ctx;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CFG123: a {@code proxy_pass} (or {@code fastcgi_pass}, {@code grpc_pass}, …) that names an
 * {@code upstream} block with a port: {@code upstream "backend" may not have port 8080}. nginx keeps
 * one list of upstreams per module (http, stream): each upstream block, and each address a
 * {@code *_pass} without variables names. An address with the same host (compared without case) as
 * an upstream block is that block, and must not give a port, whichever of the two comes first.
 * This follows ngx_http_upstream_add of 1.22.1 step by step, in the order nginx reads the
 * directives, because the order decides: addresses of one host with the same port are one entry,
 * and a block only meets the first entry of its host.
 */
final class NginxUpstreamPorts {
    private NginxUpstreamPorts() {
    }

    /** One entry of nginx's list of upstreams. */
    private static final class Upstream {
        final String host;
        final String name;
        boolean block;
        final boolean noPort;
        int port;
        final Directive at;

        Upstream(String name, boolean block, boolean noPort, int port, Directive at) {
            this.name = name;
            this.host = name.toLowerCase(Locale.ROOT);
            this.block = block;
            this.noPort = noPort;
            this.port = port;
            this.at = at;
        }
    }

    private static final int HTTP_PASS = Ctx.LOCATION.bit() | Ctx.LIF.bit() | Ctx.LIMIT_EXCEPT.bit();

    static void check(RuleContext ctx, String id) {
        List<Upstream> http = new ArrayList<>();
        List<Upstream> stream = new ArrayList<>();
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.accepting() == null) {
                continue;
            }
            Directive d = e.directive();
            int c = e.contexts();
            if (d.name().equals("upstream") && d.argCount() == 1 && d.hasBlock()) {
                List<Upstream> list = c == Ctx.HTTP.bit() ? http : c == Ctx.STREAM.bit() ? stream : null;
                if (list != null) {
                    add(ctx, id, list, new Upstream(d.arg(0), true, true, 0, d));
                }
                continue;
            }
            if (d.argCount() != 1 || d.arg(0).indexOf('$') >= 0) {
                continue; // an address with variables is looked up when a request comes
            }
            String scheme = null;
            boolean streamPass = false;
            switch (d.name()) {
                case "proxy_pass" -> {
                    if (c == Ctx.STREAM_SERVER.bit()) {
                        streamPass = true;
                        scheme = "";
                    } else if ((c & HTTP_PASS) == c) {
                        scheme = "proxy";
                    }
                }
                case "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass", "memcached_pass" -> {
                    if ((c & HTTP_PASS) == c) {
                        scheme = d.name();
                    }
                }
                default -> {
                }
            }
            if (scheme == null) {
                continue;
            }
            Upstream u = address(d, scheme);
            if (u != null) {
                add(ctx, id, streamPass ? stream : http, u);
            }
        }
        // ngx_http_upstream_init_round_robin (and the stream twin), once the config is read: an
        // address that is no upstream block and has no port, from a pass with no default port
        // (all but proxy_pass http:// and https://), is refused. Only where the whole config is
        // read: the block may be in the file that includes this one, or in an unread include.
        if (!ctx.facts().nginx().fragment() && !ctx.facts().nginx().incomplete()) {
            for (List<Upstream> list : List.of(http, stream)) {
                for (Upstream u : list) {
                    if (!u.block && u.port == 0) {
                        ctx.report(id, u.at.args().get(0).span(), "no port in upstream \"" + u.name + "\": nginx "
                                + "refuses to start. No upstream block is named " + u.name + ", so " + u.at.name()
                                + " takes it for an address, and an address needs a port here (" + u.at.name()
                                + " has no default port): write " + u.name + ":PORT, or define upstream " + u.name
                                + " { server ...; }.");
                    }
                }
            }
        }
    }

    /**
     * Whether nginx refuses {@code pass} for want of a port when no upstream block is named as its
     * host: a pass without a default port (every one but proxy_pass with http:// or https://)
     * whose address has no port and is no unix socket. CFG137 leaves these to CFG123.
     */
    static boolean needsPort(Directive pass, boolean streamServer) {
        if (pass.argCount() != 1 || pass.arg(0).indexOf('$') >= 0) {
            return false;
        }
        String kind = pass.name().equals("proxy_pass") ? (streamServer ? "" : "proxy") : pass.name();
        Upstream u = address(pass, kind);
        return u != null && u.port == 0;
    }

    /** The host and port nginx's URL parser reads from a pass address; null where it is not judged. */
    private static Upstream address(Directive d, String kind) {
        String url = d.arg(0);
        String lower = url.toLowerCase(Locale.ROOT);
        int defaultPort = 0;
        if (kind.equals("proxy")) {
            if (lower.startsWith("http://")) {
                url = url.substring(7);
                defaultPort = 80;
            } else if (lower.startsWith("https://")) {
                url = url.substring(8);
                defaultPort = 443;
            } else {
                return null; // an invalid URL prefix is another finding
            }
        } else if (kind.equals("grpc_pass") && (lower.startsWith("grpc://") || lower.startsWith("grpcs://"))) {
            url = url.substring(url.indexOf("://") + 3); // no default port: ngx_http_grpc_pass sets none
        } else if (kind.equals("uwsgi_pass") && (lower.startsWith("uwsgi://") || lower.startsWith("suwsgi://"))) {
            url = url.substring(url.indexOf("://") + 3);
        }
        if (url.regionMatches(true, 0, "unix:", 0, 5)) {
            return null;
        }
        int slash = url.indexOf('/');
        String authority = slash < 0 ? url : url.substring(0, slash);
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = authority.substring(0, close + 1);
            if (close + 1 < authority.length()) {
                if (authority.charAt(close + 1) != ':') {
                    return null;
                }
                port = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        if (port == null) {
            return new Upstream(host, false, true, defaultPort, d);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return null; // an invalid port is another finding
        }
        return new Upstream(host, false, false, Integer.parseInt(port), d);
    }

    /** ngx_http_upstream_add (and its stream twin) for one entry; reports the conflict nginx refuses. */
    private static void add(RuleContext ctx, String id, List<Upstream> list, Upstream u) {
        for (Upstream o : list) {
            if (!o.host.equals(u.host)) {
                continue;
            }
            if (u.block && o.block) {
                return; // duplicate upstream: reported with the duplicates
            }
            if (o.block && !u.noPort) {
                report(ctx, id, u.at, u.name, u.port, o.at);
                return;
            }
            if (u.block && !o.noPort) {
                report(ctx, id, o.at, u.name, o.port, u.at);
                return;
            }
            if (o.port != 0 && u.port != 0 && o.port != u.port) {
                continue;
            }
            if (u.block) {
                o.block = true;
                o.port = 0;
            }
            return;
        }
        list.add(u);
    }

    private static void report(RuleContext ctx, String id, Directive pass, String name, int port, Directive block) {
        ctx.report(id, pass.args().get(0).span(), "upstream \"" + name + "\" may not have port " + port
                + ": nginx refuses to start. An address whose host is the name of an upstream block (line "
                + block.line() + ") uses that block's servers and their ports; leave the port out of " + pass.name()
                + ".", List.of(new dev.proxylint.rules.Related(block.args().get(0).span(), "upstream "
                        + block.arg(0))), null);
    }
}
