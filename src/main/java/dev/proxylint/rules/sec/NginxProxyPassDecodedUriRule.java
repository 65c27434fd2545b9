package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * SEC116: the URI part of a {@code proxy_pass} with variables holds the decoded request path
 * ({@code $uri}, {@code $document_uri}, or a capture of the regex location that can hold a
 * character the client %-encodes). With variables nginx sends that URI to the backend as it is,
 * without escaping it again (verified on nginx 1.22.1): %3F becomes a real '?' (the client adds query arguments), %23 a '#',
 * %20 a space and %0D%0A a line break in the request line (headers of the client's choosing in the
 * upstream request). Without a URI part nginx passes the client's own, still escaped, request URI.
 */
public final class NginxProxyPassDecodedUriRule extends BaseRule {
    /** Characters that change the upstream request when sent unescaped. */
    private static final String SPLITTING = "\r\n";
    private static final String RESHAPING = "?# ";

    public NginxProxyPassDecodedUriRule() {
        super(Dialect.NGINX, "SEC116");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.with(ctx.facts().nginx(), "proxy_pass", s -> {
            for (Directive d : s.own("proxy_pass")) {
                check(ctx, s, d);
            }
        });
    }

    private static void check(RuleContext ctx, Scope s, Directive d) {
        if (d.argCount() < 1) {
            return;
        }
        String url = d.arg(0);
        int sep = url.indexOf("://");
        if (sep < 0) {
            return;
        }
        Scope capSource = NginxVars.captureSource(s);
        RegexCaptures rc = capSource == null ? null : NginxVars.captures(capSource);
        // the path starts at the first literal '/' after the host, or at a variable whose value
        // starts with '/' ($uri, a capture of (/...)); variables before it are the host (SEC104)
        int slash = url.indexOf('/', sep + 3);
        int start = slash < 0 ? url.length() : slash;
        for (NginxVars.Ref r : NginxVars.refs(url)) {
            if (r.start() >= start) {
                break;
            }
            if (startsPath(rc, r.name())) {
                start = r.start();
                break;
            }
        }
        for (NginxVars.Ref r : NginxVars.refs(url)) {
            if (r.start() < start) {
                continue; // the host part: SEC104's question
            }
            boolean split;
            String source;
            if (r.name().equals("uri") || r.name().equals("document_uri")) {
                split = true;
                source = "$" + r.name() + " is the decoded, normalised request path";
            } else if (rc != null && NginxVars.group(rc, r.name()) > 0) {
                int g = NginxVars.group(rc, r.name());
                split = rc.canHoldAny(g, SPLITTING);
                if (!split && !rc.canHoldAny(g, RESHAPING)) {
                    continue;
                }
                source = "$" + r.name() + " is a capture of (" + rc.group(g) + ") from the decoded request path";
            } else {
                continue;
            }
            report(ctx, d, r, source, split, capSource);
            return;
        }
    }

    private static boolean startsPath(RegexCaptures rc, String name) {
        if (name.equals("uri") || name.equals("document_uri") || name.equals("request_uri")) {
            return true;
        }
        int g = rc == null ? -1 : NginxVars.group(rc, name);
        String text = g > 0 ? rc.group(g) : null;
        return text != null && (text.startsWith("/") || text.startsWith("\\/"));
    }

    /** Error where the value can hold a line break (the client writes upstream headers), else warning. */
    static Level level(RuleContext ctx, boolean split) {
        return split ? Level.ERROR : ctx.defaultLevel("SEC116");
    }

    private static void report(RuleContext ctx, Directive d, NginxVars.Ref r, String source, boolean split,
            Scope capSource) {
        String what = split ? "%0D%0A becomes a line break in the request line, so the client writes its own "
                + "headers (or a second request) into the upstream request"
                : "%3F becomes a '?' (the client appends query arguments the backend trusts), %23 a '#' and %20 a space "
                        + "in the request line";
        List<Related> related = new ArrayList<>();
        if (capSource != null && !r.name().equals("uri") && !r.name().equals("document_uri")) {
            related.add(new Related(capSource.block().headSpan(), "the regex the capture comes from"));
        }
        Fix fix = fix(d);
        ctx.report(new Finding("SEC116", level(ctx, split), "proxy_pass sends the decoded $" + r.name()
                + " to the backend unescaped. With variables in its URL nginx passes the URI part as it is: "
                + source + ", and " + what + ". Without a URI part (proxy_pass http://backend;) nginx passes the "
                + "request URI as the client sent it, still escaped (after a rewrite: the new URI, escaped)" + (fix != null ? "; the fix does that." : "; or narrow the capture "
                        + "to the characters the path needs, e.g. ([A-Za-z0-9/._-]+)."),
                d.span(), related, fix));
    }

    /** {@code scheme://host$uri$is_args$args} is exactly {@code scheme://host} (escaped); other forms have no fix. */
    private static Fix fix(Directive d) {
        Arg a = d.args().get(0);
        String raw = a.raw();
        if (raw.contains("\\") || a.quoted()) {
            return null;
        }
        for (String tail : List.of("$uri$is_args$args", "${uri}$is_args$args", "$uri${is_args}${args}")) {
            if (raw.endsWith(tail)) {
                String base = raw.substring(0, raw.length() - tail.length());
                int sep = base.indexOf("://");
                if (sep > 0 && base.indexOf('/', sep + 3) < 0 && base.indexOf('$') < 0) {
                    return new Fix("Pass the URI the way nginx escapes it: proxy_pass " + base,
                            List.of(TextEdit.replace(a.span(), base)));
                }
            }
        }
        return null;
    }
}
