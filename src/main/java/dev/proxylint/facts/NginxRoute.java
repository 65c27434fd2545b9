package dev.proxylint.facts;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A proxied nginx route: the location (or an {@code if} inside it) holding a {@code proxy_pass},
 * with the header and version settings nginx will actually apply to it.
 *
 * @param location  the location scope (settings come from here and its ancestors)
 * @param site      the scope that holds the proxy_pass (the location, or an if/limit_except in it)
 * @param proxyPass the proxy_pass directive
 * @param intent    why this route needs WebSocket upgrades, or null
 */
public record NginxRoute(Scope location, Scope site, Directive proxyPass, WebSocketIntent intent) {

    /** Every proxied route of a model, in file order. */
    public static List<NginxRoute> all(NginxModel model, FactSettings settings) {
        List<NginxRoute> out = new ArrayList<>();
        for (Scope loc : model.locations()) {
            collect(model, loc, loc, settings, out);
        }
        return out;
    }

    private static void collect(NginxModel model, Scope loc, Scope site, FactSettings settings, List<NginxRoute> out) {
        Directive pp = site.ownLast("proxy_pass");
        if (pp != null) {
            out.add(new NginxRoute(loc, site, pp, intentOf(model, loc, pp, settings)));
        }
        for (Scope c : site.children()) {
            if (c.kind() == Scope.Kind.IF || c.kind() == Scope.Kind.LIMIT_EXCEPT) {
                collect(model, loc, c, settings, out);
            }
        }
    }

    public String target() {
        return proxyPass.arg(0) == null ? "" : proxyPass.arg(0);
    }

    /** The header directives nginx sends on this route (after the all-or-nothing inheritance). */
    public List<Directive> headers() {
        return location.effectiveArray("proxy_set_header");
    }

    /** The effective header with a name (case-insensitive), or null. */
    public Directive header(String name) {
        Directive found = null;
        for (Directive d : headers()) {
            if (d.argCount() >= 1 && d.arg(0).equalsIgnoreCase(name)) {
                found = d;
            }
        }
        return found;
    }

    /**
     * Header directives set at an outer level that this route does not get because its own level
     * (or a level between) sets other headers: nginx inherits proxy_set_header only into a level
     * that has none of its own.
     */
    public List<Directive> droppedOuterHeaders() {
        Scope owner = location.arrayOwner("proxy_set_header");
        if (owner == null) {
            return List.of();
        }
        List<Directive> own = owner.own("proxy_set_header");
        List<Directive> dropped = new ArrayList<>();
        for (Scope s = owner.parent(); s != null; s = s.parent()) {
            List<Directive> outer = s.own("proxy_set_header");
            if (outer.isEmpty()) {
                continue;
            }
            for (Directive d : outer) {
                if (d.argCount() >= 1 && own.stream().noneMatch(o -> o.argCount() >= 1 && o.arg(0).equalsIgnoreCase(d.arg(0)))) {
                    dropped.add(d);
                }
            }
            break; // only the nearest level with headers would have been inherited
        }
        return dropped;
    }

    /** The map in effect for a variable if it maps {@code $http_upgrade}, when a value is such a variable; else null. */
    public static Directive upgradeMap(NginxModel model, String value) {
        String v = value.trim();
        if (!v.startsWith("$")) {
            return null;
        }
        String name = v.substring(1).replace("{", "").replace("}", "");
        List<Directive> defs = model.definitions(name);
        if (defs == null) {
            return null;
        }
        // nginx uses the last map/geo that defines a variable (the earlier ones are dead)
        Directive last = null;
        for (Directive d : defs) {
            if (d.is("map") || d.is("geo")) {
                last = d;
            }
        }
        if (last != null && last.is("map") && last.argCount() >= 2 && last.arg(0).equalsIgnoreCase("$http_upgrade")) {
            return last;
        }
        return null;
    }

