package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC132: an {@code if} inside a location that has {@code try_files}. When the condition matches,
 * nginx switches the request to the if block's own configuration; try_files is never inherited
 * (ngx_http_try_files_module has no merge), so the precontent phase finds none and the request
 * goes straight to the content handler: the static module, or the proxy/fastcgi backend that the
 * if block does inherit. An if that ends the request or leaves the location ({@code return}, a
 * {@code rewrite} other than {@code break}) is not reported.
 */
public final class NginxTryFilesIfRule extends BaseRule {
    static final String ID = "SEC132";
    private static final List<String> BACKENDS = List.of("proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass",
            "grpc_pass");

    public NginxTryFilesIfRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (Scope loc : ctx.facts().nginx().locations()) {
            Directive tf = loc.ownLast("try_files");
            if (tf == null) {
                continue;
            }
            for (Scope c : loc.children()) {
                if (c.kind() != Scope.Kind.IF || ends(c)) {
                    continue;
                }
                Directive backend = null;
                for (String b : BACKENDS) {
                    if (backend == null) {
                        backend = c.ownLast(b) != null ? c.ownLast(b) : loc.ownLast(b);
                    }
                }
                String effect = backend == null
                        ? "nginx serves the URI as it is (a missing file is a 404, not the try_files fallback)"
                        : "the request goes to " + backend.name() + " even for files that do not exist, which "
                                + "is what try_files was there to stop";
                ctx.report(ID, c.block().headSpan(), "if in location " + (loc.isRegexLocation() ? loc.locationModifier() + " " : "")
                        + loc.locationPattern() + " turns off try_files "
                        + "whenever its condition matches. A matching if gives the request the if block's own "
                        + "configuration, and try_files is never inherited into it, so " + effect + ". Compute the "
                        + "condition outside the location (a map, or a location of its own), or let the if only "
                        + "end the request (return, rewrite ... last).",
                        List.of(new Related(tf.span(), "the try_files a matching if skips")), null);
            }
        }
    }

    /** An if block that ends the request (so which configuration it has afterwards does not matter). */
    static boolean ends(Scope ifScope) {
        if (ifScope.has("return")) {
            return true;
        }
        for (Directive r : ifScope.own("rewrite")) {
            // without a flag, with last or a redirect the request leaves the location; break stays in the if
            if (r.argCount() < 3 || !r.arg(2).equals("break")) {
                return true;
            }
        }
        return false;
    }
}
