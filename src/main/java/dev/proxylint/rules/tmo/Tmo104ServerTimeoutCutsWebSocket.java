package dev.proxylint.rules.tmo;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;

/**
 * TMO104: the server-wide Timeout also closes the WebSocket tunnels of a worker without a
 * timeout= of its own, sooner than TMO101's minimum (the same computation as TMO101, see
 * {@link ApacheIdle.Idle#timeoutDecides}).
 */
public final class Tmo104ServerTimeoutCutsWebSocket extends BaseRule {
    public Tmo104ServerTimeoutCutsWebSocket() {
        super(Dialect.APACHE, "TMO104");
    }

    @Override
    public void check(RuleContext ctx) {
        long want = ApacheIdle.want(ApacheIdle.wsMin(ctx));
        for (ApacheIdle.Site site : ApacheIdle.tooShort(ctx)) {
            ApacheIdle.Idle idle = site.idle();
            if (!idle.timeoutDecides()) {
                continue; // TMO101
            }
            ctx.report("TMO104", site.at().span(), "Timeout " + idle.timeout().seconds()
                    + " closes WebSocket tunnels of " + TmoText.route(site.label(), 32) + " after " + idle.seconds()
                    + " s without traffic. The server-wide Timeout " + idle.timeout().seconds() + " also applies to "
                    + site.label() + ", because this worker has no timeout= of its own (an upgraded connection lives for "
                    + "max(Timeout, backend timeout)). Keep Timeout low for ordinary clients and give the WebSocket "
                    + "worker its own limit: " + site.fixWords(want) + ". " + site.because(),
                    ApacheIdle.related(site), ApacheIdle.fix(site, want));
        }
    }
}
