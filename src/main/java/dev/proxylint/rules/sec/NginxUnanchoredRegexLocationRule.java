package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SEC114: a regex location that tests a file extension ({@code ~ \.php}) without anchoring it at
 * the end, in front of a backend (fastcgi_pass, proxy_pass, uwsgi_pass, scgi_pass, grpc_pass).
 * nginx searches the regex anywhere in the URI, so {@code /a.phpx}, {@code /up/x.php.jpg} and
 * {@code /x.php/anything} reach the backend too. Computed on the location's compiled regex: an
 * extension it accepts ({@code /x.EXT} matches, {@code /x.zzz} does not) still matches with text
 * after it.
 */
public final class NginxUnanchoredRegexLocationRule extends BaseRule {
    static final List<String> HANDLERS = List.of("fastcgi_pass", "proxy_pass", "uwsgi_pass", "scgi_pass", "grpc_pass");

    public NginxUnanchoredRegexLocationRule() {
        super(Dialect.NGINX, "SEC114");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        for (Scope loc : m.locations()) {
            Work.tick();
            if (!loc.isRegexLocation() || loc.locationPatternArg() == null) {
                continue; // a head nginx refuses (CFG rules say so): its words are no pattern to fix
            }
            Directive handler = handler(loc);
            Pattern p = handler == null ? null : loc.regex();
            ExtensionTest.Unanchored u = p == null ? null
                    : ExtensionTest.find(p, ExtensionTest.literalPrefix(loc.locationPattern()), loc.locationPattern());
            if (u != null && !scriptCutAtExtension(loc, handler, u)) {
                report(ctx, loc, handler, u.ext(), u.longer());
            }
        }
    }

    /**
     * Whether fastcgi_split_path_info cuts the script name at the extension for the longer path:
     * {@code fastcgi_split_path_info ^(.+\.php)(.*)$;} makes /up/x.php.jpg run /up/x.php with PATH_INFO
     * .jpg (nginx 1.22.1 set $fastcgi_script_name so), so the unanchored location passes no other
     * file to PHP as a script.
     */
    private static boolean scriptCutAtExtension(Scope loc, Directive handler, ExtensionTest.Unanchored u) {
        Directive split = loc.ownLast("fastcgi_split_path_info");
        if (!handler.is("fastcgi_pass") || split == null || split.argCount() != 1) {
            return false;
        }
        try {
            java.util.regex.Matcher m = Pattern.compile(split.arg(0)).matcher(u.longer());
            return m.find() && m.groupCount() >= 1 && m.group(1) != null
                    && m.group(1).toLowerCase(java.util.Locale.ROOT).endsWith("." + u.ext().toLowerCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            return false; // a pattern Java cannot read: the script name is not known to be cut
        }
    }

    /** The backend directive of a location (its own, or in an if block of it), or null. */
    static Directive handler(Scope loc) {
        List<Scope> todo = new ArrayList<>();
        todo.add(loc);
        while (!todo.isEmpty()) {
            Scope s = todo.remove(todo.size() - 1);
            Work.tick();
            for (String h : HANDLERS) {
                Directive d = s.ownLast(h);
                if (d != null) {
                    return d;
                }
            }
            for (Scope c : s.children()) {
                if (c.kind() == Scope.Kind.IF || c.kind() == Scope.Kind.LIMIT_EXCEPT) {
                    todo.add(c);
                }
            }
        }
        return null;
    }

    private static void report(RuleContext ctx, Scope loc, Directive handler, String ext, String longer) {
        Directive block = loc.block();
        Arg pat = loc.locationPatternArg();
        Fix fix = null;
        String raw = pat.raw();
        String body = pat.quoted() ? raw.substring(0, raw.length() - 1) : raw;
        boolean pathInfo = loc.has("fastcgi_split_path_info");
        if (pat.file() == block.file() && !body.endsWith("\\") && !body.endsWith("|") && !body.endsWith("$") && !pathInfo
                && !ExtensionTest.topLevelAlternation(loc.locationPattern())) {
            int at = pat.quoted() ? pat.end() - 1 : pat.end();
            fix = new Fix("Anchor the regex at the end: " + loc.locationPattern() + "$",
                    List.of(TextEdit.insert(pat.file(), at, "$")));
        }
        String mod = loc.locationModifier();
        String pattern = Brief.cut(loc.locationPattern(), 30);
        ctx.report("SEC114", block.headSpan(), "location " + mod + " " + pattern + " is not anchored, so "
                + Brief.cut(longer, 24) + " reaches " + handler.name() + " too."
                + SecText.whole("The location", pattern, loc.locationPattern())
                + SecText.whole("The longer URI", Brief.cut(longer, 24), longer) + " nginx searches a location regex anywhere in the URI: "
                + "without a final $ the extension test ." + ext + " also accepts /a." + ext + "x, /up/x." + ext
                + ".jpg and /x." + ext + "/anything, which then go to the backend instead of the locations meant for "
                + "them (an uploaded x." + ext + ".jpg handed to the script handler, a path the backend resolves "
                + "differently). Anchor it: " + loc.locationPattern() + "$" + (pathInfo
                        ? ", or \\." + ext + "(/|$) where PATH_INFO is wanted." : "."),
                List.of(new Related(handler.span(), "the backend these requests reach")), fix);
    }
}
