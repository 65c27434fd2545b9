package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;

/** SEC206: {@code TraceEnable On} or {@code Extended}: TRACE echoes the request, headers included. */
public final class ApacheTraceRule extends BaseRule {
    public ApacheTraceRule() {
        super(Dialect.APACHE, "SEC206");
    }

    @Override
    public void check(RuleContext ctx) {
        for (Directive d : ApacheDirectives.named(ctx, "TraceEnable")) {
            String v = d.arg(0) == null ? "" : d.arg(0).toLowerCase(Locale.ROOT);
            if (v.equals("on") || v.equals("extended")) {
                ctx.report("SEC206", d.span(), "TraceEnable " + d.arg(0) + " makes Apache echo TRACE requests back, "
                        + "headers included. A script that can send TRACE reads cookies and authorization headers it "
                        + "cannot see otherwise (cross-site tracing), and scanners flag it. Use TraceEnable Off.",
                        List.of(), new Fix("Use TraceEnable Off", List.of(TextEdit.replace(d.args().get(0).span(), "Off"))));
            }
        }
    }
}
