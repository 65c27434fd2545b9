package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * WS102: a WebSocket route that talks HTTP/1.0 to the backend, by an explicit
 * {@code proxy_http_version 1.0} (reported once per directive) or by the default of an older nginx.
 */
public final class Ws102HttpVersion10 extends BaseRule {
    public Ws102HttpVersion10() {
        super(Dialect.NGINX, "WS102");
    }

    @Override
    public void check(RuleContext ctx) {
        String nginx = ctx.settings().nginxVersion();
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            if (r.intent() == null) {
                continue;
            }
            String where = NginxUpgrade.where(r);
            Directive v = r.location().effective("proxy_http_version");
            if (v != null) {
                // a directive at server or http level is shared by many routes: report it once
                if (!"1.0".equals(v.arg(0)) || !ctx.once("WS102", v)) {
                    continue;
                }
                ctx.report("WS102", v.span(), WebSocketWords.headline("proxy_http_version 1.0 on WebSocket "
                        + "route {}: the upgrade needs 1.1.", where) + " It needs HTTP/1.1 (RFC 6455), "
                        + "so strict backends answer 400 and only lenient ones tunnel anyway. "
                        + WebSocketWords.because(r.intent()), List.of(),
                        new Fix("Use proxy_http_version 1.1", List.of(TextEdit.replace(v.args().get(0).span(), "1.1"))));
                continue;
            }
            if (VersionFacts.atLeast(nginx, VersionFacts.NGINX_PROXY_HTTP_11_DEFAULT)) {
                continue;
            }
            String which = nginx == null ? "nginx before " + VersionFacts.NGINX_PROXY_HTTP_11_DEFAULT
                    + " (the target version is unknown: set --nginx-version)" : "nginx " + nginx;
            ctx.report("WS102", r.location().block().headSpan(), WebSocketWords.headline("WebSocket route {} talks "
                    + "HTTP/1.0 to the backend.", where) + " HTTP/1.0 is the default of " + which + ", but the upgrade "
                    + "needs HTTP/1.1 (RFC 6455): "
                    + "strict backends answer 400. " + WebSocketWords.because(r.intent()), List.of(),
                    new Fix("Add proxy_http_version 1.1", List.of(NginxEdits.appendToBlock(r.location().block(),
                            List.of("proxy_http_version 1.1;")))));
        }
    }
}
