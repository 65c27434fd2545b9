package dev.proxylint.rules.sec;

import dev.proxylint.facts.VersionFacts;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * SEC112 ("NGINX Rift", CVE-2026-42945): in one rewrite program (a server's or a location's
 * rewrite-module directives, if blocks inlined), a {@code rewrite} without a flag whose
 * replacement has arguments ('?') is followed by a {@code set}, an {@code if ... = ...} or a
 * {@code rewrite} with variables that copies a numbered capture. nginx 0.6.27 to 1.30.0 leave the
 * engine's argument flag set after the first rewrite, so the later directive sizes its buffer for
 * the capture unescaped and then writes it escaped: '+' or %-escapes in the request path overflow
 * the worker's heap. Named captures are copied as variables, without escaping, and are safe.
 */
public final class NginxRewriteArgsCapturesRule extends BaseRule {
    public NginxRewriteArgsCapturesRule() {
        super(Dialect.NGINX, "SEC112");
    }

    @Override
    public void check(RuleContext ctx) {
        String version = ctx.settings().nginxVersion();
        if (VersionFacts.atLeast(version, VersionFacts.NGINX_REWRITE_ARGS_ESCAPE_FIXED)) {
            return;
        }
        NginxModel m = ctx.facts().nginx();
        NginxRewriteScripts.each(m, (scope, program) -> check(ctx, version, scope, program));
    }

    private static void check(RuleContext ctx, String version, Scope scope, List<Directive> program) {
        Directive armed = null;
        RegexCaptures latest = scope.isRegexLocation() ? NginxVars.captures(scope) : null;
        for (Directive d : program) {
            if (armed != null) {
                List<Integer> used = consumed(d, latest);
                if (!used.isEmpty() && ctx.once("SEC112", d)) {
                    report(ctx, version, d, armed, used.get(0));
                }
            }
            if (d.is("rewrite") && d.argCount() >= 2) {
                latest = new RegexCaptures(d.arg(0), false);
                if (armed == null && !NginxRewriteScripts.stops(d) && NginxRewriteScripts.hasArgs(d)) {
                    armed = d;
                }
            } else if (d.is("if")) {
                String re = NginxRewriteScripts.ifRegex(d);
                if (re != null) {
                    latest = new RegexCaptures(re, NginxRewriteScripts.ifCaseless(d));
                }
            }
        }
    }

    /**
     * The numbered captures a directive copies through the script engine's capture code with a
     * buffer sized beforehand: a set value, the right side of an if comparison, a rewrite target
     * with variables or a capture used twice (a rewrite without either gets a bound that covers
     * escaping). Only captures of the latest regex that can hold a character nginx escapes count
     * ({@code $3} of a two-group regex is empty, {@code (\\d+)} is never escaped).
     */
    private static List<Integer> consumed(Directive d, RegexCaptures latest) {
        String value = null;
        if (d.is("set") && d.argCount() >= 2) {
            value = d.arg(1);
        } else if (d.is("if") && NginxRewriteScripts.ifRegex(d) == null) {
            List<String> v = d.values();
            for (int i = 0; i + 1 < v.size(); i++) {
                if (v.get(i).equals("=") || v.get(i).equals("!=")) {
                    value = String.join(" ", v.subList(i + 1, v.size()));
                    break;
                }
            }
        } else if (d.is("rewrite") && d.argCount() >= 2) {
            String t = d.arg(1);
            List<Integer> caps = NginxRewriteScripts.numbered(t);
            boolean dup = caps.stream().distinct().count() < caps.size();
            if (NginxRewriteScripts.hasVariable(t) || dup) {
                value = t;
            }
            latest = new RegexCaptures(d.arg(0), false);
        }
        if (value == null) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (int n : NginxRewriteScripts.numbered(value)) {
            if (latest != null && n <= latest.count() && latest.canHoldAny(n, NginxRewriteScripts.ESCAPED)) {
                out.add(n);
            }
        }
        return out;
    }

    private static void report(RuleContext ctx, String version, Directive d, Directive armed, int n) {
        String which = version == null
                ? "nginx 0.6.27 to 1.30.0 (the target version is unknown: set --nginx-version)"
                : "nginx " + version;
        ctx.report("SEC112", d.span(), d.name() + " copies $" + n + " after a rewrite with '?' in its target (NGINX Rift, "
                + "CVE-2026-42945). On " + which + " the rewrite on line " + armed.line() + " leaves its "
                + "argument-escaping flag set, so this " + d.name() + " sizes its buffer for $" + n + " unescaped and "
                + "then writes it escaped: a request whose path has '+' or %-escapes overflows the worker's heap "
                + "(a crash at least; code execution is possible). Use a named capture, (?<name>...) and $name, which "
                + "nginx copies without escaping, or run 1.30.1, 1.31.0 or later (distributions backport the fix: "
                + "check the package's changelog).",
                List.of(new Related(armed.span(), "the rewrite whose '?' leaves argument escaping on")), null);
    }
}
