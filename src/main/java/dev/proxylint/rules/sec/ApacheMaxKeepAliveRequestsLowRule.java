package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC213, the Apache twin of SEC119: {@code MaxKeepAliveRequests} between 1 and 99 (0 means
 * unlimited) in a server where KeepAlive is on (its own setting, else the main server's; on by
 * default). The fix writes 100, httpd's default and the CIS benchmark's minimum.
 */
public final class ApacheMaxKeepAliveRequestsLowRule extends BaseRule {
    static final String ID = "SEC213";
    static final int DEFAULT = 100;

    public ApacheMaxKeepAliveRequestsLowRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            Directive ka = s.effective("KeepAlive");
            if (ka != null && "off".equalsIgnoreCase(ka.arg(0))) {
                continue;
            }
            Directive d = s.last("MaxKeepAliveRequests");
            long n = d == null ? -1 : NginxKeepaliveRequestsLowRule.number(d);
            if (n < 1 || n >= DEFAULT || !ctx.once(ID, d)) {
                continue;
            }
            // httpd counts the requests that follow the first on a connection (ap_set_keepalive): with
            // MaxKeepAliveRequests 2, Apache 2.4.71 answered 3 requests on one connection, then closed it
            ctx.report(ID, d.span(), "MaxKeepAliveRequests " + d.arg(0) + " closes each client connection after " + (n + 1)
                    + " requests (the first and " + n + " more). A page "
                    + "with more resources than that makes the browser open a new connection, with a new TCP and "
                    + "TLS handshake, each costing the server more than the kept connection does. httpd's default "
                    + "is " + DEFAULT + " and its documentation recommends a high value (0 is unlimited); to limit "
                    + "idle connections, shorten KeepAliveTimeout instead.", List.of(),
                    new Fix("Use httpd's default, MaxKeepAliveRequests " + DEFAULT,
                            List.of(TextEdit.replace(d.args().get(0).span(), Integer.toString(DEFAULT)))));
        }
    }
}
