package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.List;
import java.util.Locale;

/**
 * SEC128: a variable written with capitals ({@code $Backend}, {@code $HTTP_X_TOKEN}). nginx folds
 * variable names to lower case, so {@code set $Backend} and {@code $backend} are one variable; the
 * spelling hides that a definition elsewhere changes this value. Regexes (location, server_name,
 * rewrite patterns, if operands after a match operator) and Lua, Perl and njs code are not nginx
 * values and are skipped. One finding per argument; the fix writes the names in lower case.
 */
public final class NginxVariableCaseRule extends BaseRule {
    public static final String ID = "SEC128";

    public NginxVariableCaseRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        java.util.function.Predicate<Directive> plain = dev.proxylint.rules.cfg.NginxVariableRules.plainText(ctx);
        Tree.preorder(Tree.effective(ctx.config().items()), d -> {
            List<Directive> children = d.hasBlock() && !d.is("geo") && !d.is("split_clients")
                    && !d.name().endsWith("_by_lua_block") ? Tree.effective(d.children()) : null;
            if (plain.test(d)) {
                return children; // plain text: a $ there names no variable
            }
            if (d.is("location") || d.is("server_name") || d.name().contains("lua") || d.name().startsWith("perl")
                    || d.name().startsWith("js_")) {
                return children;
            }
            List<Arg> args = d.args();
            for (int i = 0; i < args.size(); i++) {
                if (d.is("rewrite") && i == 0) {
                    continue; // the pattern: $ is an anchor there
                }
                if (d.is("if") && i > 0 && args.get(i - 1).value().matches("!?~\\*?")) {
                    continue;
                }
                check(ctx, d, args.get(i));
            }
            return children;
        });
    }

    private static void check(RuleContext ctx, Directive d, Arg a) {
        List<NginxVars.Ref> refs = NginxVars.refs(a.value());
        String first = null;
        for (NginxVars.Ref r : refs) {
            String written = a.value().substring(r.start(), r.end());
            if (!written.equals(written.toLowerCase(Locale.ROOT)) && !Character.isDigit(r.name().charAt(0))) {
                first = written;
                break;
            }
        }
        if (first == null || !ctx.once(ID, a)) {
            return;
        }
        String raw = a.raw();
        Fix fix = null;
        if (!raw.contains("\\")) {
            StringBuilder sb = new StringBuilder(raw);
            for (NginxVars.Ref r : NginxVars.refs(raw)) {
                sb.replace(r.start(), r.end(), raw.substring(r.start(), r.end()).toLowerCase(Locale.ROOT));
            }
            fix = new Fix("Write the variable names in lower case", List.of(TextEdit.replace(a.span(), sb.toString())));
        }
        String low = first.toLowerCase(Locale.ROOT);
        ctx.report(ID, a.span(), d.name() + " writes " + first + ", which nginx reads as " + low + ". nginx ignores "
                + "the case of variable names, so any set, map or capture of " + low + " elsewhere in the config "
                + "changes this value too, and a search for the name misses it. Write it as nginx reads it: " + low
                + ".", List.of(), fix);
    }
}
