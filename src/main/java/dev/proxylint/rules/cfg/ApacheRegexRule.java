package dev.proxylint.rules.cfg;

import dev.proxylint.apache.model.ApacheValueChecks;
import dev.proxylint.facts.Pcre2Syntax;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.rules.sec.ApacheDirectives;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.List;
import java.util.Set;

/**
 * CFG135 regex-does-not-compile (Apache): a regular expression httpd compiles with PCRE2 while it
 * reads the config ({@code RewriteRule}, {@code RewriteCond}, the {@code *Match} sections and
 * directives, {@code <Location ~>}, {@code SetEnvIf}, {@code BrowserMatch}) that PCRE2 refuses:
 * {@code apache2 -t} stops with a syntax error. Judged by {@link Pcre2Syntax}, PCRE2's reading.
 */
public final class ApacheRegexRule extends BaseRule {
    static final String ID = "CFG135";
    private static final List<String> MATCH_SECTIONS = List.of("LocationMatch", "DirectoryMatch", "FilesMatch",
            "ProxyMatch");
    private static final List<String> TILDE_SECTIONS = List.of("Location", "Directory", "Files", "Proxy");

    public ApacheRegexRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (String s : MATCH_SECTIONS) {
            for (Directive d : ApacheDirectives.named(ctx, s)) {
                if (d.argCount() >= 1) {
                    regex(ctx, d, d.args().get(0), "Regex could not be compiled");
                }
            }
        }
        for (String s : TILDE_SECTIONS) {
            for (Directive d : ApacheDirectives.named(ctx, s)) {
                if (d.argCount() >= 2 && d.arg(0).equals("~")) {
                    regex(ctx, d, d.args().get(1), "Regex could not be compiled");
                }
            }
        }
        for (Directive d : ApacheDirectives.named(ctx, "RewriteRule")) {
            if (d.argCount() >= 2) {
                rewrite(ctx, d, d.args().get(0));
            }
        }
        for (Directive d : ApacheDirectives.named(ctx, "RewriteCond")) {
            if (d.argCount() >= 2 && !d.arg(0).equalsIgnoreCase("expr")) {
                String v = d.arg(1).startsWith("!") ? d.arg(1).substring(1) : d.arg(1);
                if (!v.matches("-[A-Za-z]+") && !v.startsWith("<") && !v.startsWith(">") && !v.startsWith("=")) {
                    rewrite(ctx, d, d.args().get(1));
                }
            }
        }
        for (String name : List.of("AliasMatch", "ScriptAliasMatch", "ProxyRemoteMatch")) {
            for (Directive d : ApacheDirectives.named(ctx, name)) {
                if (d.argCount() >= 2) {
                    regex(ctx, d, d.args().get(0), "Regular expression could not be compiled.");
                }
            }
        }
        Set<Directive> expressions = ApacheDirectiveRules.checks(ctx).redirectExpressions();
        for (Directive d : ApacheDirectives.named(ctx, "RedirectMatch")) {
            if (expressions.contains(d)) {
                continue; // a status and a target in a section with a path: an expression, no regex
            }
            // mod_alias compiles the second word when the first names a status, else the first
            int k = d.argCount() >= 2 && ApacheValueChecks.redirectGrok(d.arg(0)) != 0 ? 1 : 0;
            if (d.argCount() > k) {
                regex(ctx, d, d.args().get(k), "Regular expression could not be compiled.");
            }
        }
        for (Directive d : ApacheDirectives.named(ctx, "ProxyPassMatch")) {
            if (d.argCount() >= 2 && !d.arg(0).equals("!") && !d.arg(0).contains("://")
                    && !d.arg(0).startsWith("unix:")) {
                regex(ctx, d, d.args().get(0), "Regular expression could not be compiled.");
            }
        }
        for (String name : List.of("SetEnvIf", "SetEnvIfNoCase")) {
            for (Directive d : ApacheDirectives.named(ctx, name)) {
                if (d.argCount() >= 3) {
                    regex(ctx, d, d.args().get(1), d.name() + " regex could not be compiled.");
                }
            }
        }
        for (String name : List.of("BrowserMatch", "BrowserMatchNoCase")) {
            for (Directive d : ApacheDirectives.named(ctx, name)) {
                if (d.argCount() >= 2) {
                    regex(ctx, d, d.args().get(0), d.name() + " regex could not be compiled.");
                }
            }
        }
        headerEdits(ctx);
    }

    /** Header and RequestHeader edit / edit*: [always|onsuccess] edit header regex replacement [condition]. */
    private void headerEdits(RuleContext ctx) {
        for (String name : List.of("Header", "RequestHeader")) {
            for (Directive d : ApacheDirectives.named(ctx, name)) {
                int i = d.argCount() > 0 && name.equals("Header") && (d.arg(0).equalsIgnoreCase("always")
                        || d.arg(0).equalsIgnoreCase("onsuccess")) ? 1 : 0;
                if (d.argCount() >= i + 4 && (d.arg(i).equalsIgnoreCase("edit") || d.arg(i).equalsIgnoreCase("edit*"))) {
                    regex(ctx, d, d.args().get(i + 2), "Header edit regex could not be compiled");
                }
            }
        }
    }

    private void rewrite(RuleContext ctx, Directive d, Arg a) {
        String v = a.value().startsWith("!") ? a.value().substring(1) : a.value();
        regex(ctx, d, a, v, d.name() + ": cannot compile regular expression '" + v + "'");
    }

    private void regex(RuleContext ctx, Directive d, Arg a, String says) {
        regex(ctx, d, a, a.value(), says);
    }

    private void regex(RuleContext ctx, Directive d, Arg a, String re, String says) {
        Work.tick();
        if (re.isEmpty()) {
            return;
        }
        Pcre2Syntax.Error e = Pcre2Syntax.check(re, true); // ap_regcomp compiles with PCRE2_DUPNAMES
        if (e == null) {
            return;
        }
        ctx.report(ID, a.span(), NginxRegexRule.headline(re, e.message(), "Apache") + " It says: " + says + " ("
                + d.name() + "); PCRE2 stops with \"" + e.message() + "\" at offset " + e.offset() + " of \"" + re + "\". PCRE2 10.42 is what Apache 2.4 on"
                + " Debian 12 uses; Java's regex reads some patterns differently, proxylint reads them as PCRE2 does.");
    }
}
