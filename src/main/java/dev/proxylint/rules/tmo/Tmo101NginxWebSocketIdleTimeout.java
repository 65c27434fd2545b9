package dev.proxylint.rules.tmo;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.TimeValues;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TMO101 on nginx: a WebSocket route whose proxy_read_timeout closes idle connections sooner than
 * the check expects (option {@code min-seconds}, 300).
 */
public final class Tmo101NginxWebSocketIdleTimeout extends BaseRule {
    public Tmo101NginxWebSocketIdleTimeout() {
        super(Dialect.NGINX, "TMO101");
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
        Directive pp = r.proxyPass();
        // the finding sits where its fix goes: on an explicit proxy_read_timeout of the location (its
        // value is raised); else on the route's proxy_pass, with the directive added right below it;
        // when the proxy_pass stands in an if block or another file (proxy_read_timeout is not allowed
        // in if), on the location, whose block gets the directive
        TextEdit edit;
        Span at;
        if (own != null && own.argCount() >= 1) {
            edit = TextEdit.replace(own.args().get(0).span(), want);
            at = own.span();
            rel.add(0, new Related(pp.span(), "the WebSocket route"));
            rel.removeIf(x -> x.span().equals(own.span()));
        } else if (r.site() == r.location() && pp.file() == r.location().block().file()) {
            edit = NginxEdits.insertAfter(pp, List.of("proxy_read_timeout " + want + ";"));
            at = pp.span();
        } else {
            edit = NginxEdits.appendToBlock(r.location().block(), List.of("proxy_read_timeout " + want + ";"));
            at = r.location().block().headSpan();
            rel.add(0, new Related(pp.span(), "the WebSocket route"));
        }
        String brief = r.location().kind() == Scope.Kind.LOCATION
                ? "location " + Brief.cut(r.location().locationPattern(), 26) : where;
        ctx.report("TMO101", at, "WebSocket connections on " + brief + " close after "
                + TimeValues.describe(idle.millis()) + " without traffic. The limit comes from " + idle.origin()
                + ", below the " + TimeValues.describe(wsMin) + " this check expects: nginx drops an upgraded connection when the "
                + "backend sends nothing for proxy_read_timeout, so quiet clients are disconnected. Set "
                + "proxy_read_timeout " + want + "; in " + where + " (or make the application ping more often). "
                + "proxylint treats it as a WebSocket route because " + r.intent().reason() + ".", rel,
                new Fix("Set proxy_read_timeout " + want + " on " + where, List.of(edit)));
    }
}
