package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SEC209, the Apache twin of SEC126: {@code MergeSlashes Off} in effect for a server where a
 * regex check restricts a path ({@code <LocationMatch>} or {@code <Location ~>} with Require/Deny,
 * or a server-level {@code RewriteRule ... [F]}/{@code [G]}) and the same path with one of its
 * inner slashes doubled escapes that regex and every other restriction of the server. httpd
 * matches regex sections and RewriteRules against the URI as sent when MergeSlashes is off, while
 * plain {@code <Location>} sections, directory lookups and ProxyPass prefixes still merge the
 * slashes, so {@code /api//admin} is served (from the files or by the backend) without the check.
 * A doubled leading slash is not tried: httpd collapses it before anything else. The sample path
 * comes from the regex's literal text and is checked with the regex itself (search, case as the
 * section or {@code [NC]} says). One finding per MergeSlashes line, naming the first bypass.
 */
public final class ApacheMergeSlashesOffRule extends BaseRule {
    static final String ID = "SEC209";
    private static final Set<String> LOCATIONS = Set.of("location", "locationmatch");

    /** A regex check that refuses a path: the section or RewriteRule, and its compiled regex. */
    private record Check(Directive where, Pattern regex, String text) {
    }

    public ApacheMergeSlashesOffRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel m = ctx.facts().apache();
        List<Directive> mainSections = null;
        for (ApacheScope s : m.scopes()) {
            Directive ms = s.effective("MergeSlashes");
            if (ms == null || !"off".equalsIgnoreCase(ms.arg(0))) {
                continue;
            }
            if (mainSections == null) {
                mainSections = ApacheSections.of(ctx.config().items(), true, LOCATIONS);
            }
            List<Directive> secs = new ArrayList<>(mainSections);
            if (!s.isMainServer()) {
                secs.addAll(ApacheSections.of(s.vhost().children(), false, LOCATIONS));
            }
            List<Check> checks = new ArrayList<>();
            List<String> plainRestricted = new ArrayList<>();
            for (Directive sec : secs) {
                if (!restricts(sec)) {
                    continue;
                }
                String re = regexOf(sec);
                if (re == null) {
                    if (sec.is("Location") && sec.argCount() == 1) {
                        plainRestricted.add(sec.arg(0));
                    }
                    continue;
                }
                Pattern p = compile(re, false);
                if (p != null && !servesItself(sec)) {
                    checks.add(new Check(sec, p, re));
                }
            }
            List<RewriteRuleEntry> rewrites = new ArrayList<>(s.rewrites());
            if (s.inheritsMainRewrites()) {
                rewrites.addAll(m.mainServer().rewrites());
            }
            if (s.rewriteEngineOn()) {
                for (RewriteRuleEntry r : rewrites) {
                    List<String> f = r.flags();
                    String pat = r.pattern();
                    if (r.location() != null || pat.startsWith("!") || !(f.contains("F") || f.contains("FORBIDDEN")
                            || f.contains("G") || f.contains("GONE"))) {
                        continue;
                    }
                    Pattern p = compile(pat, f.contains("NC") || f.contains("NOCASE"));
                    if (p != null) {
                        checks.add(new Check(r.rule(), p, pat));
                    }
                }
            }
            for (Check c : checks) {
                String doubled = bypass(c, checks, plainRestricted);
                if (doubled == null) {
                    continue;
                }
                if (ctx.once(ID, ms)) {
                    report(ctx, ms, s, c, doubled);
                }
                break;
            }
        }
    }

    private static void report(RuleContext ctx, Directive ms, ApacheScope s, Check c, String doubled) {
        String merged = doubled.replaceAll("/{2,}", "/");
        String what = c.where().is("RewriteRule") ? "RewriteRule " + c.text() : "<" + c.where().name() + " "
                + String.join(" ", c.where().values()) + ">";
        ProxyPassEntry pp = proxyFor(s, doubled);
        String served;
        if (pp == null) {
            served = "Apache maps it to the same file as " + merged + " (directory lookups merge the slashes)";
        } else {
            String sent = pp.regex() ? null : pathOf(pp.url()) + doubled.substring(aliasMatch(doubled, pp.path()));
            served = sent == null ? "ProxyPassMatch " + pp.path() + " passes it to " + pp.url()
                    : "ProxyPass " + pp.path() + " passes it to the backend as " + sent
                            + (sent.equals(merged) ? ", the very path the check refuses"
                                    : ", which most backends read as " + merged);
        }
        Span span = ms.span();
        String brief = Brief.cut(what, 34);
        ctx.report(ID, span, "MergeSlashes " + ms.arg(0) + " lets " + Brief.cut(doubled, 23) + " bypass the check ("
                + brief + ")." + SecText.whole("The check", brief, what)
                + (doubled.length() > 23 ? " The path that bypasses it is " + doubled + "." : "") + " With "
                + "MergeSlashes off httpd matches regex sections and RewriteRules against the path as sent, so "
                + doubled + " does not match the regex that refuses " + merged + "; " + served + ". Turn MergeSlashes "
                + "on (the default), write the check as a plain <Location " + merged + "> (plain sections always "
                + "merge the slashes), or let the regex accept repeated slashes (/+).",
                List.of(new Related(c.where().is("RewriteRule") ? c.where().span() : c.where().headSpan(),
                        "the check " + doubled + " escapes")), null);
    }

    /**
     * The first path with a doubled inner slash that escapes {@code c} and every other check of
     * the server, built from the literal text of c's regex; null when there is none.
     */
    static String bypass(Check c, List<Check> all, List<String> plainRestricted) {
        for (String w : samples(c.text())) {
            if (!c.regex().matcher(w).find()) {
                continue;
            }
            for (int i = 1; i < w.length(); i++) {
                Work.tick();
                if (w.charAt(i) != '/' || w.charAt(i - 1) == '/' || (i + 1 < w.length() && w.charAt(i + 1) == '/')) {
                    continue;
                }
                String d = w.substring(0, i) + "/" + w.substring(i);
                if (c.regex().matcher(d).find() || caught(d, all, plainRestricted)) {
                    continue;
                }
                return d;
            }
        }
        return null;
    }

    private static boolean caught(String doubled, List<Check> all, List<String> plainRestricted) {
        String merged = doubled.replaceAll("/{2,}", "/");
        for (Check o : all) {
            if (o.regex().matcher(doubled).find()) {
                return true;
            }
        }
        for (String p : plainRestricted) {
            if (merged.startsWith(p.replaceAll("/{2,}", "/"))) {
                return true; // a plain <Location> compares the merged path (a plain prefix: when in doubt, caught)
            }
        }
        return false;
    }

    /**
     * Paths a regex is about, from its literal text: after a leading {@code ^} the literal prefix,
     * otherwise each literal run (with a leading slash added); a run ends at a metacharacter, and a
     * quantified last character is dropped.
     */
    static List<String> samples(String re) {
        String r = re;
        while (r.startsWith("(?")) { // leading inline flags such as (?i)
            int close = r.indexOf(')');
            if (close < 0 || r.substring(2, close).contains(":")) {
                break;
            }
            r = r.substring(close + 1);
        }
        boolean anchored = r.startsWith("^");
        List<String> runs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = anchored ? 1 : 0; i < r.length(); i++) {
            char ch = r.charAt(i);
            if (ch == '\\' && i + 1 < r.length()) {
                char n = r.charAt(i + 1);
                if (Character.isLetterOrDigit(n)) {
                    runs.add(cur.toString());
                    cur.setLength(0);
                    if (anchored) {
                        break;
                    }
                } else {
                    cur.append(n);
                }
                i++;
                continue;
            }
            if ("*?+{".indexOf(ch) >= 0) {
                if (cur.length() > 0) {
                    cur.setLength(cur.length() - 1);
                }
                runs.add(cur.toString());
                cur.setLength(0);
                if (anchored) {
                    break;
                }
                continue;
            }
            if (".[](){}|^$".indexOf(ch) >= 0) {
                runs.add(cur.toString());
                cur.setLength(0);
                if (anchored) {
                    break;
                }
                continue;
            }
            cur.append(ch);
        }
        runs.add(cur.toString());
        List<String> out = new ArrayList<>();
        for (String run : anchored ? runs.subList(0, 1) : runs) {
            if (anchored ? run.startsWith("/") : run.indexOf('/', 1) > 0 || (run.contains("/") && !run.startsWith("/"))) {
                out.add(run.startsWith("/") ? run : "/" + run);
            }
        }
        return out;
    }

    /** The regex of a LocationMatch or {@code <Location ~ re>}, or null for a plain Location. */
    private static String regexOf(Directive sec) {
        if (sec.is("LocationMatch")) {
            return sec.arg(0);
        }
        if (sec.argCount() == 2 && "~".equals(sec.arg(0))) {
            return sec.arg(1);
        }
        return null;
    }

    /** Whether the section refuses someone: a Require other than all granted, or a Deny line. */
    private static boolean restricts(Directive sec) {
        ApacheCompatAccess a = ApacheCompatAccess.of(sec);
        return a != null && (a.require() != null || !a.denies().isEmpty());
    }

    /** Whether the section holds its own content (a handler or proxy), which a path outside it does not reach. */
    private static boolean servesItself(Directive sec) {
        for (Directive d : Tree.effective(sec.children())) {
            String n = d.name().toLowerCase(Locale.ROOT);
            if (n.equals("sethandler") || n.equals("proxypass") || n.equals("proxypassmatch")) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String re, boolean ci) {
        if (re == null) {
            return null;
        }
        try {
            return Pattern.compile(re, ci ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** The ProxyPass of the server (or the main server's) that takes a path, or null. */
    private static ProxyPassEntry proxyFor(ApacheScope s, String path) {
        for (ApacheScope o : s.selfThenMain()) {
            for (ProxyPassEntry e : o.proxyPasses()) {
                Pattern p = e.regex() ? compile(e.path(), false) : null;
                boolean takes = e.regex() ? p != null && p.matcher(path).find() : aliasMatch(path, e.path()) > 0;
                if (takes) {
                    return e.exclusion() ? null : e;
                }
            }
        }
        return null;
    }

    /**
     * How many characters of {@code uri} a ProxyPass path matches, or 0: mod_proxy's alias_match,
     * where a run of slashes in the path matches a run of any length in the URI and the last
     * component must match whole. The backend gets the URL followed by the rest of the URI.
     */
    static int aliasMatch(String uri, String alias) {
        int a = 0;
        int u = 0;
        while (a < alias.length() && u < uri.length()) {
            Work.tick();
            if (alias.charAt(a) == '/') {
                if (uri.charAt(u) != '/') {
                    return 0;
                }
                while (a < alias.length() && alias.charAt(a) == '/') {
                    a++;
                }
                while (u < uri.length() && uri.charAt(u) == '/') {
                    u++;
                }
            } else if (uri.charAt(u++) != alias.charAt(a++)) {
                return 0;
            }
        }
        if (u == uri.length() && a != alias.length()) {
            return 0;
        }
        if (a == 0 || (alias.charAt(a - 1) != '/' && u < uri.length() && uri.charAt(u) != '/')) {
            return 0;
        }
        return u;
    }

    /** The path part of a backend URL ({@code http://b:8080/api/} gives {@code /api/}), or "" when it has none. */
    private static String pathOf(String url) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return slash < 0 ? "" : url.substring(slash);
    }
}
