package dev.proxylint.rules.tmo;

import dev.proxylint.facts.TimeValues;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import java.util.List;

/** TMO105: a valid nginx time without a unit (read as seconds). */
public final class Tmo105TimeWithoutUnit extends BaseRule {
    public Tmo105TimeWithoutUnit() {
        super(Dialect.NGINX, "TMO105");
    }

    @Override
    public void check(RuleContext ctx) {
        for (NginxTimes.TimeArg t : NginxTimes.args(ctx)) {
            Arg a = t.a();
            String v = a.value();
            if (t.value().isEmpty() || !TimeValues.nginxEndsWithoutUnit(v)) {
                continue;
            }
            ctx.report("TMO105", a.span(), t.d().name() + " " + v + " has no unit, which nginx reads as seconds. "
                    + "Write the unit so that nobody takes it for milliseconds.", List.of(),
                    new Fix("Write the unit: " + v + "s", List.of(TextEdit.insert(a.file(),
                            a.start() + a.raw().length() - (a.quoted() ? 1 : 0), "s"))));
        }
    }
}
