package dev.proxylint.rules.sec;

import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC113 (CVE-2026-9256): a {@code rewrite} whose target has no variables but copies two captures
 * of which one is nested in the other ({@code ^/((.*))$} with {@code $1$2}) into a redirect or
 * into arguments. Without variables nginx sizes the target from the request URI once plus each
 * capture; escaping the same text twice for a redirect or for arguments does not fit, and nginx
 * before 1.30.2 (1.31.1 mainline) overflows the worker's heap on a path with '+' or %-escapes.
 */
public final class NginxOverlappingCapturesRule extends BaseRule {
    public NginxOverlappingCapturesRule() {
        super(Dialect.NGINX, "SEC113");
    }

    @Override
    public void check(RuleContext ctx) {
        String version = ctx.settings().nginxVersion();
        if (VersionFacts.nginxOverlappingCapturesFixed(version)) {
            return;
        }
        NginxScopes.with(ctx.facts().nginx(), "rewrite", s -> {
            for (Directive d : s.own("rewrite")) {
                check(ctx, version, d);
            }
        });
    }

    private static void check(RuleContext ctx, String version, Directive d) {
        if (d.argCount() < 2) {
            return;
        }
        String target = d.arg(1);
        boolean redirect = NginxRewriteScripts.redirect(d);
        if (NginxRewriteScripts.hasVariable(target) || !(redirect || NginxRewriteScripts.hasArgs(d))) {
            return; // with variables nginx measures the target exactly; otherwise nothing is escaped
        }
        List<Integer> caps = NginxRewriteScripts.numbered(target);
        if (caps.stream().distinct().count() < caps.size()) {
            return; // a capture used twice makes nginx measure the target exactly too
        }
        RegexCaptures rc = new RegexCaptures(d.arg(0), false);
        for (int a : caps) {
            for (int b : caps) {
                if (rc.encloses(a, b) && rc.canHoldAny(b, NginxRewriteScripts.ESCAPED)) {
                    report(ctx, version, d, rc, a, b, redirect);
                    return;
                }
            }
        }
    }

    private static void report(RuleContext ctx, String version, Directive d, RegexCaptures rc, int outer, int inner,
            boolean redirect) {
        String which = version == null
                ? "nginx before 1.30.2 and mainline before 1.31.1 (the target version is unknown: set --nginx-version)"
                : "nginx " + version;
        ctx.report("SEC113", d.span(), "rewrite copies the nested captures $" + outer + " and $" + inner + " into "
                + (redirect ? "a redirect" : "arguments") + " (CVE-2026-9256). Capture $" + inner + " (" + rc.group(inner)
                + ") lies inside $" + outer + " (" + rc.group(outer) + "), so the same request text is copied twice. "
                + "On " + which + " a target without variables is sized for the URI once, but both copies are escaped: "
                + "a path with '+' or %-escapes overflows the worker's heap (a crash at least; code execution is "
                + "possible). Use named captures ((?<name>...) and $name), which make nginx measure the target exactly, "
                + "or run 1.30.2, 1.31.1 or later (distributions backport the fix: check the package's changelog).",
                List.of(), null);
    }
}
