package dev.proxylint.rules.tmo;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** TMO103: a connect timeout above the 75 s nginx documents it usually cannot honour. */
public final class Tmo103ConnectTimeoutAbove75s extends BaseRule {
    /** The longest connect timeout nginx can honour ("usually cannot exceed 75 seconds"). */
    static final long CONNECT_MAX_MILLIS = 75_000;

    public Tmo103ConnectTimeoutAbove75s() {
        super(Dialect.NGINX, "TMO103");
    }

    @Override
    public void check(RuleContext ctx) {
        for (NginxTimes.TimeArg t : NginxTimes.args(ctx)) {
            Directive d = t.d();
            String n = d.name().toLowerCase(Locale.ROOT);
            if (t.value().isEmpty() || !(n.equals("proxy_connect_timeout") || n.equals("grpc_connect_timeout"))
                    || t.value().getAsLong() <= CONNECT_MAX_MILLIS) {
                continue;
            }
            Arg a = t.a();
            ctx.report("TMO103", a.span(), d.name() + " " + a.value() + " asks for more than the 75 s nginx can "
                    + "usually honour. nginx documents it usually cannot honour more (the system's own TCP connect limit "
                    + "ends the attempt first), so the value promises a wait that does not happen. Use 75s or less.", List.of(),
                    new Fix("Set " + d.name() + " to 75s", List.of(TextEdit.replace(a.span(), "75s"))));
        }
    }
}
