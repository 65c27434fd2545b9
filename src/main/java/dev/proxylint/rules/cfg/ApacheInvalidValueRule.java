package dev.proxylint.rules.cfg;

import dev.proxylint.apache.model.ApacheExpr;
import dev.proxylint.apache.model.DirectiveChecks.ValueError;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;

/**
 * CFG136: a value that the directive's own handler in httpd refuses while it reads the
 * configuration (Options, AllowOverride, SSLProtocol, RewriteRule/RewriteCond flags, Header,
 * LogLevel, ProxyPass, Require all, Redirect, the expressions of {@code <If>}, Require expr and others), with
 * httpd's message; see
 * {@link dev.proxylint.apache.model.ApacheValueChecks}; and the values of SSLOpenSSLConfCmd that OpenSSL
 * refuses when httpd starts ({@link ApacheOpensslValues}).
 */
public final class ApacheInvalidValueRule extends BaseRule {
    static final String ID = "CFG136";

    public ApacheInvalidValueRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        boolean ht = ApacheDirectiveRules.checks(ctx).htaccess();
        for (ValueError v : ApacheDirectiveRules.checks(ctx).valueErrors()) {
            String m = v.message();
            if (m.endsWith(ApacheExpr.JAMMED)) {
                // flex's own fatal error: the expression scanner exits the process at once, so
                // httpd prints these three words alone, without a line or the directive's message
                ctx.report(ID, v.directive().headSpan(), "httpd's expression scanner jams on this "
                        + (v.directive().hasBlock() ? "<" + v.directive().name() + ">" : v.directive().name()) + " (\"" + ApacheExpr.JAMMED + "\"): "
                        + (ht ? "the process serving a request under this directory exits."
                                : "httpd exits at once, printing only those words, without a line number."));
                continue;
            }
            ctx.report(ID, v.directive().headSpan(), m + (m.endsWith(".") || m.endsWith(" ") ? "" : ".")
                    + (ht ? " httpd answers requests under this directory with 500 Internal Server Error."
                            : " httpd refuses to start (apache2 -t: Syntax error)."));
        }
        if (!ht) {
            ApacheOpensslValues.check(ctx, ID);
        }
    }
}
