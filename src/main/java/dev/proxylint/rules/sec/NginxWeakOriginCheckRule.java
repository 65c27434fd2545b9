package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SEC106: a regex check of {@code $http_origin} or {@code $http_referer} (in {@code if} or as a
 * {@code map} key) that an attacker's own site passes. The rule finds the domain the regex is
 * about (its longest host-like literal), builds origins an attacker can register outside that
 * domain ({@code https://example.com.evil.test}, {@code https://evilexample.com}, a letter in place
 * of an unescaped dot, ...) and runs the regex on them the way nginx does (search, not whole
 * match; {@code ~*} ignores case). Any origin that passes is reported.
 */
public final class NginxWeakOriginCheckRule extends BaseRule {
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(?:(?:\\\\\\.|\\.)[A-Za-z0-9-]+)+");
    private static final String EVIL = "evil.test";

    public NginxWeakOriginCheckRule() {
        super(Dialect.NGINX, "SEC106");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        List<Scope> todo = new ArrayList<>();
        todo.add(m.main());
        while (!todo.isEmpty()) {
            Scope s = todo.remove(todo.size() - 1);
            Work.tick();
            todo.addAll(s.children());
            if (s.kind() == Scope.Kind.IF) {
                ifCondition(ctx, s.block());
            } else if (s.kind() == Scope.Kind.MAP && s.block().is("map") && s.block().argCount() >= 2) {
                String var = s.block().arg(0).toLowerCase(java.util.Locale.ROOT);
                if (var.equals("$http_origin") || var.equals("$http_referer")) {
                    for (Node n : s.block().children()) {
                        if (n instanceof Directive e) {
                            String key = unquote(e.name());
                            if (key.startsWith("~*")) {
                                check(ctx, e.nameSpan(), var, key.substring(2), true, "map key");
                            } else if (key.startsWith("~")) {
                                check(ctx, e.nameSpan(), var, key.substring(1), false, "map key");
                            }
                        }
                    }
                }
            }
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static void ifCondition(RuleContext ctx, Directive d) {
        List<String> v = NginxVars.condition(d);
        if (v.size() < 3) {
            return;
        }
        String var = v.get(0).toLowerCase(java.util.Locale.ROOT);
        String op = v.get(1);
        if (!var.equals("$http_origin") && !var.equals("$http_referer")) {
            return;
        }
        if (!op.equals("~") && !op.equals("~*") && !op.equals("!~") && !op.equals("!~*")) {
            return;
        }
        check(ctx, d.headSpan(), var, String.join(" ", v.subList(2, v.size())), op.endsWith("*"), "if");
    }

    /** Origins (or referers) outside the regex's domain that the regex accepts; empty when none or unknown. */
    static List<String> accepted(String regex, boolean ci, boolean referer) {
        Pattern p;
        try {
            p = Pattern.compile(regex, ci ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            return List.of();
        }
        String domainText = domainText(regex);
        if (domainText == null) {
            return List.of();
        }
        String domain = domainText.replace("\\.", ".").toLowerCase(Locale.ROOT);
        String tail = referer ? "/" : "";
        boolean about = false;
        for (String host : List.of(domain, "www." + domain)) {
            about |= p.matcher("https://" + host + tail).find() || p.matcher("http://" + host + tail).find();
        }
        if (!about) {
            return List.of(); // the regex is not about this domain (or its www) as a host; nothing to compare with
        }
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(domain + "." + EVIL);
        hosts.add(domain + "-" + EVIL);
        hosts.add("evil" + domain);
        hosts.add("evil-" + domain);
        // each unescaped dot of the domain in the regex matches any character
        List<Integer> dots = new ArrayList<>();
        for (int i = 0, k = 0; i < domainText.length(); i++) {
            char c = domainText.charAt(i);
            if (c == '\\') {
                i++;
                k++;
            } else if (c == '.') {
                dots.add(k);
                k++;
            } else {
                k++;
            }
        }
        for (int at : dots) {
            String swapped = domain.substring(0, at) + "x" + domain.substring(at + 1);
            hosts.add(swapped);
            hosts.add(swapped + "." + EVIL);
        }
        List<String> out = new ArrayList<>();
        for (String h : hosts) {
            Work.tick();
            if (!h.contains(".") || h.equals(domain) || h.endsWith("." + domain) || h.endsWith(".")) {
                continue;
            }
            for (String scheme : List.of("https://", "http://")) {
                String value = scheme + h + tail;
                if (p.matcher(value).find()) {
                    out.add(value);
                    break;
                }
            }
        }
        if (referer) {
            String v = "https://" + EVIL + "/?https://" + domain + "/";
            if (p.matcher(v).find()) {
                out.add(v);
            }
        }
        return out;
    }

    /** The longest host-like literal of a regex, as written (escaped dots kept), or null. */
    static String domainText(String regex) {
        String best = null;
        Matcher dm = DOMAIN.matcher(regex);
        while (dm.find()) {
            Work.tick();
            if (best == null || dm.group().length() > best.length()) {
                best = dm.group();
            }
        }
        return best;
    }

    private static void check(RuleContext ctx, Span span, String var, String regex, boolean ci, String where) {
        boolean referer = var.equals("$http_referer");
        List<String> bad = accepted(regex, ci, referer);
        if (bad.isEmpty()) {
            return;
        }
        String header = referer ? "Referer" : "Origin";
        List<String> shown = bad.size() > 3 ? bad.subList(0, 3) : bad;
        ctx.report("SEC106", span, "This " + header + " check also accepts " + shown.get(0) + ", a site anyone can register. "
                + "The regex " + regex + " (" + where + " on " + var + ") passes them because "
                + String.join(", and ", why(regex, "nginx")) + ": it accepts " + String.join(", ", shown)
                + (bad.size() > shown.size() ? " and more" : "")
                + ": a CORS or CSRF decision built on it trusts the attacker's site. Anchor both ends, escape the dots "
                + "and spell out the scheme, e.g. " + anchored(regex, referer) + ".",
                List.of(), null);
    }

    /** Why a regex lets foreign origins in (for messages; {@code server} searches it); the regex has a {@link #domainText}. */
    static List<String> why(String regex, String server) {
        List<String> why = new ArrayList<>();
        if (!regex.startsWith("^")) {
            why.add("it is not anchored with ^ (" + server + " searches anywhere in the value)");
        }
        if (!regex.endsWith("$") && !regex.endsWith("(/|$)") && !regex.endsWith("/")) {
            why.add("the host is not closed with $ or /");
        }
        String dt = domainText(regex);
        if (dt != null && dt.replace("\\.", "").contains(".")) {
            why.add("an unescaped '.' matches any character");
        }
        if (why.isEmpty()) {
            why.add("it leaves the host open");
        }
        return why;
    }

    /** An anchored regex for the domain a regex is about (for messages); the regex has a {@link #domainText}. */
    static String anchored(String regex, boolean referer) {
        String d = domainText(regex).replace("\\.", ".").toLowerCase(Locale.ROOT).replace(".", "\\.");
        return "^https://" + (d.startsWith("www\\.") ? "" : "(www\\.)?") + d + (referer ? "(/|$)" : "$");
    }
}
