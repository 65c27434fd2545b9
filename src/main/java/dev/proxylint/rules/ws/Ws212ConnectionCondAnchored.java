package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/** WS212: {@code RewriteCond %{HTTP:Connection} ^Upgrade$}, which misses "keep-alive, Upgrade". */
public final class Ws212ConnectionCondAnchored extends BaseRule {
    public Ws212ConnectionCondAnchored() {
        super(Dialect.APACHE, "WS212");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            for (RewriteRuleEntry r : s.rewrites()) {
                for (Directive c : r.conditions()) {
                    if (!ApacheUpgrade.connectionCondition(c) || !ApacheUpgrade.anchoredUpgrade(c.arg(1))) {
                        continue;
                    }
                    String pat = c.arg(1);
                    Arg a = c.args().get(1);
                    List<TextEdit> edits = new ArrayList<>();
                    edits.add(TextEdit.replace(a.span(), "upgrade"));
                    if (!ApacheUpgrade.conditionFlags(c).contains("NC")) {
                        edits.add(ApacheEdits.addFlag(c, "NC"));
                    }
                    ctx.report("WS212", a.span(), WebSocketWords.headline("RewriteCond %{HTTP:Connection} {} "
                            + "matches only a header that is exactly Upgrade.", pat) + " Browsers may send "
                            + "\"keep-alive, Upgrade\": those upgrades are not proxied. Match the token instead.", List.of(),
                            Fix.ofEdits("Match the upgrade token anywhere", edits));
                }
            }
        }
    }
}
