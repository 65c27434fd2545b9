package dev.proxylint.rules.tmo;

import dev.proxylint.facts.TimeValues;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import java.util.List;
import java.util.OptionalLong;

/**
 * TMO106: a whole-seconds Apache value (Timeout, ProxyTimeout, timeout=) written with a unit that
 * httpd's atoi silently drops. Values SYN003 reports (none, or below one second where httpd
 * refuses them) are not judged here.
 */
public final class Tmo106ApacheSecondsWithUnit extends BaseRule {
    public Tmo106ApacheSecondsWithUnit() {
        super(Dialect.APACHE, "TMO106");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheTimeArgs.TimeArg t : ApacheTimeArgs.of(ctx)) {
            if (!t.atoiSeconds()) {
                continue;
            }
            String val = t.val();
            OptionalLong n = TimeValues.apacheAtoiSeconds(val);
            String rest = TimeValues.apacheAtoiRest(val);
            if (n.isEmpty() || (t.atLeastOne() && n.getAsLong() < 1) || rest.isEmpty()) {
                continue;
            }
            String label = t.label();
            String prefix = t.prefix();
            OptionalLong meant = TimeValues.intendedSeconds(val);
            String name = prefix.isEmpty() ? label : "timeout=";
            String reads = " httpd reads " + (prefix.isEmpty() ? label : "the timeout= key")
                    + " as whole seconds and silently ignores everything after the digits.";
            // the one place the level varies (see the doc): an error when the value means another time
            // than written, a note when the unit happens to be seconds
            boolean same = meant.isPresent() && meant.getAsLong() == n.getAsLong();
            String msg = same
                    ? name + (prefix.isEmpty() ? " " : "") + val + " means " + n.getAsLong() + " s only because the unit "
                            + "is seconds." + reads + " Write " + prefix + n.getAsLong() + ", so that a later edit to "
                            + "another unit does not silently change it."
                    : name + (prefix.isEmpty() ? " " : "") + val + " means " + n.getAsLong() + " s, not what \""
                            + rest + "\" suggests." + reads + " Write the number of seconds"
                            + (meant.isPresent() ? ": " + prefix + meant.getAsLong() + "." : ".");
            Fix fix = meant.isEmpty() ? null : new Fix("Write " + prefix + meant.getAsLong() + " (seconds)",
                    List.of(TextEdit.replace(t.a().span(), prefix + meant.getAsLong())));
            ctx.report(new dev.proxylint.rules.Finding("TMO106", same ? dev.proxylint.rules.Level.NOTE : ctx.defaultLevel("TMO106"),
                    msg, t.a().span(), List.of(), fix));
        }
    }
}
