package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * SEC131: a level whose own access list has {@code allow} rules but no {@code deny} (and no
 * {@code allow all}). A client no rule matches is let in, so the list lets everyone in; and because
 * a level with any allow/deny of its own replaces the outer list whole, an outer {@code deny all}
 * no longer applies either. Not reported where {@code satisfy any} and an auth module are in
 * effect: there a matching allow lets a client skip the authentication, which is a real effect.
 */
public final class NginxAllowWithoutDenyRule extends BaseRule {
    static final String ID = "SEC131";

    public NginxAllowWithoutDenyRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.with(ctx.facts().nginx(), "allow", s -> {
            if (!s.has("allow") || s.has("deny")) {
                return;
            }
            List<Directive> allows = s.own("allow");
            for (Directive a : allows) {
                if (a.argCount() != 1) {
                    return; // nginx refuses allow without exactly one address (CFG122): nothing to judge
                }
                if ("all".equals(a.arg(0))) {
                    return; // allow all is an explicit opening, not a restriction that fails
                }
            }
            if (NginxAccess.satisfyAny(s) && NginxAccess.authentication(s) != null) {
                return;
            }
            Directive last = allows.get(allows.size() - 1);
            if (!ctx.once(ID, last)) {
                return;
            }
            List<Related> rel = new ArrayList<>();
            String outer = "";
            if (s.parent() != null && NginxAccess.restricted(s.parent())) {
                Scope o = NginxAccess.owner(s.parent());
                for (Directive d : NginxAccess.rules(o)) {
                    if (d.is("deny")) {
                        rel.add(new Related(d.span(), "the outer deny this level's own list replaces"));
                        break;
                    }
                }
                outer = " The " + o.kind().name().toLowerCase(java.util.Locale.ROOT) + "'s deny does not apply "
                        + "here either: a level with allow or deny of its own replaces the outer list whole.";
            }
            Directive auth = NginxAccess.authentication(s);
            String authNote = auth == null ? "" : " " + auth.name() + " still asks everyone for credentials, "
                    + "but the address check the allow suggests does not happen.";
            Fix fix = new Fix("Add deny all; after the last allow", List.of(NginxEdits.insertAfter(last, List.of("deny all;"))));
            String where = NginxReturnBeforeAccessRule.where(s);
            String head = "allow " + Brief.cut(last.arg(0), 24) + " in " + Brief.cut(where, 28);
            String whole = "allow " + last.arg(0) + " in " + where;
            ctx.report(ID, last.span(), head + " has no deny after it." + SecText.whole("The rule", head, whole)
                    + (allows.size() == 1 ? "" : " It is the last of " + allows.size() + " allow rules.")
                    + " So it restricts nothing: nginx tries the rules in order and lets in any client none of them "
                    + "matches, so every address gets in." + outer + authNote + " Add deny all; after the last allow"
                    + (outer.isEmpty() ? "." : ", and repeat the outer allow rules here if they should still apply."),
                    rel, fix);
        });
    }
}