    /**
     * Whether a map block has an entry whose value (lower-cased, as written) passes a test, e.g.
     * whether {@code map $http_upgrade $connection_upgrade} can ever yield "upgrade".
     */
    public static boolean mapYields(Directive map, Predicate<String> test) {
        if (map == null || !map.hasBlock()) {
            return false;
        }
        for (Directive e : Tree.effective(map.children())) {
            if (e.argCount() >= 1 && test.test(e.arg(0).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether requests for a regex location's socket segment can reach it: some path with the
     * segment that its regex matches is one nginx's location selection gives to this location.
     * When no such path can be made up from the pattern, the location is taken as reachable.
     */
    static boolean reachable(Scope regexLocation, String segment) {
        java.util.regex.Pattern re = regexLocation.regex();
        Scope server = regexLocation.enclosing(Scope.Kind.SERVER);
        if (re == null || server == null) {
            return true;
        }
        String lit = literalPrefix(regexLocation.locationPattern());
        boolean matchedAny = false;
        for (String base : List.of("", lit)) {
            for (String path : List.of(base + "/" + segment, base + "/" + segment + "/", base + "/" + segment + "/x",
                    base + segment, base + segment + "/", base + segment + "/x")) {
                if (!path.startsWith("/") || !re.matcher(path).find()) {
                    continue;
                }
                matchedAny = true;
                if (NginxModel.select(server, path) == regexLocation) {
                    return true;
                }
            }
        }
        return !matchedAny;
    }

    /** The literal start of a regex after {@code ^} (up to its first metacharacter), without a trailing slash. */
    private static String literalPrefix(String regex) {
        String r = regex.startsWith("^") ? regex.substring(1) : regex;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if ("()[]{}|.*+?^$\\".indexOf(c) >= 0) {
                break;
            }
            sb.append(c);
        }
        String out = sb.toString();
        return out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    }

    private static WebSocketIntent intentOf(NginxModel model, Scope loc, Directive pp, FactSettings settings) {
        if ("never".equals(settings.websocket())) {
            return null;
        }
        if ("always".equals(settings.websocket())) {
            return new WebSocketIntent("the configuration says every proxied route carries WebSockets (websocket: always)", null);
        }
        String target = pp.arg(0) == null ? "" : pp.arg(0).toLowerCase(Locale.ROOT);
        if (target.startsWith("ws://") || target.startsWith("wss://")) {
            return new WebSocketIntent("it proxies to a ws:// URL", pp.args().get(0).span());
        }
        for (Scope s = loc; s != null; s = s.parent()) {
            for (Directive h : s.own("proxy_set_header")) {
                if (h.argCount() >= 1 && (h.arg(0).equalsIgnoreCase("Upgrade") || (h.arg(0).equalsIgnoreCase("Connection")
                        && h.argCount() >= 2 && h.arg(1).toLowerCase(Locale.ROOT).contains("upgrade")))) {
                    return new WebSocketIntent("it sets the " + h.arg(0) + " header", h.span());
                }
            }
            if (s.kind() == Scope.Kind.LOCATION) {
                for (Scope c : s.children()) {
                    if (c.kind() == Scope.Kind.IF && c.block().toString().toLowerCase(Locale.ROOT).contains("$http_upgrade")) {
                        return new WebSocketIntent("it tests the Upgrade header", c.block().headSpan());
                    }
                }
            }
        }
        for (Scope s = loc; s != null && s.kind() == Scope.Kind.LOCATION; s = s.parent()) {
            String seg = WebSocketIntent.socketSegment(s.locationPattern(), settings.websocketPaths());
            if (seg != null && s.isRegexLocation() && !reachable(s, seg)) {
                continue; // its socket alternative is always taken by another location first (a ^~ prefix)
            }
            if (seg != null) {
                return new WebSocketIntent("its path " + s.locationPattern() + " looks like a socket endpoint ("
                        + seg + ")", s.block().headSpan());
            }
        }
        return null;
    }
}
