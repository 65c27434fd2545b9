package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import java.util.List;
import java.util.Locale;

/**
 * WS206: a ProxyPass {@code upgrade=} that names another protocol than WebSocket: on a WebSocket
 * route the upgrade is dropped; elsewhere (h2c above all) it is a tunnel past the proxy. "none"
 * forwards nothing and is judged only on WebSocket routes; ANY and * are WS211's.
 */
public final class Ws206UpgradeWrongProtocol extends BaseRule {
    public Ws206UpgradeWrongProtocol() {
        super(Dialect.APACHE, "WS206");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheRoute r : ctx.facts().apacheRoutes()) {
            ProxyPassEntry e = r.entry();
            String upgrade = e.key("upgrade");
            if (upgrade == null) {
                continue;
            }
            String u = upgrade.toLowerCase(Locale.ROOT);
            // observed on 2.4.71: "none" is just a protocol name that no client sends, so it forwards nothing
            if (u.equals("any") || u.equals("*") || u.equals("websocket")) {
                continue;
            }
            Arg a = e.keys().get("upgrade");
            if (r.intent() != null) {
                ctx.report("WS206", a.span(), WebSocketWords.headline("With upgrade={}, Apache does not "
                        + "forward this route's WebSocket upgrades.", upgrade) + " upgrade=" + upgrade + " names another "
                        + "protocol than WebSocket, so the Upgrade header is dropped. Use upgrade=websocket. " + WebSocketWords.because(r.intent()), List.of(),
                        new Fix("Forward WebSocket upgrades", List.of(TextEdit.replace(a.span(), "upgrade=websocket"))));
            } else if (!u.equals("none")) {
                // no WebSocket intent, but the allowed protocol (h2c above all) is a tunnel past the proxy
                ctx.report("WS206", a.span(), WebSocketWords.headline("upgrade={} lets clients tunnel {} "
                        + "through the proxy.", upgrade, upgrade) + " They can switch this connection to " + upgrade
                        + " through the proxy, and no WebSocket upgrade is forwarded. A client that upgrades to " + upgrade + " then sends requests the proxy never sees (h2c "
                        + "smuggling past its access rules); use upgrade=websocket if the app needs WebSockets, else "
                        + "remove the parameter.", List.of(),
                        new Fix("Allow only WebSocket upgrades", List.of(TextEdit.replace(a.span(), "upgrade=websocket"))));
            }
        }
    }
}
