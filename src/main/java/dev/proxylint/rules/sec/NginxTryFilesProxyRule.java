package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC133: {@code try_files} and {@code proxy_pass} (or {@code grpc_pass}) in one location. The
 * location's content handler is the proxy, so try_files only picks the URI the proxy sends: a file
 * found on disk is proxied under its own path, never served; a URI fallback is proxied as that URI;
 * {@code =code} answers every other request itself. Not reported: the existence gate of a regex
 * location ({@code location ~ \.php$ { try_files $uri =404; proxy_pass ...; }}), where passing only
 * files that exist is the point.
 */
public final class NginxTryFilesProxyRule extends BaseRule {
    static final String ID = "SEC133";
    private static final List<String> PROXIES = List.of("proxy_pass", "grpc_pass");

    public NginxTryFilesProxyRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (Scope loc : ctx.facts().nginx().locations()) {
            Directive tf = loc.ownLast("try_files");
            if (tf == null || tf.argCount() < 2) {
                continue;
            }
            Directive pass = null;
            for (String p : PROXIES) {
                if (pass == null) {
                    pass = loc.ownLast(p);
                }
            }
            if (pass == null) {
                continue;
            }
            String last = tf.arg(tf.argCount() - 1);
            boolean code = last.startsWith("=");
            if (code && loc.isRegexLocation() && !testsDirectories(tf)) {
                continue; // the gate: only files that exist reach the backend
            }
            String rest = code
                    ? "every other request gets " + last.substring(1) + " from nginx and never reaches the backend"
                    : last.startsWith("@")
                            ? "only requests for files that do not exist go to " + last
                            : "every other request is proxied as " + last + ", whatever its own path was";
            String mod = loc.locationModifier();
            String where = "location " + (mod.isEmpty() || mod.equals("@") ? "" : mod + " ") + loc.locationPattern();
            ctx.report(ID, tf.span(), where + " has both try_files and " + pass.name() + ". The content handler of the "
                    + "location is " + pass.name() + ", so try_files only chooses the URI it sends: a request for a file "
                    + "that exists on disk is proxied under that path instead of served from disk, and " + rest + ". Serve "
                    + "files in one location and proxy in another: try_files ... @backend here, and " + pass.name()
                    + " only in location @backend.",
                    List.of(new Related(pass.span(), "the " + pass.name() + " that handles whatever try_files picks")), null);
        }
    }

    /** Whether a try_files file argument tests for a directory ({@code $uri/}). */
    private static boolean testsDirectories(Directive tf) {
        for (int i = 0; i < tf.argCount() - 1; i++) {
            if (tf.arg(i).endsWith("/")) {
                return true;
            }
        }
        return false;
    }
}
