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

/** WS211: {@code upgrade=ANY} or {@code upgrade=*}, which forward an upgrade to any protocol the client names. */
public final class Ws211UpgradeAny extends BaseRule {
    public Ws211UpgradeAny() {
        super(Dialect.APACHE, "WS211");
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
            // observed on 2.4.71: ANY and * forward any Upgrade (even "foo")
            if (!u.equals("any") && !u.equals("*")) {
                continue;
            }
            Arg a = e.keys().get("upgrade");
            ctx.report("WS211", a.span(), "upgrade=" + upgrade + " makes Apache forward an upgrade to whatever "
                    + "protocol the client names. Clients can ask the backend to switch to protocols it was "
                    + "never meant to speak through this proxy. Name the protocol: upgrade=websocket.", List.of(),
                    new Fix("Allow only WebSocket upgrades", List.of(TextEdit.replace(a.span(), "upgrade=websocket"))));
        }
    }
}
