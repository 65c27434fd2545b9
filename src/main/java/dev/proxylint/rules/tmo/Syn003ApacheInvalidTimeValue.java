package dev.proxylint.rules.tmo;

import dev.proxylint.facts.TimeValues;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import java.util.OptionalLong;

/**
 * SYN003 on Apache: time values httpd refuses to start with: ProxyTimeout and timeout= below one
 * second (or without digits), connectiontimeout=, ping= and acquire= in a format it does not read.
 */
public final class Syn003ApacheInvalidTimeValue extends BaseRule {
    public Syn003ApacheInvalidTimeValue() {
        super(Dialect.APACHE, "SYN003");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheTimeArgs.TimeArg t : ApacheTimeArgs.of(ctx)) {
            String val = t.val();
            if (t.atoiSeconds()) {
                OptionalLong n = TimeValues.apacheAtoiSeconds(val);
                if (t.atLeastOne() && (n.isEmpty() || n.getAsLong() < 1)) {
                    ctx.report("SYN003", t.a().span(), "\"" + val + "\" is not a valid " + t.label().replace("=", "")
                            + " value: httpd refuses to start. It reads it as " + (n.isEmpty() ? 0 : n.getAsLong())
                            + " seconds, and it must be at least 1 second; write a whole number of seconds.");
                }
                continue;
            }
            String key = t.key();
            String unit = key.equals("acquire") ? "ms" : "s";
            if (TimeValues.apacheUnitMillis(val, unit).isEmpty()) {
                ctx.report("SYN003", t.a().span(), "\"" + val + "\" is not a valid " + key + "= value: "
                        + "httpd refuses to start. Its error is \"" + t.d().name() + " " + key + " has wrong format\"; "
                        + "write a whole number with an optional unit ms, s, mi (minutes) or h, "
                        + "e.g. " + key + "=5 (" + (unit.equals("ms") ? "milliseconds" : "seconds")
                        + " without a unit).");
            }
        }
    }
}
