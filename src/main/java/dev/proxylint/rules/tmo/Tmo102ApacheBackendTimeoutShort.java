package dev.proxylint.rules.tmo;

import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Dialect;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * TMO102 on Apache: a backend timeout below {@code min-seconds} (10). A timeout that already makes
 * a WebSocket idle limit too short is TMO101's or TMO104's and is not reported again here.
 *
 * <p>Both sets below hold places (spans), not directives, and so cannot be {@link RuleContext#once}
 * (which compares directives by identity): a file included into two virtual hosts, or a Macro used
 * once for several, gives distinct directives one place, and one place is judged once.
 */
public final class Tmo102ApacheBackendTimeoutShort extends BaseRule {
    public Tmo102ApacheBackendTimeoutShort() {
        super(Dialect.APACHE, "TMO102");
    }

    @Override
    public void check(RuleContext ctx) {
        long shortMin = ctx.settings().longOption("TMO102", "min-seconds", 10);
        Set<Span> flagged = new HashSet<>(); // the timeouts of too-short WebSocket idle limits
        for (ApacheIdle.Site site : ApacheIdle.tooShort(ctx)) {
            flagged.add(site.idle().timeout().span());
            flagged.add(site.idle().backend().span());
        }
        Set<Span> reported = new HashSet<>();
        Map<ApacheRoute, ApacheIdle.Idle> idles = ApacheIdle.routes(ctx);
        for (ApacheRoute r : ctx.facts().apacheRoutes()) {
            ApacheIdle.Source b = idles.get(r).backend();
            if (b.directive() == null || b.seconds() >= shortMin || flagged.contains(b.span()) || !reported.add(b.span())) {
                continue;
            }
            ctx.report("TMO102", b.span(), TmoText.route(r.label(), 50) + " gives the backend only "
                    + b.seconds() + " s between two reads. The backend timeout of " + r.label() + " is "
                    + b.seconds() + " s, from " + b.words() + ": Apache answers 504 Gateway Timeout whenever the backend pauses longer than that "
                    + "between two reads (a slow query, a long poll, a streamed response). Raise it to at least "
                    + shortMin + " s unless the backend is known to answer faster.");
        }
    }
}
