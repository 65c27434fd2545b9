package dev.proxylint.rules.sec;

import dev.proxylint.facts.VersionFacts;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC119: a client-side {@code keepalive_requests} (http, server or location; the upstream one is
 * about backend connections) below 100, which makes browsers reconnect, with a new TCP and TLS
 * handshake, for every hundred requests at most; or below nginx's default of 1000 in a server
 * that speaks HTTP/2 when the target nginx is 1.19.7 or later, where it also ends HTTP/2
 * connections. An unknown version is taken as older (only the first part applies). The fix writes
 * 1000, nginx's own default since 1.19.10.
 */
public final class NginxKeepaliveRequestsLowRule extends BaseRule {
    static final String ID = "SEC119";
    static final int LOW = 100;
    static final int DEFAULT = 1000;

    public NginxKeepaliveRequestsLowRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        String version = ctx.facts().settings().nginxVersion();
        boolean h2Counts = VersionFacts.atLeast(version, VersionFacts.NGINX_KEEPALIVE_REQUESTS_HTTP2);
        NginxScopes.with(m, "keepalive_requests", s -> {
            if (s.kind() == Scope.Kind.UPSTREAM) {
                return;
            }
            for (Directive d : s.own("keepalive_requests")) {
                long n = number(d);
                if (n >= 0 && n < LOW && ctx.once(ID, d)) {
                    report(ctx, d, n == 0 ? "turns keep-alive off. Every request needs a new connection, with a new "
                            + "TCP and TLS handshake" : "closes each client connection after " + n + " requests. A "
                            + "page with more resources than that makes the browser open a new connection, with a "
                            + "new TCP and TLS handshake, for each further " + n);
                }
            }
        });
        if (!h2Counts) {
            return;
        }
        for (Scope server : m.servers()) {
            if (!http2(server)) {
                continue;
            }
            Directive d = server.effective("keepalive_requests");
            long n = d == null ? -1 : number(d);
            if (n >= LOW && n < DEFAULT && ctx.once(ID, d)) {
                report(ctx, d, "ends HTTP/2 connections too after " + n + " requests. nginx " + version
                        + " closes an HTTP/2 connection with GOAWAY after keepalive_requests requests, and browsers that send many requests at once see refused "
                        + "streams (Chrome: ERR_HTTP2_SERVER_REFUSED_STREAM) and reconnect");
            }
        }
    }

    private static void report(RuleContext ctx, Directive d, String what) {
        ctx.report(ID, d.span(), "keepalive_requests " + d.arg(0) + " " + what
                + ". nginx's own default is " + DEFAULT + " (since " + VersionFacts.NGINX_KEEPALIVE_REQUESTS_1000
                + "; 100 before); the limit exists to free per-connection memory now and then, not to protect "
                + "against anything, and more handshakes cost the server more CPU than the kept connection does.",
                List.of(), new Fix("Use nginx's default, keepalive_requests " + DEFAULT,
                        List.of(TextEdit.replace(d.args().get(0).span(), Integer.toString(DEFAULT)))));
    }

    /** The directive's whole-number value, or -1. */
    static long number(Directive d) {
        String v = d.arg(0);
        if (v == null || !v.matches("\\d{1,9}")) {
            return -1;
        }
        return Long.parseLong(v);
    }

    /** Whether the server speaks HTTP/2: {@code listen ... http2} or {@code http2 on} in effect. */
    private static boolean http2(Scope server) {
        for (Directive l : server.own("listen")) {
            if (l.values().contains("http2")) {
                return true;
            }
        }
        Directive h = server.effective("http2");
        return h != null && "on".equals(h.arg(0));
    }
}
