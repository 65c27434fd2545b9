package dev.proxylint.rules.tls;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;

/** TLS105 ssl-compression-on: Apache {@code SSLCompression on}, once per directive. */
public final class Tls105SslCompressionOn extends BaseRule {
    static final String ID = "TLS105";

    public Tls105SslCompressionOn() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            for (Directive d : s.directives()) {
                if (d.is("SSLCompression") && "on".equalsIgnoreCase(d.arg(0)) && ctx.once(ID, d)) {
                    ctx.report(ID, d.span(), "SSLCompression on compresses data inside TLS, open to the CRIME "
                            + "attack. An attacker who can inject text learns secrets such as cookies from the ciphertext "
                            + "length. Set SSLCompression off (the default).", List.of(),
                            new Fix("Set SSLCompression off", List.of(TlsEdits.replace(d, "SSLCompression off"))));
                }
            }
        }
    }
}
