package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC203, the Apache twin of SEC107: {@code Options} that enable {@code Indexes} ({@code Indexes},
 * {@code +Indexes}, {@code All}) while mod_autoindex is loaded (or the config does not say which
 * modules it loads).
 */
public final class ApacheIndexesRule extends BaseRule {
    public ApacheIndexesRule() {
        super(Dialect.APACHE, "SEC203");
    }

    @Override
    public void check(RuleContext ctx) {
        var model = ctx.facts().apache();
        if (model.modulesKnown() && !model.isLoaded("autoindex_module")) {
            return;
        }
        for (Directive d : ApacheDirectives.named(ctx, "Options")) {
            for (String v : d.values()) {
                if (v.equalsIgnoreCase("Indexes") || v.equalsIgnoreCase("+Indexes") || v.equalsIgnoreCase("All")) {
                    ctx.report("SEC203", d.span(), "Options " + v + " lists every file of a directory that has no "
                            + "index page. Backups, dumps and files meant to be reachable only by a secret name show "
                            + "up in the listing mod_autoindex generates. Use Options -Indexes unless the listing is "
                            + "the point.", List.of(), null);
                    break;
                }
            }
        }
    }
}
