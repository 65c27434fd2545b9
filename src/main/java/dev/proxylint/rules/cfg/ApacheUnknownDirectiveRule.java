package dev.proxylint.rules.cfg;

import dev.proxylint.apache.model.DirectiveChecks;
import dev.proxylint.apache.model.DirectiveChecks.Use;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * CFG130: a directive httpd does not know where it reads it ("Invalid command"): no module defines
 * the name, its module is not loaded, or the target version predates it. CFG134: a third-party
 * module's directive whose loading proxylint cannot see (a warning: httpd may well know it).
 */
public final class ApacheUnknownDirectiveRule extends BaseRule {
    public ApacheUnknownDirectiveRule() {
        super(Dialect.APACHE, "CFG130", "CFG134");
    }

    @Override
    public void check(RuleContext ctx) {
        DirectiveChecks c = ApacheDirectiveRules.checks(ctx);
        for (Use u : c.uses()) {
            Directive d = u.directive();
            String name = d.hasBlock() ? "<" + d.name() : d.name();
            switch (u.known()) {
                case NO_SUCH_NAME -> ctx.report("CFG130", d.nameSpan(), "Invalid command '" + name
                        + "': no Apache module defines this directive. httpd refuses the configuration (perhaps "
                        + "misspelled or defined by a module not included in the server configuration); check "
                        + "the spelling.");
                case NOT_LOADED -> ctx.report("CFG130", d.nameSpan(), "Invalid command '" + name + "': its module "
                        + u.module() + " is not loaded. This configuration loads its modules with LoadModule, "
                        + "and httpd refuses a directive of a module it does not load; add a LoadModule line for "
                        + u.module() + " or put the directive in <IfModule " + u.module() + ">.");
                case EXCLUDED -> ctx.report("CFG130", d.nameSpan(), "Invalid command '" + name + "': this section "
                        + "is read only when " + u.module() + " is not loaded. The enclosing <IfModule !...> "
                        + "section makes sure the module that defines the directive is absent, so httpd refuses "
                        + "the configuration whenever it reads this line.");
                case TOO_NEW -> ctx.report("CFG130", d.nameSpan(), "Invalid command '" + name + "' for Apache "
                        + ctx.settings().apacheVersion() + ": the directive appeared in 2.4." + u.entry().since()
                        + ". httpd of the target version refuses the configuration; upgrade Apache or drop the "
                        + "directive.");
                case THIRD_PARTY_UNSEEN -> ctx.report("CFG134", d.nameSpan(), "'" + name + "' belongs to "
                        + u.module() + ", which this file does not show loaded. " + u.module() + " is a third-party "
                        + "module: httpd "
                        + "refuses it (Invalid command) unless the module is installed and loaded elsewhere; "
                        + "wrap it in <IfModule> or make sure the module is loaded.");
                case FOREIGN_MODULE -> ctx.report("CFG134", d.nameSpan(), "'" + name + "' is in no module "
                        + "proxylint knows, but this configuration loads " + u.module() + ", which may define it. "
                        + "If it does not, httpd refuses the configuration (Invalid command).",
                        List.<Related>of(), null);
                default -> {
                }
            }
        }
    }
}
