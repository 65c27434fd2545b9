package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SEC210, the Apache twin of SEC106: {@code SetEnvIf Origin} / {@code SetEnvIf Referer} (or
 * {@code SetEnvIfNoCase}) with a regex an attacker's own site passes, where the variable it sets
 * decides something: it conditions (or fills) an {@code Access-Control-Allow-Origin} header that
 * then carries the attacker's origin, or it is what {@code Require env} / {@code Allow from env=}
 * lets in. The attacker origins and the way the regex is run (search; NoCase ignores case) are
 * SEC106's ({@link NginxWeakOriginCheckRule#accepted}); for the header, the value it sends is
 * computed ({@code %{VAR}e} with the {@code $0}..{@code $9} of the match, or the request's Origin
 * through {@code expr=%{req:Origin}}) and only an exact echo of the attacker's origin counts, since
 * that is what a browser accepts. The SetEnvIf lines and their uses are matched by variable name
 * over the whole configuration (names compared without case, as httpd's tables do).
 */
public final class ApacheWeakOriginCheckRule extends BaseRule {
    static final String ID = "SEC210";
    private static final String ACAO = "Access-Control-Allow-Origin";
    private static final Pattern ENV_REF = Pattern.compile("%\\{([^}]+)\\}e");
    private static final Pattern ORIGIN_EXPR = Pattern.compile(
            "(?i)expr=%\\{(?:req|http|req_novary):origin\\}");

    /** One SetEnvIf on Origin or Referer: its regex and the variables it sets, with their values. */
    private record Check(Directive line, boolean referer, String regex, Pattern pattern, Map<String, String> sets) {
    }

    public ApacheWeakOriginCheckRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        Map<String, List<Check>> byVar = new HashMap<>();
        for (String name : List.of("SetEnvIf", "SetEnvIfNoCase")) {
            for (Directive d : ApacheDirectives.named(ctx, name)) {
                Check c = check(d, name.endsWith("NoCase"));
                if (c != null) {
                    for (String v : c.sets().keySet()) {
                        byVar.computeIfAbsent(v, k -> new ArrayList<>()).add(c);
                    }
                }
            }
        }
        if (byVar.isEmpty()) {
            return;
        }
        for (Directive h : ApacheDirectives.named(ctx, "Header")) {
            header(ctx, h, byVar);
        }
        for (Directive r : ApacheDirectives.named(ctx, "Require")) {
            if (r.argCount() >= 2 && r.arg(0).equalsIgnoreCase("env")) {
                for (int i = 1; i < r.argCount(); i++) {
                    gate(ctx, r, byVar.get(key(r.arg(i))));
                }
            }
        }
        for (Directive a : ApacheDirectives.named(ctx, "Allow")) {
            for (int i = 1; i < a.argCount(); i++) {
                String v = a.arg(i);
                if (v.regionMatches(true, 0, "env=", 0, 4) && !v.startsWith("!", 4)) {
                    gate(ctx, a, byVar.get(key(v.substring(4))));
                }
            }
        }
    }

    private static Check check(Directive d, boolean noCase) {
        if (d.argCount() < 3) {
            return null;
        }
        String attr = d.arg(0);
        boolean referer = attr.equalsIgnoreCase("Referer");
        if (!referer && !attr.equalsIgnoreCase("Origin")) {
            return null;
        }
        String regex = d.arg(1);
        Pattern p;
        try {
            p = Pattern.compile(regex, noCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            return null;
        }
        Map<String, String> sets = new HashMap<>();
        for (int i = 2; i < d.argCount(); i++) {
            String a = d.arg(i);
            if (a.startsWith("!") || a.isEmpty()) {
                continue;
            }
            int eq = a.indexOf('=');
            sets.put(key(eq < 0 ? a : a.substring(0, eq)), eq < 0 ? "1" : a.substring(eq + 1));
        }
        return sets.isEmpty() ? null : new Check(d, referer, regex, p, sets);
    }

    private static String key(String var) {
        return var.toLowerCase(Locale.ROOT);
    }

    /** A Header line that sets Access-Control-Allow-Origin from, or on the condition of, an Origin check. */
    private static void header(RuleContext ctx, Directive h, Map<String, List<Check>> byVar) {
        List<String> v = h.values();
        int i = 0;
        if (i < v.size() && (v.get(i).equalsIgnoreCase("always") || v.get(i).equalsIgnoreCase("onsuccess"))) {
            i++;
        }
        if (v.size() < i + 3) {
            return;
        }
        String action = v.get(i).toLowerCase(Locale.ROOT);
        if (!List.of("set", "add", "append", "merge", "setifempty").contains(action)
                || !v.get(i + 1).equalsIgnoreCase(ACAO)) {
            return;
        }
        String value = v.get(i + 2);
        String cond = v.size() > i + 3 ? v.get(i + 3) : null;
        List<Check> checks = new ArrayList<>();
        if (cond != null && cond.regionMatches(true, 0, "env=", 0, 4) && !cond.startsWith("!", 4)) {
            checks.addAll(byVar.getOrDefault(key(cond.substring(4)), List.of()));
        }
        Matcher ref = ENV_REF.matcher(value);
        String refVar = ref.matches() ? key(ref.group(1)) : null;
        if (refVar != null) {
            for (Check c : byVar.getOrDefault(refVar, List.of())) {
                if (!checks.contains(c)) {
                    checks.add(c);
                }
            }
        }
        boolean echoesOrigin = ORIGIN_EXPR.matcher(value).matches();
        for (Check c : checks) {
            if (c.referer()) {
                continue;
            }
            String template = refVar == null ? null : c.sets().get(refVar);
            if (!echoesOrigin && template == null) {
                continue; // a fixed value: the browser compares it with the real origin
            }
            List<String> passing = new ArrayList<>();
            for (String origin : NginxWeakOriginCheckRule.accepted(c.regex(), flagsCi(c), false)) {
                Work.tick();
                if (echoesOrigin || origin.equals(value(c.pattern(), origin, template))) {
                    passing.add(origin);
                }
            }
            if (!passing.isEmpty() && ctx.once(ID, c.line())) {
                report(ctx, c, passing, h, "and " + h.name() + " " + String.join(" ", v.subList(0, i + 2)) + " sends it back as the allowed origin, so a page on that "
                        + "site reads this site's answers with the visitor's cookies");
            }
        }
    }

    /** A Require env / Allow from env= line that lets in whoever an Origin or Referer check passed. */
    private static void gate(RuleContext ctx, Directive use, List<Check> checks) {
        if (checks == null) {
            return;
        }
        for (Check c : checks) {
            List<String> passing = NginxWeakOriginCheckRule.accepted(c.regex(), flagsCi(c), c.referer());
            if (!passing.isEmpty() && ctx.once(ID, c.line())) {
                report(ctx, c, passing, use, "and " + use.name() + " " + String.join(" ", use.values())
                        + " lets those requests in");
            }
        }
    }

    private static boolean flagsCi(Check c) {
        return (c.pattern().flags() & Pattern.CASE_INSENSITIVE) != 0;
    }

    /** The variable's value after a match: {@code $0}..{@code $9} replaced by the groups (empty when unset). */
    static String value(Pattern p, String input, String template) {
        Matcher m = p.matcher(input);
        if (!m.find()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char ch = template.charAt(i);
            if (ch == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int g = template.charAt(++i) - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    sb.append(m.group(g));
                }
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static void report(RuleContext ctx, Check c, List<String> passing, Directive use, String effect) {
        String header = c.referer() ? "Referer" : "Origin";
        List<String> shown = passing.size() > 3 ? passing.subList(0, 3) : passing;
        ctx.report(ID, c.line().span(), "This " + header + " check also accepts " + shown.get(0) + ", a site anyone "
                + "can register. The regex " + c.regex() + " (" + c.line().name() + " " + c.line().arg(0) + ") passes "
                + String.join(", ", shown) + (passing.size() > shown.size() ? " and more" : "") + " because "
                + String.join(", and ", NginxWeakOriginCheckRule.why(c.regex(), "Apache")) + ", " + effect
                + ". Anchor both ends, escape the dots and spell out the scheme, e.g. "
                + NginxWeakOriginCheckRule.anchored(c.regex(), c.referer()) + ".",
                List.of(new Related(use.span(), "what the check decides")), null);
    }
}
