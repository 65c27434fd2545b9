package dev.proxylint.rules.tmo;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.TimeValues;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TMO101 on nginx: a WebSocket route whose proxy_read_timeout closes idle connections sooner than
 * the check expects (option {@code min-seconds}, 300).
 */
public final class Tmo101NginxWebSocketIdleTimeout implements Rule {
    @Override
    public Set<String> ids() {
        return Set.of("TMO101");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.NGINX);
    }

    @Override
    public void check(RuleContext ctx) {
        long wsMin = NginxTimes.wsMinMillis(ctx);
        for (NginxTimes.ShortRoute s : NginxTimes.shortWebSocketRoutes(ctx)) {
            report(ctx, s.route(), s.idle(), wsMin);
        }
    }

    private static void report(RuleContext ctx, NginxRoute r, NginxTimes.Idle idle, long wsMin) {
        String where = r.location().kind() == Scope.Kind.LOCATION ? "location " + r.location().locationPattern()
                : "this route";
        String want = TimeValues.formatNginx(Math.max(3_600_000, wsMin));
        List<Related> rel = new ArrayList<>();
        if (idle.source() != null) {
            rel.add(new Related(idle.source().span(), "the idle limit comes from here"));
        }
        if (r.intent().evidence() != null) {
            rel.add(new Related(r.intent().evidence(), "WebSocket intent: " + r.intent().reason()));
        }
        Directive own = r.location().ownLast("proxy_read_timeout");
        TextEdit edit = own != null && own.argCount() >= 1 ? TextEdit.replace(own.args().get(0).span(), want)
                : NginxEdits.appendToBlock(r.location().block(), List.of("proxy_read_timeout " + want + ";"));
        // the finding sits where its fix goes: on an explicit proxy_read_timeout of the location, else on
        // the route's proxy_pass (the fix then adds the directive to the location)
        Directive at = own != null && own.argCount() >= 1 ? own : r.proxyPass();
        if (at != r.proxyPass()) {
            rel.add(0, new Related(r.proxyPass().span(), "the WebSocket route"));
            rel.removeIf(x -> x.span().equals(own.span()));
        }
        ctx.report("TMO101", at.span(), "WebSocket connections on " + where + " are closed after "
                + TimeValues.describe(idle.millis()) + " without traffic, from " + idle.origin() + ", below the "
                + TimeValues.describe(wsMin) + " this check expects: nginx drops an upgraded connection when the "
                + "backend sends nothing for proxy_read_timeout, so quiet clients are disconnected. Set "
                + "proxy_read_timeout " + want + "; in " + where + " (or make the application ping more often). "
                + "proxylint treats it as a WebSocket route because " + r.intent().reason() + ".", rel,
                new Fix("Set proxy_read_timeout " + want + " on " + where, List.of(edit)));
    }
}
