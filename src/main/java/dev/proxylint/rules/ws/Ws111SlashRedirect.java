package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Work;
import java.util.List;
import java.util.Set;

/**
 * WS111: a WebSocket prefix (or exact) location whose name ends with a slash ({@code location /ws/}) and
 * holds the proxy_pass. nginx then redirects a request for the name without the slash
 * ({@code /ws}) with a 301 to {@code /ws/} (the location's "auto redirect", which nginx checks
 * before any regex location), unless a location of the same level is named exactly {@code /ws}.
 * WebSocket clients do not follow redirects: a handshake at {@code /ws} fails.
 */
public final class Ws111SlashRedirect extends BaseRule {
    public Ws111SlashRedirect() {
        super(Dialect.NGINX, "WS111");
    }

    @Override
    public void check(RuleContext ctx) {
        java.util.Map<Scope, Set<String>> named = new java.util.HashMap<>(); // per level, built once
        for (NginxRoute r : ctx.facts().nginxRoutes()) {
            Scope loc = r.location();
            if (r.intent() == null || r.site() != loc || loc.locationPatternArg() == null) {
                continue; // a proxy_pass inside an if sets the redirect on the if, not on the location
            }
            String mod = loc.locationModifier();
            String name = loc.locationPattern();
            if (!(mod.isEmpty() || mod.equals("^~") || mod.equals("=")) || name.length() < 3 || !name.endsWith("/")
                    || libraryPath(name)) {
                continue;
            }
            String bare = name.substring(0, name.length() - 1);
            if (loc.parent() != null && named.computeIfAbsent(loc.parent(), Ws111SlashRedirect::names).contains(bare)) {
                continue;
            }
            ctx.report("WS111", loc.block().headSpan(), WebSocketWords.headline("location {} 301-redirects {}, which "
                    + "WebSocket clients do not follow.", name, bare) + " nginx redirects a request for a proxied prefix "
                    + "location's name without its trailing slash to the name with it, before it looks at any regex "
                    + "location; a browser's WebSocket to " + bare + " then fails the handshake. Connect to " + name
                    + ", or add location = " + bare + " with the same proxying. " + WebSocketWords.because(r.intent()),
                    List.of(new Related(r.proxyPass().span(), "the proxy_pass that turns the redirect on")), null);
        }
    }

    /** Client libraries that always connect with the slash (socket.io, engine.io): no client asks for the bare name. */
    private static boolean libraryPath(String name) {
        return name.endsWith("/socket.io/") || name.endsWith("/engine.io/");
    }

    /** The names of a level's locations that stop the redirect: exact, ^~ and plain prefix locations. */
    private static Set<String> names(Scope parent) {
        Set<String> out = new java.util.HashSet<>();
        for (Scope s : parent.children()) {
            Work.tick();
            String m = s.locationModifier();
            if (s.kind() == Scope.Kind.LOCATION && (m.isEmpty() || m.equals("^~") || m.equals("="))) {
                out.add(s.locationPattern());
            }
        }
        return out;
    }
}
