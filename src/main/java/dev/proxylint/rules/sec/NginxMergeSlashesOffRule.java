package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC126: {@code merge_slashes off} in a server where a prefix or exact location restricts access
 * ({@code deny}, {@code auth_basic}, {@code auth_request}) and the same path with a doubled leading
 * slash is selected, by nginx's own location selection, into a location without that restriction
 * that proxies the request. nginx then matches {@code //admin} as written, while most backends
 * read it as {@code /admin}. One finding per server, on the merge_slashes line.
 */
public final class NginxMergeSlashesOffRule extends BaseRule {
    private static final List<String> PASSES = List.of("proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass",
            "grpc_pass");

    private record Place(Directive directive, Scope server) {
    }

    public NginxMergeSlashesOffRule() {
        super(Dialect.NGINX, "SEC126");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        for (Scope server : m.servers()) {
            Directive ms = server.effective("merge_slashes");
            if (ms == null || !"off".equals(ms.arg(0))) {
                continue;
            }
            for (Scope loc : m.locationsOf(server)) {
                String mod = loc.locationModifier();
                String path = loc.locationPattern();
                if (!(mod.isEmpty() || mod.equals("^~") || mod.equals("=")) || !path.startsWith("/")
                        || path.length() < 2 || !guarded(loc)) {
                    continue;
                }
                String doubled = "/" + path;
                Scope other = NginxModel.select(server, doubled);
                if (other == null || other == loc || guarded(other) || !passes(other)) {
                    continue;
                }
                if (!ctx.once("SEC126", new Place(ms, server))) {
                    break;
                }
                ctx.report("SEC126", ms.span(), "merge_slashes off lets " + doubled + " bypass location " + path
                        + ". nginx matches the URI as written, so " + doubled + " does not select the restricted "
                        + "location " + path + " but location " + other.locationPattern() + ", which proxies it "
                        + "without the restriction, and most backends read " + doubled + " as " + path + ". Turn "
                        + "merge_slashes on (the default), or repeat the restriction where the doubled path lands.",
                        List.of(), null);
                break;
            }
        }
    }

    /** Access restricted here: allow/deny rules that deny someone, or basic/subrequest authentication in effect. */
    private static boolean guarded(Scope s) {
        if (NginxAccess.restricted(s)) {
            return true;
        }
        Directive basic = s.effective("auth_basic");
        if (basic != null && !"off".equals(basic.arg(0))) {
            return true;
        }
        Directive req = s.effective("auth_request");
        return req != null && !"off".equals(req.arg(0));
    }

    private static boolean passes(Scope s) {
        for (String p : PASSES) {
            if (s.has(p)) {
                return true;
            }
        }
        return false;
    }
}
