package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SEC202, the Apache twin of SEC104: a proxied RewriteRule ({@code [P]}) or a ProxyPassMatch
 * whose target host comes from the request: a back-reference to a capture of the URL path that can
 * hold host characters ({@code RewriteRule ^/p/(.*) http://$1 [P]}), a RewriteCond capture of a
 * request value, or a request variable such as {@code %{HTTP_HOST}} or {@code %{QUERY_STRING}}.
 */
public final class ApacheSsrfRule extends BaseRule {
    private static final String HOST_CHARS = ".:/@[";
    private static final Pattern REF = Pattern.compile("\\$(\\d)|%(\\d)|%\\{([A-Za-z_:-][A-Za-z0-9_:-]*)\\}");
    private static final Pattern SERVER_VAR = Pattern.compile("%\\{([A-Za-z_:-][A-Za-z0-9_:-]*)\\}");

    public ApacheSsrfRule() {
        super(Dialect.APACHE, "SEC202");
    }

    /** Whether a server variable is something the client sends. */
    static boolean clientVar(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.startsWith("HTTP:") || (n.startsWith("HTTP_") && !n.equals("HTTPS")) || n.equals("QUERY_STRING")
                || n.equals("REQUEST_URI") || n.equals("THE_REQUEST") || n.equals("PATH_INFO")
                || n.equals("REMOTE_USER");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            Work.tick();
            for (RewriteRuleEntry r : s.rewrites()) {
                if (r.proxied()) {
                    rewrite(ctx, r);
                }
            }
            for (ProxyPassEntry p : s.proxyPasses()) {
                if (p.regex() && !p.exclusion()) {
                    String host = hostPart(p.url());
                    RegexCaptures rc = new RegexCaptures(p.path(), false);
                    Matcher m = REF.matcher(host);
                    while (m.find()) {
                        if (m.group(1) != null && rc.canHoldAny(m.group(1).charAt(0) - '0', HOST_CHARS)) {
                            report(ctx, p.directive(), "$" + m.group(1), "a capture of (" + rc.group(m.group(1).charAt(0) - '0')
                                    + ") from the URL path, which can hold host characters such as '.' and ':'",
                                    List.of());
                            break;
                        }
                    }
                }
            }
        }
    }

    /** The scheme and host of a target URL, up to the first '/' after "://" (the whole text without "://"). */
    static String hostPart(String url) {
        int sep = url.indexOf("://");
        if (sep < 0) {
            return url.startsWith("$") || url.startsWith("%") ? url : "";
        }
        int slash = url.indexOf('/', sep + 3);
        return url.substring(0, slash < 0 ? url.length() : slash);
    }

    private static void rewrite(RuleContext ctx, RewriteRuleEntry r) {
        String host = hostPart(r.target());
        String pattern = r.pattern();
        boolean nc = r.flags().contains("NC") || r.flags().contains("NOCASE");
        RegexCaptures rc = pattern.startsWith("!") ? null : new RegexCaptures(pattern, nc);
        Matcher m = REF.matcher(host);
        while (m.find()) {
            if (m.group(1) != null) {
                int g = m.group(1).charAt(0) - '0';
                if (rc != null && g >= 1 && rc.canHoldAny(g, HOST_CHARS)) {
                    report(ctx, r.rule(), "$" + g, "a capture of (" + rc.group(g) + ") from the URL path, which "
                            + "can hold host characters such as '.' and ':'", List.of());
                    return;
                }
            } else if (m.group(2) != null) {
                int g = m.group(2).charAt(0) - '0';
                Directive cond = r.conditions().isEmpty() ? null : r.conditions().get(r.conditions().size() - 1);
                if (cond == null || cond.argCount() < 2 || cond.arg(1).startsWith("!")) {
                    continue;
                }
                String tested = null;
                Matcher v = SERVER_VAR.matcher(cond.arg(0));
                while (v.find()) {
                    if (clientVar(v.group(1))) {
                        tested = v.group(1);
                        break;
                    }
                }
                boolean condNc = cond.argCount() >= 3 && cond.arg(2).toUpperCase(Locale.ROOT).contains("NC");
                RegexCaptures cc = new RegexCaptures(cond.arg(1), condNc);
                if (tested != null && g >= 1 && cc.canHoldAny(g, HOST_CHARS)) {
                    report(ctx, r.rule(), "%" + g, "a capture of (" + cc.group(g) + ") from %{" + tested
                            + "}, which the client sends", List.of(new Related(cond.span(), "the condition the capture comes from")));
                    return;
                }
            } else if (clientVar(m.group(3))) {
                report(ctx, r.rule(), "%{" + m.group(3) + "}", "a value the client sends", List.of());
                return;
            }
        }
    }

    private static void report(RuleContext ctx, Directive d, String ref, String why, List<Related> related) {
        ctx.report("SEC202", d.span(), d.name() + " takes its backend host from the client's " + ref + " (SSRF). "
                + "This is server-side request forgery: " + ref + " is " + why + ", so a client makes Apache connect to any "
                + "address it names: 127.0.0.1, internal services, cloud metadata at 169.254.169.254. Proxy to fixed "
                + "hosts (one rule per backend), or check the host against a RewriteMap of allowed backends.",
                new ArrayList<>(related), null);
    }
}
