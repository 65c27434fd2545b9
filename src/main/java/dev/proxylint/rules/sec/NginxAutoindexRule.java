package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/** SEC107: {@code autoindex on} lists directory contents to anyone who asks for a directory URI. */
public final class NginxAutoindexRule extends BaseRule {
    public NginxAutoindexRule() {
        super(Dialect.NGINX, "SEC107");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.with(ctx.facts().nginx(), "autoindex", s -> {
            for (Directive d : s.own("autoindex")) {
                if ("on".equals(d.arg(0))) {
                    ctx.report("SEC107", d.span(), "autoindex on lists every file of a directory to anyone who asks "
                            + "for the directory. Backups, dumps and files meant to be reachable only by a secret name "
                            + "show up in the listing. Turn it off unless the listing is the point (a public "
                            + "download area), and then keep such a location to its own directory.", List.of(), null);
                }
            }
        });
    }
}
