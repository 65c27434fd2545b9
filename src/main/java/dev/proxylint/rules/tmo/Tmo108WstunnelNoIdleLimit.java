package dev.proxylint.rules.tmo;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.List;

/**
 * TMO108: a WebSocket site tunnelled by mod_proxy_wstunnel (ProxyWebsocketFallbackToProxyHttp Off),
 * whose tunnel has no idle limit at all (see {@link ApacheIdle}).
 */
public final class Tmo108WstunnelNoIdleLimit extends BaseRule {
    public Tmo108WstunnelNoIdleLimit() {
        super(Dialect.APACHE, "TMO108");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheIdle.Site site : ApacheIdle.sites(ctx)) {
            if (site.idle().seconds() >= 0) {
                continue;
            }
            ctx.report("TMO108", site.at().span(), TmoText.route(site.label(), 42)
                    + " is tunnelled by mod_proxy_wstunnel, without an idle limit. " + site.label() + " is tunnelled "
                    + "by mod_proxy_wstunnel because ProxyWebsocketFallbackToProxyHttp is Off. That tunnel has no idle limit: "
                    + "Timeout, ProxyTimeout and timeout= do not close it (measured on httpd 2.4.71), so a "
                    + "vanished client holds a connection and a worker thread until the backend closes. "
                    + "Remove ProxyWebsocketFallbackToProxyHttp Off to let mod_proxy_http apply max(Timeout, "
                    + "timeout=), or make the backend close idle sockets.",
                    List.of(new Related(site.idle().fallback().span(), "the fallback to mod_proxy_http is turned off here")),
                    null);
        }
    }
}
