package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/** SEC201: {@code ProxyRequests On} makes the server an open forward proxy (the last setting of each server counts). */
public final class Sec201ProxyRequestsOn extends BaseRule {
    public Sec201ProxyRequestsOn() {
        super(Dialect.APACHE, "SEC201");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            Directive pr = s.last("ProxyRequests");
            if (pr != null && "on".equalsIgnoreCase(pr.arg(0))) {
                ctx.report("SEC201", pr.span(), "ProxyRequests On turns this server into a forward proxy. Anyone who "
                        + "can reach it can relay requests to any host. A reverse proxy needs only ProxyPass.",
                        List.of(), new Fix("Turn ProxyRequests off", List.of(TextEdit.replace(pr.args().get(0).span(), "Off"))));
            }
        }
    }
}
