package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC101: a prefix location without a trailing slash whose {@code alias} ends with one. nginx
 * replaces the location's prefix with the alias, so {@code /i../secret} under
 * {@code location /i { alias /data/images/; }} becomes {@code /data/images/../secret}: a
 * {@code ..} that nginx's URI normalisation never saw (it is no path segment of the URI).
 */
public final class NginxAliasTraversalRule extends BaseRule {
    public NginxAliasTraversalRule() {
        super(Dialect.NGINX, "SEC101");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        for (Scope loc : m.locations()) {
            String mod = loc.locationModifier();
            if (!mod.isEmpty() && !mod.equals("^~")) {
                continue; // exact, regex and named locations: no prefix is replaced
            }
            Arg pat = loc.locationPatternArg();
            if (pat == null) {
                continue; // a head nginx refuses (CFG rules say so); no fix may aim at one of its words
            }
            String prefix = loc.locationPattern();
            Directive alias = loc.ownLast("alias");
            if (alias == null || alias.argCount() < 1 || prefix.isEmpty() || prefix.endsWith("/")) {
                continue;
            }
            String path = alias.arg(0);
            if (!path.endsWith("/")) {
                continue;
            }
            Fix fix = null;
            if (pat.file() == loc.block().file() && !pat.raw().contains("\\")) {
                int at = pat.quoted() ? pat.end() - 1 : pat.end();
                fix = new Fix("Add the trailing slash: location " + (mod.isEmpty() ? "" : mod + " ") + prefix + "/",
                        List.of(TextEdit.insert(pat.file(), at, "/")));
            }
            String parent = path.substring(0, path.length() - 1);
            int slash = parent.lastIndexOf('/');
            String above = slash <= 0 ? "/" : parent.substring(0, slash + 1);
            ctx.report("SEC101", loc.block().headSpan(), "location " + prefix + " lacks a trailing slash, so " + prefix
                    + "../ reads files outside its alias. nginx swaps the prefix " + prefix + " for the alias " + path
                    + ": a request for " + prefix + "../x is served from " + path + "../x, that is " + above + "x, and "
                    + "nginx's URI normalisation never sees that '..' because it is not a path segment of the URI. "
                    + "Write location " + prefix + "/ (requests for " + prefix + " itself then need a location or "
                    + "redirect of their own).",
                    List.of(new Related(alias.span(), "the alias that ends with a slash")), fix);
        }
    }
}
