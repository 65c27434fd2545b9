package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC216, the Apache twin of SEC120: {@code ErrorLog off}. httpd takes anything that is not
 * {@code syslog[:...]} or a {@code |pipe} as a file name relative to ServerRoot, so the log goes to
 * a file named {@code off}.
 */
public final class ApacheErrorLogOffRule extends BaseRule {
    public ApacheErrorLogOffRule() {
        super(Dialect.APACHE, "SEC216");
    }

    @Override
    public void check(RuleContext ctx) {
        for (Directive d : ApacheDirectives.named(ctx, "ErrorLog")) {
            if (d.argCount() == 0 || !"off".equalsIgnoreCase(d.arg(0)) || !ctx.once("SEC216", d)) {
                continue;
            }
            String off = d.arg(0);
            ctx.report("SEC216", d.span(), "ErrorLog " + off + " writes the error log to a file named " + off
                    + "; it does not turn logging off. Apache takes the argument as a file name relative to "
                    + "ServerRoot (e.g. /etc/apache2/" + off + "), a file no log rotation knows about, which grows "
                    + "until the disk is full. To discard the log, write ErrorLog /dev/null; a real log with "
                    + "LogLevel crit or error is usually the better choice.", List.of(),
                    new Fix("Send the error log to /dev/null",
                            List.of(TextEdit.replace(d.args().get(0).span(), "/dev/null"))));
        }
    }
}
