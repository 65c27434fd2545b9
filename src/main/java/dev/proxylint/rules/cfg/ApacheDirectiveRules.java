package dev.proxylint.rules.cfg;

import dev.proxylint.apache.model.DirectiveChecks;
import dev.proxylint.rules.RuleContext;

/** The one walk the Apache directive-table rules (CFG130–CFG134) share, computed once per config. */
final class ApacheDirectiveRules {
    private ApacheDirectiveRules() {
    }

    static DirectiveChecks checks(RuleContext ctx) {
        String v = ctx.settings() != null ? ctx.settings().apacheVersion() : null;
        return ctx.facts().shared(DirectiveChecks.class, () -> DirectiveChecks.build(ctx.config(), v));
    }

    /** The directive's name as a reader spells sections: {@code <VirtualHost>}. */
    static String shown(dev.proxylint.syntax.Directive d) {
        return d.hasBlock() ? "<" + d.name() + ">" : d.name();
    }
}
