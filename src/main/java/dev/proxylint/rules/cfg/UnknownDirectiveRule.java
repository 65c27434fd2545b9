package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CFG120 unknown-directive: a directive no nginx module has (nginx: {@code unknown directive "x"}),
 * or one the target release ({@code --nginx-version}) does not have yet or any more. Names listed
 * in the rule option {@code CFG120: {directives: [...]}} (modules proxylint does not know) are accepted.
 */
public final class UnknownDirectiveRule implements Rule {
    static final String ID = "CFG120";

    @Override
    public Set<String> ids() {
        return Set.of(ID);
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.NGINX);
    }

    @Override
    public void check(RuleContext ctx) {
        DirectivePlacement p = DirectivePlacement.of(ctx);
        Set<String> extra = new HashSet<>();
        if (ctx.settings().option(ID, "directives", List.of()) instanceof List<?> l) {
            for (Object o : l) {
                extra.add(String.valueOf(o));
            }
        }
        for (DirectivePlacement.Entry e : p.entries()) {
            Directive d = e.directive();
            if (!e.existing().isEmpty() || extra.contains(d.name())) {
                continue;
            }
            String name = d.name();
            if (e.all().isEmpty()) {
                ctx.report(ID, d.nameSpan(), "Unknown directive \"" + name + "\": nginx refuses to start. No nginx module"
                        + " proxylint knows (nginx " + "and common third-party modules) has it; check the spelling, or"
                        + " list it in the CFG120 option 'directives' if a module of yours provides it.");
            } else {
                ctx.report(ID, d.nameSpan(), "Unknown directive \"" + name + "\" in nginx " + p.version() + ": "
                        + lifetime(e.all()) + ". That release refuses to start (unknown directive \"" + name + "\").");
            }
        }
    }

    /** "it was added in 1.25.1" / "it was removed in 1.25.1" for the rows of one name. */
    static String lifetime(List<Row> rows) {
        String since = null;
        String until = null;
        for (Row r : rows) {
            if (r.thirdParty()) {
                continue;
            }
            if (since == null || dev.proxylint.tls.Versions.compare(r.since(), since) < 0) {
                since = r.since();
            }
            if (until != null && r.until().isEmpty()) {
                until = "";
            } else if (until == null || (!until.isEmpty() && dev.proxylint.tls.Versions.compare(r.until(), until) > 0)) {
                until = r.until();
            }
        }
        if (until != null && !until.isEmpty()) {
            return "nginx had it from " + since + " until " + until + " (removed in " + until + ")";
        }
        return "it was added in nginx " + since;
    }
}
