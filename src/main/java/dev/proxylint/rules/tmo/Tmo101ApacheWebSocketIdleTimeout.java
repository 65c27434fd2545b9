package dev.proxylint.rules.tmo;

import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.Set;

/**
 * TMO101 on Apache: WebSocket connections closed after less idle time than the check expects
 * (option {@code min-seconds}, 300), when a backend timeout sets the limit; when the server-wide
 * Timeout does, TMO104 reports it instead (see {@link ApacheIdle}).
 */
public final class Tmo101ApacheWebSocketIdleTimeout implements Rule {
    @Override
    public Set<String> ids() {
        return Set.of("TMO101");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.APACHE);
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
            ctx.report("TMO101", site.at().span(), "WebSocket connections through " + site.label() + " are closed "
                    + "after " + idle.seconds() + " s without traffic, from " + idle.origin() + ", below the " + wsMin
                    + " s this check expects: Apache ends an idle upgraded connection after max(Timeout, backend "
                    + "timeout), so quiet clients are disconnected. " + (idle.worker() ? "Raise the worker's timeout to "
                    + want : capitalize(site.fixWords(want))) + " (or make the application ping more often). "
                    + site.because(), ApacheIdle.related(site), ApacheIdle.fix(site, want));
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
