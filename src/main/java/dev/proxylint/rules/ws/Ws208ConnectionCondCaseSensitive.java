package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;

/**
 * WS208: a case-sensitive {@code RewriteCond %{HTTP:Connection}} that misses the "Upgrade" browsers
 * send (a pattern anchored to exactly upgrade is WS212's).
 */
public final class Ws208ConnectionCondCaseSensitive extends BaseRule {
    public Ws208ConnectionCondCaseSensitive() {
        super(Dialect.APACHE, "WS208");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            for (RewriteRuleEntry r : s.rewrites()) {
                for (Directive c : r.conditions()) {
                    if (!ApacheUpgrade.connectionCondition(c) || ApacheUpgrade.anchoredUpgrade(c.arg(1))) {
                        continue;
                    }
                    String pat = c.arg(1);
                    // "Upgrade" as browsers write it matches them; a lower-case (or other) spelling does not
                    if (pat.toLowerCase(Locale.ROOT).contains("upgrade") && !pat.contains("Upgrade")
                            && !ApacheUpgrade.conditionFlags(c).contains("NC") && !pat.startsWith("(?i)")) {
                        ctx.report("WS208", c.span(), WebSocketWords.headline("RewriteCond %{HTTP:Connection} {} "
                                + "is case-sensitive and misses \"Upgrade\".", pat) + " Clients send \"Upgrade\" "
                                + "(capitalised): add [NC] or the condition fails and the "
                                + "upgrade is not proxied.", List.of(),
                                Fix.of("Match case-insensitively", ApacheEdits.addFlag(c, "NC")));
                    }
                }
            }
        }
    }
}
