package dev.proxylint.rules.tmo;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * TMO101 on Apache: WebSocket connections closed after less idle time than the check expects
 * (option {@code min-seconds}, 300), when a backend timeout sets the limit; when the server-wide
 * Timeout does, TMO104 reports it instead (see {@link ApacheIdle}).
 */
public final class Tmo101ApacheWebSocketIdleTimeout extends BaseRule {
    public Tmo101ApacheWebSocketIdleTimeout() {
        super(Dialect.APACHE, "TMO101");
    }

    @Override
    public void check(RuleContext ctx) {
        long wsMin = ApacheIdle.wsMin(ctx);
        long want = ApacheIdle.want(wsMin);
        for (ApacheIdle.Site site : ApacheIdle.tooShort(ctx)) {
            ApacheIdle.Idle idle = site.idle();
            if (idle.timeoutDecides()) {
                continue; // TMO104
            }
            // the finding sits where its fix goes: on the worker's own timeout= (a ProxySet in a <Proxy>
            // section) when that is what the fix raises, with the route as a related location; routes that
            // share that worker get one finding
            Span at = site.at().span();
            List<Related> related = ApacheIdle.related(site);
            Directive worker = idle.worker() ? idle.backend().directive() : null;
            if (worker != null && worker != site.at()) {
                if (!ctx.once("TMO101", worker)) {
                    continue;
                }
                at = worker.span();
                related = new ArrayList<>(related);
                related.removeIf(x -> x.span().equals(worker.span()));
                related.add(0, new Related(site.at().span(), "the WebSocket route"));
            }
            ctx.report("TMO101", at, "WebSocket connections through "
                    + TmoText.route(site.label(), 34) + " close "
                    + "after " + idle.seconds() + " s without traffic. The route is " + site.label()
                    + "; the limit comes from " + idle.origin()
                    + ", below the " + wsMin
                    + " s this check expects: Apache ends an idle upgraded connection after max(Timeout, backend "
                    + "timeout), so quiet clients are disconnected. " + (idle.worker() ? "Raise the worker's timeout to "
                    + want : capitalize(site.fixWords(want))) + " (or make the application ping more often). "
                    + site.because(), related, ApacheIdle.fix(site, want));
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
