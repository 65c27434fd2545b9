package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SEC201: {@code ProxyRequests On} makes the server an open forward proxy (the last setting of each
 * server counts), unless a {@code <Proxy>} section that covers every URL it may be asked for limits
 * who may use it: mod_proxy matches a forward request's URL against the server's own sections and
 * the main server's ({@code proxy_walk}), and their Require or Order/Allow/Deny decide.
 */
public final class Sec201ProxyRequestsOn extends BaseRule {
    /**
     * URLs a forward proxy is asked for: a guard must cover http, and https when SSLProxyEngine is on
     * (without it mod_proxy_http answers an https request with 500 and relays nothing).
     */
    private static final List<String> HTTP = List.of("http://internal.example:8080/admin", "http://203.0.113.7/");
    private static final List<String> HTTP_AND_HTTPS = List.of("http://internal.example:8080/admin",
            "http://203.0.113.7/", "https://internal.example/", "https://203.0.113.7:8443/x");

    public Sec201ProxyRequestsOn() {
        super(Dialect.APACHE, "SEC201");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            Directive pr = s.last("ProxyRequests");
            if (pr != null && "on".equalsIgnoreCase(pr.arg(0)) && !guarded(s)) {
                ctx.report("SEC201", pr.span(), "ProxyRequests On turns this server into a forward proxy, and no "
                        + "<Proxy \"*\"> section limits who may use it. Anyone who can reach it can relay requests to "
                        + "any host. A reverse proxy needs only ProxyPass.",
                        List.of(), new Fix("Turn ProxyRequests off", List.of(TextEdit.replace(pr.args().get(0).span(), "Off"))));
            }
        }
    }

    /** Whether a {@code <Proxy>} section of the server (or the main server) that covers every URL restricts access. */
    private static boolean guarded(ApacheScope s) {
        Directive tls = s.effective("SSLProxyEngine");
        List<String> urls = tls != null && "on".equalsIgnoreCase(tls.arg(0)) ? HTTP_AND_HTTPS : HTTP;
        for (ApacheScope o : s.selfThenMain()) {
            for (Directive sec : o.proxySections()) {
                if (coversAll(sec, urls) && restricts(ApacheCompatAccess.of(sec))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code <Proxy *>}, {@code <Proxy ~ .*>}, {@code <ProxyMatch .*>} and the like: every sample URL matches. */
    private static boolean coversAll(Directive sec, List<String> urls) {
        Pattern p;
        if (sec.is("ProxyMatch") && sec.argCount() == 1) {
            p = compile(sec.arg(0));
        } else if (sec.is("Proxy") && sec.argCount() == 2 && "~".equals(sec.arg(0))) {
            p = compile(sec.arg(1));
        } else if (sec.is("Proxy") && sec.argCount() == 1) {
            // apr_fnmatch without flags: * and ? match any character, / included
            p = Pattern.compile(Pattern.quote(sec.arg(0)).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
            return urls.stream().allMatch(u -> p.matcher(u).matches());
        } else {
            return false;
        }
        return p != null && urls.stream().allMatch(u -> p.matcher(u).find());
    }

    private static Pattern compile(String re) {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /**
     * Whether the section refuses someone: a Require other than all granted, or a host check
     * (Order/Allow/Deny) that does not pass everyone; with Satisfy Any both must refuse.
     */
    private static boolean restricts(ApacheCompatAccess a) {
        if (a == null) {
            return true; // <Limit> inside: per-method rules, which proxylint does not model; say nothing
        }
        boolean host = (!a.allows().isEmpty() || !a.denies().isEmpty()) && !a.passesAnyone();
        boolean require = a.require() != null;
        return a.satisfyAny() ? host && require : host || require;
    }
}
