package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;

/** SEC204, the Apache twin of SEC108: ServerTokens other than Prod, ServerSignature On or EMail. */
public final class ApacheServerTokensRule extends BaseRule {
    public ApacheServerTokensRule() {
        super(Dialect.APACHE, "SEC204");
    }

    @Override
    public void check(RuleContext ctx) {
        for (Directive d : ApacheDirectives.named(ctx, "ServerTokens")) {
            String v = d.arg(0) == null ? "" : d.arg(0).toLowerCase(Locale.ROOT);
            if (!v.isEmpty() && !v.equals("prod") && !v.equals("productonly")) {
                ctx.report("SEC204", d.span(), "ServerTokens " + d.arg(0) + " sends Apache's version (and more) in "
                        + "every Server header. It tells a scanner which known vulnerabilities to try first. Use "
                        + "ServerTokens Prod.", List.of(),
                        new Fix("Use ServerTokens Prod", List.of(TextEdit.replace(d.args().get(0).span(), "Prod"))));
            }
        }
        for (Directive d : ApacheDirectives.named(ctx, "ServerSignature")) {
            String v = d.arg(0) == null ? "" : d.arg(0).toLowerCase(Locale.ROOT);
            if (v.equals("on") || v.equals("email")) {
                ctx.report("SEC204", d.span(), "ServerSignature " + d.arg(0) + " prints the server version under "
                        + "every error page and directory listing. It tells a scanner which known vulnerabilities "
                        + "to try first. Use ServerSignature Off.", List.of(),
                        new Fix("Use ServerSignature Off", List.of(TextEdit.replace(d.args().get(0).span(), "Off"))));
            }
        }
    }
}
