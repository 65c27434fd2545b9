package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SEC102: a value that can carry a decoded line break written into a response or upstream request
 * header. nginx decodes %0d%0a in the request path into CR LF in {@code $uri},
 * {@code $document_uri}, {@code $request_filename} and in the captures of a regex location (when
 * the capture's pattern can match a line feed), and writes them into headers unchanged. Sinks:
 * {@code add_header} values, {@code proxy_set_header} values, the URL of {@code return 30x} and the
 * target of a redirecting {@code rewrite} (nginx escapes a rewrite's own captures there, but not
 * variables).
 */
public final class NginxHeaderInjectionRule extends BaseRule {
    private static final Set<String> REDIRECT_CODES = Set.of("301", "302", "303", "307", "308");

    public NginxHeaderInjectionRule() {
        super(Dialect.NGINX, "SEC102");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.each(ctx.facts().nginx(), s -> {
            for (Directive d : s.own("add_header")) {
                sink(ctx, s, d, 1, "add_header", "response header", false);
            }
            for (Directive d : s.own("proxy_set_header")) {
                sink(ctx, s, d, 1, "proxy_set_header", "request header sent to the backend", false);
            }
            for (Directive d : s.own("return")) {
                if (d.argCount() >= 2 && REDIRECT_CODES.contains(d.arg(0))) {
                    sink(ctx, s, d, 1, "return", "Location header", true);
                } else if (d.argCount() == 1 && isUrl(d.arg(0))) {
                    sink(ctx, s, d, 0, "return", "Location header", true);
                }
            }
            for (Directive d : s.own("rewrite")) {
                if (d.argCount() >= 2 && (isUrl(d.arg(1)) || (d.argCount() >= 3
                        && (d.arg(2).equals("redirect") || d.arg(2).equals("permanent"))))) {
                    sink(ctx, s, d, 1, "rewrite", "Location header", true);
                }
            }
        });
    }

    private static boolean isUrl(String v) {
        return v.startsWith("http://") || v.startsWith("https://") || v.startsWith("$scheme");
    }

    /** {@code what} names the directive; with argIndex 1 the finding adds its first argument (add_header X). */
    private static void sink(RuleContext ctx, Scope s, Directive d, int argIndex, String verb, String header,
            boolean redirect) {
        if (d.argCount() <= argIndex) {
            return;
        }
        Arg arg = d.args().get(argIndex);
        String v = arg.value();
        boolean rewrite = d.is("rewrite");
        Scope capSource = rewrite ? null : NginxVars.captureSource(s);
        RegexCaptures rc = capSource == null ? null : NginxVars.captures(capSource);
        String bad = null;
        boolean capture = false;
        for (NginxVars.Ref r : NginxVars.refs(v)) {
            if (NginxVars.DECODED_URI.contains(r.name())) {
                bad = r.name();
                break;
            }
            if (rc != null) {
                int g = NginxVars.group(rc, r.name());
                if (g > 0 && rc.canHold(g, '\n')) {
                    bad = r.name();
                    capture = true;
                    break;
                }
            }
        }
        if (bad == null) {
            return;
        }
        String what = argIndex == 1 && !d.is("rewrite") ? verb + " " + d.arg(0) : verb;
        Fix fix = redirect && !capture ? requestUriFix(arg, rewrite) : null;
        List<Related> related = new ArrayList<>();
        String source;
        if (capture) {
            int g = NginxVars.group(rc, bad);
            source = "capture $" + bad + " of (" + rc.group(g) + ") in location " + capSource.locationModifier() + " "
                    + capSource.locationPattern() + " matches the decoded URI and can hold a line feed";
            related.add(new Related(capSource.block().headSpan(), "the regex whose capture $" + bad + " can hold CR LF"));
        } else {
            source = "variable $" + bad + " holds the decoded URI";
        }
        String advice;
        if (capture) {
            advice = "Narrow the capture to the characters it needs, e.g. ([^/\\r\\n]+) or ([A-Za-z0-9._-]+).";
        } else if (redirect) {
            advice = "Use $request_uri, which keeps the client's %-escapes (it also carries the query string)"
                    + (fix == null ? "." : "; the fix does that.");
        } else {
            advice = "Use $request_uri (not decoded) or a map that keeps only safe characters.";
        }
        ctx.report("SEC102", d.span(), what + " lets %0d%0a in the URL inject headers. It copies the decoded URI into a header: "
                + "the " + source + ", so a request for /x%0d%0aSet-Cookie:%20a=b makes nginx write a line break "
                + "and an attacker's header into the " + header + (d.is("proxy_set_header") ? " (request header injection). "
                        : " (HTTP response splitting). ") + advice,
                related, fix);
    }

    /**
     * In a redirect target, {@code $uri$is_args$args} (or {@code $uri} at the end) becomes
     * {@code $request_uri}; null when the variable stands elsewhere. In a rewrite target it becomes
     * {@code $request_uri?}: the trailing '?' keeps nginx from appending the arguments a second time
     * ($request_uri already has them).
     */
    private static Fix requestUriFix(Arg arg, boolean rewrite) {
        String raw = arg.raw();
        if (raw.contains("\\")) {
            return null;
        }
        String q = arg.quoted() ? raw.substring(raw.length() - 1) : "";
        String body = arg.quoted() ? raw.substring(0, raw.length() - 1) : raw;
        for (String var : List.of("$uri", "${uri}", "$document_uri", "${document_uri}")) {
            for (String tail : List.of("$is_args$args", "")) {
                String t = var + tail;
                if (body.endsWith(t)) {
                    String nb = body.substring(0, body.length() - t.length()) + "$request_uri" + (rewrite ? "?" : "");
                    if (NginxVars.refs(nb).stream().anyMatch(r -> NginxVars.DECODED_URI.contains(r.name()))) {
                        return null;
                    }
                    return new Fix("Redirect with $request_uri", List.of(TextEdit.replace(arg.span(), nb + q)));
                }
            }
        }
        return null;
    }
}
