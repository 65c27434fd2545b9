package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC208, the Apache twin of SEC131: a section with {@code Allow from} lines under
 * {@code Order deny,allow} (written or the default) and no {@code Deny} at all. In that order a
 * client that no Deny names passes whatever the Allow lines say, so they restrict nothing. Sections with {@code Satisfy Any} are left to SEC207.
 */
public final class ApacheAllowWithoutDenyRule extends BaseRule {
    static final String ID = "SEC208";

    public ApacheAllowWithoutDenyRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheCompatAccess a : ApacheCompatAccess.all(ctx)) {
            if (a.allows().isEmpty() || !a.denies().isEmpty() || a.allowAll() || !a.order().equals("deny,allow")
                    || a.satisfyAny()) {
                continue;
            }
            Directive first = a.allows().get(0);
            if (first.argCount() < 2 || !ctx.once(ID, first)) {
                // "Allow" without "from HOST": httpd refuses the line itself (Allow must be followed by 'from')
                continue;
            }
            String req = a.require() == null ? "" : " The " + a.require().name() + " in the section still applies "
                    + "to everyone; the address check the Allow suggests does not happen.";
            List<String> hosts = first.values().subList(1, first.argCount());
            String from = String.join(" ", hosts);
            String where = Brief.cut(a.where(), 34);
            ctx.report(ID, first.span(), "Allow from " + (hosts.size() == 1 ? Brief.cut(from, 24) : hosts.size()
                    + " hosts") + " in " + where + " has no Deny, so it restricts nothing."
                    + (hosts.size() == 1 && from.length() <= 24 ? "" : " It allows from " + from + ".")
                    + SecText.whole("The section", where, a.where()) + " Under Order deny,allow (the default) "
                    + "a client that no Deny names is let in, and this section's own Order/Allow/Deny replace any "
                    + "outer ones." + req + " Add Deny from all, or better, use Require ip (mod_authz_host).",
                    List.of(), new Fix("Add Deny from all", List.of(ApacheEdits.lineAbove(first, "Deny from all"))));
        }
    }
}
