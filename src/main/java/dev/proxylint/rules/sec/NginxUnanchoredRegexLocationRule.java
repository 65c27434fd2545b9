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
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    private static final List<String> COMMON = List.of("php", "php5", "php7", "phtml", "phar", "cgi", "fcgi", "pl", "py",
            "rb", "sh", "asp", "aspx", "jsp", "do", "action", "html", "json");

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
            String prefix = literalPrefix(loc.locationPattern());
            if (p == null || p.matcher(prefix + "x.zzz").find()) {
                continue; // no backend, unreadable, or no extension test (matches anything)
            }
            for (String ext : candidates(loc.locationPattern())) {
                String path = prefix + "x." + ext;
                if (!p.matcher(path).find()) {
                    continue;
                }
                String longer = null;
                for (String tail : List.of(".jpg", "x")) {
                    if (p.matcher(path + tail).find()) {
                        longer = path + tail;
                        break;
                    }
                }
                if (longer != null) {
                    report(ctx, loc, handler, ext, longer);
                }
                break;
            }
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

    /** The literal path an anchored regex starts with ({@code ^/legacy/} gives /legacy/), else "/". */
    private static String literalPrefix(String re) {
        if (!re.startsWith("^/")) {
            return "/";
        }
        int e = 1;
        while (e < re.length() && (Character.isLetterOrDigit(re.charAt(e)) || "/-_".indexOf(re.charAt(e)) >= 0)) {
            e++;
        }
        String lit = re.substring(1, e);
        if (e < re.length() && "?*{".indexOf(re.charAt(e)) >= 0 && lit.length() > 1) {
            lit = lit.substring(0, lit.length() - 1); // a quantifier applies to the last character
        }
        return lit.endsWith("/") ? lit : lit + "/";
    }

    /** Extensions to try: the letters after the pattern's last escaped dot, then common ones. */
    private static Set<String> candidates(String pattern) {
        Set<String> out = new LinkedHashSet<>();
        int dot = pattern.lastIndexOf("\\.");
        if (dot >= 0) {
            int i = dot + 2;
            while (i < pattern.length() && (pattern.charAt(i) == '(' || pattern.charAt(i) == '?' || pattern.charAt(i) == ':')) {
                i++;
            }
            int e = i;
            while (e < pattern.length() && Character.isLetterOrDigit(pattern.charAt(e))) {
                e++;
            }
            if (e > i) {
                out.add(pattern.substring(i, e));
            }
        }
        out.addAll(COMMON);
        return out;
    }

    /** Whether a regex has a '|' outside groups and classes (a final $ would anchor only the last branch). */
    private static boolean topLevelAlternation(String re) {
        int depth = 0;
        boolean cls = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (cls) {
                cls = c != ']';
            } else if (c == '[') {
                cls = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    private static void report(RuleContext ctx, Scope loc, Directive handler, String ext, String longer) {
        Directive block = loc.block();
        Arg pat = loc.locationPatternArg();
        Fix fix = null;
        String raw = pat.raw();
        String body = pat.quoted() ? raw.substring(0, raw.length() - 1) : raw;
        boolean pathInfo = loc.has("fastcgi_split_path_info");
        if (pat.file() == block.file() && !body.endsWith("\\") && !body.endsWith("|") && !body.endsWith("$") && !pathInfo
                && !topLevelAlternation(loc.locationPattern())) {
            int at = pat.quoted() ? pat.end() - 1 : pat.end();
            fix = new Fix("Anchor the regex at the end: " + loc.locationPattern() + "$",
                    List.of(TextEdit.insert(pat.file(), at, "$")));
        }
        String mod = loc.locationModifier();
        ctx.report("SEC114", block.headSpan(), "location " + mod + " " + loc.locationPattern() + " is not anchored, so "
                + longer + " reaches " + handler.name() + " too. nginx searches a location regex anywhere in the URI: "
                + "without a final $ the extension test ." + ext + " also accepts /a." + ext + "x, /up/x." + ext
                + ".jpg and /x." + ext + "/anything, which then go to the backend instead of the locations meant for "
                + "them (an uploaded x." + ext + ".jpg handed to the script handler, a path the backend resolves "
                + "differently). Anchor it: " + loc.locationPattern() + "$" + (pathInfo
                        ? ", or \\." + ext + "(/|$) where PATH_INFO is wanted." : "."),
                List.of(new Related(handler.span(), "the backend these requests reach")), fix);
    }
}
