package dev.proxylint.rules.sec;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SEC127: the default server of a TLS address with HTTP/2 refuses handshakes
 * ({@code ssl_reject_handshake on}) but still answers requests: a request that arrives on a
 * connection another server accepted (HTTP/2 connection reuse, or a Host that differs from the SNI
 * name) and names a host no server has goes to this server at the HTTP layer, and is served from
 * whatever {@code /} selects there. Not reported when the server, or the location {@code /}
 * selects, ends the request with {@code return}. Default servers come from {@link NginxListens}.
 */
public final class NginxRejectHandshakeServesRule extends BaseRule {
    public NginxRejectHandshakeServesRule() {
        super(Dialect.NGINX, "SEC127");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        Set<String> http2 = new HashSet<>();
        for (Scope s : m.servers()) {
            Directive h2 = s.effective("http2");
            boolean on = h2 != null && "on".equals(h2.arg(0));
            for (NginxListens.Listen l : NginxListens.of(s)) {
                Work.tick();
                if (on || (l.directive() != null && l.directive().values().contains("http2"))) {
                    http2.add(l.address());
                }
            }
        }
        for (Map.Entry<String, NginxListens.Default> e : NginxListens.defaults(m).entrySet()) {
            NginxListens.Default d = e.getValue();
            Scope server = d.server();
            Directive reject = server.effective("ssl_reject_handshake");
            if (d.listen() == null || !d.listen().values().contains("ssl") || !http2.contains(e.getKey())
                    || reject == null || !"on".equals(reject.arg(0)) || server.has("return")) {
                continue;
            }
            Scope root = NginxModel.select(server, "/");
            if (root != null && root.has("return")) {
                continue;
            }
            Directive own = server.ownLast("ssl_reject_handshake");
            if (!ctx.once("SEC127", server)) {
                continue;
            }
            boolean tlsOnly = true;
            for (NginxListens.Listen l : NginxListens.of(server)) {
                if (l.directive() == null || !l.directive().values().contains("ssl")) {
                    tlsOnly = false;
                }
            }
            Fix fix = tlsOnly ? new Fix("Answer misdirected requests with 421",
                    List.of(NginxEdits.appendToBlock(server.block(), List.of("return 421;")))) : null;
            ctx.report("SEC127", own != null ? own.span() : server.block().headSpan(), "The default server of " + e.getKey() + " rejects handshakes but "
                    + "still serves requests. A request for an unknown host that arrives on a connection another "
                    + "server accepted (HTTP/2 reuses connections across names its certificate covers) reaches this "
                    + "server at the HTTP layer and gets its content instead of 421 Misdirected Request, which "
                    + "would make the browser open a new connection. Add return 421; to this server.",
                    List.of(), fix);
        }
    }
}
