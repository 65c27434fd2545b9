package dev.proxylint.rules.tmo;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.TimeValues;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Timeouts in nginx: time syntax (SYN003, TMO105), the idle limit of WebSocket routes (TMO101),
 * very short backend read timeouts (TMO102) and connect timeouts nginx cannot honour (TMO103).
 */
public final class NginxTimeoutRules implements Rule {
    /** nginx's default for proxy_read_timeout, proxy_send_timeout, proxy_connect_timeout and grpc_*. */
    public static final long DEFAULT_MILLIS = 60_000;
    /** The longest connect timeout nginx can honour ("usually cannot exceed 75 seconds"). */
    public static final long CONNECT_MAX_MILLIS = 75_000;

    @Override
    public Set<String> ids() {
        return Set.of("SYN003", "TMO101", "TMO102", "TMO103", "TMO105");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.NGINX);
    }

    /**
     * The idle limit of an nginx route: the effective read timeout ({@code proxy_read_timeout}, or
     * {@code grpc_read_timeout} for grpc_pass), with the directive it comes from (null = default).
     */
    public record Idle(long millis, Directive source, String directiveName) {
        public String origin() {
            return source == null ? "nginx's default " + directiveName + " of 60 s, as none is set"
                    : directiveName + " " + String.join(" ", source.values()) + " (line " + source.line() + ")";
        }
    }

    /** The effective read timeout at a scope; an invalid value counts as the default (SYN003 reports it). */
    public static Idle readTimeout(Scope site, String directive) {
        Directive d = site.effective(directive);
        if (d == null || d.argCount() < 1) {
            return new Idle(DEFAULT_MILLIS, null, directive);
        }
        OptionalLong v = TimeValues.nginxMillis(d.arg(0));
        return v.isPresent() ? new Idle(v.getAsLong(), d, directive) : new Idle(DEFAULT_MILLIS, null, directive);
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        checkSyntax(ctx);
        long wsMin = ctx.settings().longOption("TMO101", "min-seconds", 300) * 1000;
        long shortMin = ctx.settings().longOption("TMO102", "min-seconds", 10) * 1000;
        Set<Directive> flaggedWs = new HashSet<>();
        Set<Directive> reportedShort = new HashSet<>();
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            // proxy_read_timeout is not allowed inside if: the location's value applies
            Idle idle = readTimeout(r.location(), "proxy_read_timeout");
            if (r.intent() != null && idle.millis() < wsMin) {
                reportWs(ctx, r, idle, wsMin);
                flaggedWs.add(idle.source());
            }
        }
        // TMO102: every proxied or gRPC route whose read timeout is set very low
        for (Scope loc : model.locations()) {
            for (String[] pass : List.of(new String[] {"proxy_pass", "proxy_read_timeout"},
                    new String[] {"grpc_pass", "grpc_read_timeout"})) {
                if (loc.ownLast(pass[0]) == null) {
                    continue;
                }
                Idle idle = readTimeout(loc, pass[1]);
                Directive src = idle.source();
                if (src == null || idle.millis() >= shortMin || flaggedWs.contains(src) || !reportedShort.add(src)) {
                    continue;
                }
                ctx.report("TMO102", src.span(), pass[1] + " " + src.arg(0) + " gives the backend only "
                        + TimeValues.describe(idle.millis()) + " between two reads: nginx answers 504 Gateway Timeout "
                        + "whenever the backend pauses longer (a slow query, a long poll, a streamed response). "
                        + "Raise it to at least " + TimeValues.describe(shortMin) + " unless the backend is known to "
                        + "answer faster.");
            }
        }
    }

    private void reportWs(RuleContext ctx, NginxRoute r, Idle idle, long wsMin) {
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

    /** SYN003 (invalid time), TMO103 (connect above 75 s), TMO105 (no unit). */
    private void checkSyntax(RuleContext ctx) {
        Tree.walk(ctx.config().items(), d -> {
            Boolean sec = TimeValues.nginxTimeDirective(d.name());
            if (sec == null || d.argCount() < 1 || d.hasBlock()) {
                return;
            }
            Arg a = d.args().get(0);
            String v = a.value();
            OptionalLong t = sec ? TimeValues.nginxSeconds(v) : TimeValues.nginxMillis(v);
            if (t.isEmpty()) {
                String hint = v.startsWith("$") ? "time directives do not take variables"
                        : !sec && (v.contains("M") || v.contains("y"))
                                ? "this directive counts milliseconds and does not accept months (M) or years (y)"
                                : "units are ms, s, m, h, d, w" + (sec ? ", M, y" : "")
                                        + " in falling order, e.g. 90s or 1h30m, with no space between number and unit";
                ctx.report("SYN003", a.span(), "\"" + v + "\" is not a valid time for " + d.name()
                        + ": nginx refuses to start (invalid value); " + hint + ".");
                return;
            }
            if (TimeValues.nginxEndsWithoutUnit(v)) {
                ctx.report("TMO105", a.span(), d.name() + " " + v + " has no unit, which nginx reads as seconds; "
                        + "write the unit so that nobody takes it for milliseconds.", List.of(),
                        new Fix("Write the unit: " + v + "s", List.of(TextEdit.insert(a.file(),
                                a.start() + a.raw().length() - (a.quoted() ? 1 : 0), "s"))));
            }
            String n = d.name().toLowerCase(Locale.ROOT);
            if ((n.equals("proxy_connect_timeout") || n.equals("grpc_connect_timeout"))
                    && t.getAsLong() > CONNECT_MAX_MILLIS) {
                ctx.report("TMO103", a.span(), d.name() + " " + v + " asks for more than 75 s, which nginx documents it "
                        + "usually cannot honour (the system's own TCP connect limit ends the attempt first), so the "
                        + "value promises a wait that does not happen. Use 75s or less.", List.of(),
                        new Fix("Set " + d.name() + " to 75s", List.of(TextEdit.replace(a.span(), "75s"))));
            }
        });
    }
}
