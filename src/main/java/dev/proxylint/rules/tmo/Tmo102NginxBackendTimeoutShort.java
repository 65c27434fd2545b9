package dev.proxylint.rules.tmo;

import dev.proxylint.facts.TimeValues;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * TMO102 on nginx: every proxied or gRPC location whose read timeout is set very low (option
 * {@code min-seconds}, 10), once per directive. A timeout that already makes a WebSocket route's
 * idle limit too short is TMO101's and is not reported again here.
 */
public final class Tmo102NginxBackendTimeoutShort extends BaseRule {
    public Tmo102NginxBackendTimeoutShort() {
        super(Dialect.NGINX, "TMO102");
    }

    @Override
    public void check(RuleContext ctx) {
        long shortMin = ctx.settings().longOption("TMO102", "min-seconds", 10) * 1000;
        Set<Directive> flaggedWs = Collections.newSetFromMap(new IdentityHashMap<>()); // TMO101's timeouts
        for (NginxTimes.ShortRoute s : NginxTimes.shortWebSocketRoutes(ctx)) {
            flaggedWs.add(s.idle().source());
        }
        for (Scope loc : ctx.facts().nginx().locations()) {
            for (String[] pass : List.of(new String[] {"proxy_pass", "proxy_read_timeout"},
                    new String[] {"grpc_pass", "grpc_read_timeout"})) {
                if (loc.ownLast(pass[0]) == null) {
                    continue;
                }
                NginxTimes.Idle idle = NginxTimes.readTimeout(loc, pass[1]);
                if (idle == null) {
                    continue; // a value nginx cannot read: the config is refused, nothing to judge
                }
                Directive src = idle.source();
                if (src == null || idle.millis() >= shortMin || flaggedWs.contains(src) || !ctx.once("TMO102", src)) {
                    continue;
                }
                ctx.report("TMO102", src.span(), pass[1] + " " + src.arg(0) + " gives the backend only "
                        + TimeValues.describe(idle.millis()) + " between two reads. nginx answers 504 Gateway Timeout "
                        + "whenever the backend pauses longer (a slow query, a long poll, a streamed response). "
                        + "Raise it to at least " + TimeValues.describe(shortMin) + " unless the backend is known to "
                        + "answer faster.");
            }
        }
    }
}
