package dev.proxylint.rules.tls;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;

/** TLS106 insecure-renegotiation: Apache {@code SSLInsecureRenegotiation on}, once per directive. */
public final class Tls106InsecureRenegotiation extends BaseRule {
    static final String ID = "TLS106";

    public Tls106InsecureRenegotiation() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            for (Directive d : s.directives()) {
                if (d.is("SSLInsecureRenegotiation") && "on".equalsIgnoreCase(d.arg(0)) && ctx.once(ID, d)) {
                    ctx.report(ID, d.span(), "SSLInsecureRenegotiation on lets clients renegotiate insecurely "
                            + "(CVE-2009-3555). Clients without the RFC 5746 renegotiation extension may renegotiate, so a "
                            + "man in the middle can splice their own request in front of the victim's. Set "
                            + "SSLInsecureRenegotiation off (the default).", List.of(), new Fix("Set SSLInsecureRenegotiation off",
                                    List.of(TlsEdits.replace(d, "SSLInsecureRenegotiation off"))));
                }
            }
        }
    }
}
