package dev.proxylint.rules.cfg;

import dev.proxylint.facts.Pcre2Syntax;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Tree;
import java.util.List;
import java.util.Set;

/**
 * CFG128 regex-does-not-compile: a regular expression nginx hands to PCRE2 while it reads the
 * config (locations, server names, {@code if}, {@code rewrite}, map keys, {@code valid_referers},
 * {@code proxy_redirect}, cookie rewrites, {@code gzip_disable}, {@code fastcgi_split_path_info})
 * that PCRE2 refuses: nginx stops with {@code pcre2_compile() failed: ...}. Judged by
 * {@link Pcre2Syntax}, PCRE2's reading, not Java's.
 */
public final class NginxRegexRule extends BaseRule {
    static final String ID = "CFG128";
    /** Blocks whose content is code or data other than map keys: not searched. */
    private static final Set<String> OPAQUE = Set.of("types", "geo", "split_clients", "charset_map", "upstream",
            "limit_except");

    public NginxRegexRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        Tree.preorder(Tree.effective(ctx.config().items()), d -> {
            visit(ctx, d);
            if (!d.hasBlock() || d.is("map") || OPAQUE.contains(d.name()) || d.name().endsWith("_by_lua_block")
                    || d.name().endsWith("_lua_block")) {
                return null;
            }
            return Tree.effective(d.children());
        });
    }

    private void visit(RuleContext ctx, Directive d) {
        switch (d.name()) {
            case "location" -> location(ctx, d);
            case "server_name", "valid_referers" -> {
                for (Arg a : d.args()) {
                    tilde(ctx, d, a, a.value());
                }
            }
            case "if" -> condition(ctx, d);
            case "rewrite", "fastcgi_split_path_info" -> {
                if (d.argCount() >= 1) {
                    regex(ctx, d, d.args().get(0), d.arg(0));
                }
            }
            case "proxy_redirect", "proxy_cookie_domain", "proxy_cookie_path", "proxy_cookie_flags" -> {
                if (d.argCount() >= 2) {
                    tilde(ctx, d, d.args().get(0), d.arg(0));
                }
            }
            case "gzip_disable" -> {
                for (Arg a : d.args()) {
                    if (!a.value().equals("msie6") && !a.value().equals("degradation")) {
                        regex(ctx, d, a, a.value());
                    }
                }
            }
            case "map" -> {
                for (Node n : d.children()) {
                    if (n instanceof Directive e && !e.is("default") && !e.is("hostnames") && !e.is("include")
                            && !e.is("volatile")) {
                        String key = unquote(e.name());
                        int skip = key.startsWith("~*") ? 2 : key.startsWith("~") ? 1 : -1;
                        if (skip > 0) {
                            report(ctx, e, e.nameSpan(), key.substring(skip));
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    /** {@code location ~ re}, {@code location ~* re}, and the modifier written onto the pattern. */
    private void location(RuleContext ctx, Directive d) {
        if (d.argCount() == 2 && (d.arg(0).equals("~") || d.arg(0).equals("~*"))) {
            regex(ctx, d, d.args().get(1), d.arg(1));
        } else if (d.argCount() == 1) {
            String a = d.arg(0);
            int skip = a.startsWith("~*") ? 2 : a.startsWith("~") ? 1 : 0;
            if (skip > 0 && a.length() > skip) {
                regex(ctx, d, d.args().get(0), a.substring(skip));
            }
        }
    }

    /** An argument that is a regex when it starts with {@code ~} ({@code ~*}: caseless). */
    private void tilde(RuleContext ctx, Directive d, Arg a, String v) {
        int skip = v.startsWith("~*") && (d.is("proxy_redirect") || d.is("proxy_cookie_path")
                || d.is("proxy_cookie_flags")) ? 2 : v.startsWith("~") ? 1 : 0;
        if (skip > 0 && v.length() > skip) {
            regex(ctx, d, a, v.substring(skip));
        }
    }

    /** {@code if ($x ~ re)}: the argument after the operator (the closing parenthesis cut off). */
    private void condition(RuleContext ctx, Directive d) {
        List<Arg> args = d.args();
        for (int k = 0; k + 1 < args.size(); k++) {
            String op = args.get(k).value();
            if (op.equals("~") || op.equals("~*") || op.equals("!~") || op.equals("!~*")) {
                if (k + 2 < args.size() && !args.get(k + 2).value().equals(")")) {
                    return; // a regex with spaces unquoted: nginx's own parse differs, CFG122 territory
                }
                Arg a = args.get(k + 1);
                String v = a.value();
                if (k + 2 == args.size() && !a.quoted() && v.endsWith(")")) {
                    v = v.substring(0, v.length() - 1);
                }
                regex(ctx, d, a, v);
                return;
            }
        }
    }

    private void regex(RuleContext ctx, Directive d, Arg a, String re) {
        report(ctx, d, a.span(), re);
    }

    private void report(RuleContext ctx, Directive d, Span whole, String re) {
        if (re.isEmpty()) {
            return;
        }
        Pcre2Syntax.Error e = Pcre2Syntax.check(re);
        if (e == null) {
            return;
        }
        ctx.report(ID, whole, headline(re, e.message(), "nginx") + " It says: pcre2_compile() failed: "
                + e.message() + " in \"" + re + "\" at \"" + re.substring(Math.min(e.offset(), re.length())) + "\" ("
                + d.name() + "). PCRE2 10.42 is what nginx 1.22 on Debian 12 uses; Java's regex reads some patterns"
                + " differently, proxylint reads them as PCRE2 does.");
    }

    /**
     * The first sentence, within 100 characters: the regex (cut) and PCRE2's reason when both fit,
     * else the regex alone (the reason follows in the next sentence).
     */
    static String headline(String re, String reason, String server) {
        String tail = " refuses to start.";
        int room = 100 - ("Regex \"\" does not compile (), so " + server + tail).length() - reason.length();
        if (room >= Math.min(16, re.length())) {
            return "Regex \"" + Brief.cut(re, room) + "\" does not compile (" + reason + "), so " + server + tail;
        }
        return "Regex \"" + Brief.cut(re, 40) + "\" does not compile, so " + server + tail;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
