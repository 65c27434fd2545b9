package dev.proxylint.rules.sec;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC109: a {@code stub_status} location that anyone who reaches the server can read. Access is
 * restricted when the access rules in effect there (the nearest level with {@code allow} or
 * {@code deny}, which replaces outer ones) deny someone before allowing all, when
 * {@code auth_basic}/{@code auth_request} is in effect, when the location is {@code internal}, or
 * when the server listens on loopback addresses or unix sockets only.
 */
public final class NginxStatusAccessRule extends BaseRule {
    public NginxStatusAccessRule() {
        super(Dialect.NGINX, "SEC109");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.with(ctx.facts().nginx(), "stub_status", s -> {
            Directive st = s.ownLast("stub_status");
            if (st == null || s.kind() != Scope.Kind.LOCATION || "off".equals(st.arg(0)) || s.has("internal")) {
                return;
            }
            if (NginxAccess.restricted(s) || NginxAccess.authentication(s) != null) {
                return;
            }
            Scope server = s.enclosing(Scope.Kind.SERVER);
            if (server != null && loopbackOnly(server)) {
                return;
            }
            ctx.report("SEC109", st.span(), "stub_status in location " + Brief.cut(s.locationPattern(), 30)
                    + " is readable by anyone who reaches the server."
                    + SecText.whole("The location", Brief.cut(s.locationPattern(), 30), s.locationPattern()) + " No allow/deny rule denies anybody here, and no auth_basic or "
                    + "auth_request is in effect, so connection counts and request rates are public. Add "
                    + "allow 127.0.0.1; deny all; (or your monitoring network) to the location.", List.of(), null);
        });
    }

    private static boolean loopbackOnly(Scope server) {
        for (NginxListens.Listen l : NginxListens.of(server)) {
            String a = l.address();
            if (!(a.startsWith("127.") || a.startsWith("[::1]") || a.startsWith("unix:") || a.startsWith("localhost:"))) {
                return false;
            }
        }
        return true;
    }
}
