package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/** SEC108: {@code server_tokens on} (or {@code build}) written out: the exact nginx version in every response. */
public final class NginxServerTokensRule extends BaseRule {
    public NginxServerTokensRule() {
        super(Dialect.NGINX, "SEC108");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.with(ctx.facts().nginx(), "server_tokens", s -> {
            for (Directive d : s.own("server_tokens")) {
                String v = d.arg(0);
                if ("on".equals(v) || "build".equals(v)) {
                    ctx.report("SEC108", d.span(), "server_tokens " + v + " sends the nginx version in every Server "
                            + "header and error page. It tells a scanner which known vulnerabilities to try first "
                            + "and costs nothing to hide. Use server_tokens off.", List.of(),
                            new Fix("Use server_tokens off", List.of(TextEdit.replace(d.args().get(0).span(), "off"))));
                }
            }
        });
    }
}
