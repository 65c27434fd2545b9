package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/** SEC110: {@code root /} or {@code alias /}: every file the worker can read is served. */
public final class NginxRootFilesystemRule extends BaseRule {
    public NginxRootFilesystemRule() {
        super(Dialect.NGINX, "SEC110");
    }

    @Override
    public void check(RuleContext ctx) {
        for (String name : List.of("root", "alias")) {
            NginxScopes.with(ctx.facts().nginx(), name, s -> {
                for (Directive d : s.own(name)) {
                    String v = d.arg(0);
                    if (v != null && v.matches("/+")) {
                        ctx.report("SEC110", d.span(), name + " / serves the whole file system: /etc/passwd is one "
                                + "request away. Every file the nginx worker may read (configuration, keys without "
                                + "tight modes, other sites' code) is then public. Point " + name + " at the "
                                + "directory that holds the site's files.", List.of(), null);
                    }
                }
            });
        }
    }
}
