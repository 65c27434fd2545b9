package dev.proxylint.rules.tmo;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.TimeValues;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the nginx timeout rules share: the time arguments of the config (SYN003, TMO103, TMO105)
 * and the read timeout of a route (TMO101, TMO102), each computed once per config.
 */
final class NginxTimes {
    /** nginx's default for proxy_read_timeout, proxy_send_timeout, proxy_connect_timeout and grpc_*. */
    static final long DEFAULT_MILLIS = 60_000;

    private NginxTimes() {
    }

    /**
     * The first argument of a time directive with its value.
     *
     * @param seconds whether the directive counts seconds (else milliseconds: months and years not allowed)
     * @param value   the value (in the unit the directive counts), empty when nginx refuses it
     */
    record TimeArg(Directive d, Arg a, boolean seconds, OptionalLong value) {
    }

    /** Every time directive's first argument, in file order (computed once, shared). */
    static List<TimeArg> args(RuleContext ctx) {
        return ctx.facts().shared("tmo.nginxTimeArgs", () -> {
            List<TimeArg> out = new ArrayList<>();
            Tree.walk(ctx.config().items(), d -> {
                Boolean sec = TimeValues.nginxTimeDirective(d.name());
                if (sec == null || d.argCount() < 1 || d.hasBlock()) {
                    return;
                }
                Arg a = d.args().get(0);
                String v = a.value();
                out.add(new TimeArg(d, a, sec, sec ? TimeValues.nginxSeconds(v) : TimeValues.nginxMillis(v)));
            });
            return List.copyOf(out);
        });
    }

    /**
     * The idle limit of an nginx route: the effective read timeout ({@code proxy_read_timeout}, or
     * {@code grpc_read_timeout} for grpc_pass), with the directive it comes from (null = default).
     */
    record Idle(long millis, Directive source, String directiveName) {
        String origin() {
            return source == null ? "nginx's default " + directiveName + " of 60 s, as none is set"
                    : directiveName + " " + String.join(" ", source.values()) + " (line " + source.line() + ")";
        }
    }

    /** The effective read timeout at a scope (nginx's default when none is set); null when its value is unreadable. */
    static Idle readTimeout(Scope site, String directive) {
        Directive d = site.effective(directive);
        if (d == null) {
            return new Idle(DEFAULT_MILLIS, null, directive);
        }
        // a value nginx cannot read (none, or no time) makes it refuse the config (CFG and SYN rules
        // say so): no idle limit to judge, and no fix may add a second directive beside it
        OptionalLong v = d.argCount() < 1 ? OptionalLong.empty() : TimeValues.nginxMillis(d.arg(0));
        return v.isPresent() ? new Idle(v.getAsLong(), d, directive) : null;
    }

    /** TMO101's minimum idle limit in milliseconds (its option min-seconds, 300). */
    static long wsMinMillis(RuleContext ctx) {
        return ctx.settings().longOption("TMO101", "min-seconds", 300) * 1000;
    }

    /** A WebSocket route whose connections are closed after less idle time than TMO101 expects. */
    record ShortRoute(NginxRoute route, Idle idle) {
    }

    /** The WebSocket routes with too short a read timeout, in order (computed once, shared by TMO101 and TMO102). */
    static List<ShortRoute> shortWebSocketRoutes(RuleContext ctx) {
        long wsMin = wsMinMillis(ctx);
        return ctx.facts().shared("tmo.nginxShortWebSocketRoutes:" + wsMin, () -> {
            List<ShortRoute> out = new ArrayList<>();
            for (NginxRoute r : ctx.facts().nginxRoutes()) {
                // proxy_read_timeout is not allowed inside if: the location's value applies
                Idle idle = readTimeout(r.location(), "proxy_read_timeout");
                if (r.intent() != null && idle != null && idle.millis() < wsMin) {
                    out.add(new ShortRoute(r, idle));
                }
            }
            return List.copyOf(out);
        });
    }
}
