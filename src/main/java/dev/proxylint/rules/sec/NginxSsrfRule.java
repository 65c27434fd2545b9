package dev.proxylint.rules.sec;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SEC104: {@code proxy_pass} whose scheme or host comes from the request. With a variable in the
 * URL nginx builds the upstream address per request (an IP literal needs no resolver), so a client
 * who controls the host part makes nginx connect wherever it likes: internal services, cloud
 * metadata, other hosts. Client-controlled: headers, arguments, cookies, the URI and its regex
 * captures (when the capture can hold {@code .}, {@code :}, {@code /} or {@code @}), {@code $host}
 * on a server that answers any Host (the default server of an address), and variables {@code set}
 * from those.
 */
public final class NginxSsrfRule extends BaseRule {
    private static final String HOST_CHARS = ".:/@[";

    public NginxSsrfRule() {
        super(Dialect.NGINX, "SEC104");
    }

    /** Servers that receive requests for any Host: the default server of one of their addresses. */
    static Set<Scope> catchAll(RuleContext ctx) {
        return ctx.facts().shared("sec.nginx.catchAllServers", () -> {
            Set<Scope> out = Collections.newSetFromMap(new IdentityHashMap<>());
            for (NginxListens.Default d : NginxListens.defaults(ctx.facts().nginx()).values()) {
                out.add(d.server());
            }
            return out;
        });
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        Set<Scope> catchAll = catchAll(ctx);
        for (Scope server : m.servers()) {
            List<Scope> todo = new ArrayList<>();
            todo.add(server);
            while (!todo.isEmpty()) {
                Scope s = todo.remove(todo.size() - 1);
                Work.tick();
                todo.addAll(s.children());
                for (Directive d : s.own("proxy_pass")) {
                    check(ctx, m, s, d, catchAll.contains(server));
                }
            }
        }
    }

    private static void check(RuleContext ctx, NginxModel m, Scope s, Directive d, boolean anyHost) {
        if (d.argCount() < 1) {
            return;
        }
        String url = d.arg(0);
        int sep = url.indexOf("://");
        String hostPart;
        if (sep < 0) {
            hostPart = url.startsWith("$") ? url : "";
        } else {
            int slash = url.indexOf('/', sep + 3);
            hostPart = url.substring(0, slash < 0 ? url.length() : slash);
        }
        Scope capSource = NginxVars.captureSource(s);
        RegexCaptures rc = capSource == null ? null : NginxVars.captures(capSource);
        for (NginxVars.Ref r : NginxVars.refs(hostPart)) {
            if (startsPath(rc, r.name())) {
                break; // $request_uri, $uri, a capture of (/...): the path starts here
            }
            String why = controlled(m, rc, r.name(), anyHost, 0);
            if (why == null) {
                continue;
            }
            List<Related> related = new ArrayList<>();
            if (rc != null && NginxVars.group(rc, r.name()) > 0) {
                related.add(new Related(capSource.block().headSpan(), "the regex the capture comes from"));
            }
            List<Directive> defs = m.definitions(r.name());
            if (defs != null && !defs.isEmpty() && defs.get(0).is("set")) {
                related.add(new Related(defs.get(0).span(), "where $" + r.name() + " is set"));
            }
            ctx.report("SEC104", d.span(), "proxy_pass takes its upstream host from the client's $" + r.name() + " (SSRF). "
                    + "This is server-side request forgery: " + why + ", so a client makes nginx connect to any "
                    + "address it names: 127.0.0.1, internal services, cloud metadata at 169.254.169.254 (an IP "
                    + "literal needs no resolver). Proxy to a fixed upstream, or map the request to a list of "
                    + "allowed backends with map and a default.", related, null);
            return;
        }
    }

    /** Whether a variable's value starts with '/' (it begins the path, so the host ends before it). */
    private static boolean startsPath(RegexCaptures rc, String name) {
        if (NginxVars.DECODED_URI.contains(name) || name.equals("request_uri")) {
            return true;
        }
        if (rc != null) {
            int g = NginxVars.group(rc, name);
            String text = g > 0 ? rc.group(g) : null;
            return text != null && (text.startsWith("/") || text.startsWith("\\/"));
        }
        return false;
    }

    /** Why the client controls a variable's value in a proxy_pass host, or null when it does not. */
    private static String controlled(NginxModel m, RegexCaptures rc, String name, boolean anyHost, int depth) {
        if (rc != null) {
            int g = NginxVars.group(rc, name);
            if (g > 0) {
                return rc.canHoldAny(g, HOST_CHARS) ? "$" + name + " is a capture of (" + rc.group(g)
                        + ") from the decoded URI and can hold host characters such as '.' and ':'" : null;
            }
        }
        if (name.equals("host") && anyHost) {
            return "$host is the Host header on this server, which is the default server of its address and "
                    + "answers any Host";
        }
        if (name.startsWith("http_")) {
            return "$" + name + " is the " + name.substring(5).replace('_', '-') + " request header";
        }
        if (name.startsWith("arg_")) {
            return "$" + name + " is the query argument " + name.substring(4);
        }
        if (name.startsWith("cookie_")) {
            return "$" + name + " is the cookie " + name.substring(7);
        }
        if (NginxVars.client(name)) {
            return "$" + name + " is part of the request";
        }
        List<Directive> defs = m.definitions(name);
        if (defs == null || depth > 3) {
            return null;
        }
        for (Directive def : defs) {
            if (def.is("set") && def.argCount() >= 2) {
                for (NginxVars.Ref r : NginxVars.refs(def.arg(1))) {
                    String inner = controlled(m, null, r.name(), anyHost, depth + 1);
                    if (inner != null) {
                        return "$" + name + " is set from $" + r.name() + " (line " + def.line() + "), and " + inner;
                    }
                }
            }
        }
        return null;
    }
}
