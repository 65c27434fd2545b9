package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.facts.WebSocketIntent;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WebSocket proxying in nginx: the upgrade needs HTTP/1.1 to the backend and the hop-by-hop
 * Upgrade and Connection headers passed on explicitly, and nginx's inheritance and location
 * selection can silently undo both.
 */
public final class NginxWebSocketRules implements Rule {
    static final String MAP_NAME = "$connection_upgrade";
    private static final Pattern HTTP_UPGRADE = Pattern.compile("\\$(http_upgrade(?![a-z0-9_])|\\{http_upgrade})");

    @Override
    public Set<String> ids() {
        return Set.of("WS100", "WS101", "WS102", "WS103", "WS105", "WS106", "WS107", "WS108", "WS109", "WS110");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.NGINX);
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        List<NginxRoute> routes = ctx.facts().nginxRoutes();
        // a directive at server or http level is shared by many routes: report it once
        Set<Directive> trapSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Directive> styleSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Directive> versionSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (NginxRoute r : routes) {
            checkScheme(ctx, r);
            if (r.intent() != null) {
                checkHeaders(ctx, model, r, trapSeen);
                checkVersion(ctx, r, versionSeen);
            } else {
                checkPlainRoot(ctx, r);
            }
            checkHeaderStyle(ctx, model, r, styleSeen);
        }
        checkShadowing(ctx, model, routes);
    }

    private static String where(NginxRoute r) {
        return r.location().kind() == Scope.Kind.LOCATION ? "location " + r.location().locationPattern() : "this route";
    }

    /** "line 12", or "line 3 of inc/ws.inc" when the directive is in another file than the route. */
    private static String lineOf(Directive d, NginxRoute r) {
        return "line " + d.span().startLine() + (d.file() == r.location().block().file() ? "" : " of " + d.file().name());
    }

    private static String because(WebSocketIntent i) {
        return "proxylint treats it as a WebSocket route because " + i.reason() + ".";
    }

    // WS110: proxy_pass ws://
    private void checkScheme(RuleContext ctx, NginxRoute r) {
        String t = r.target().toLowerCase(Locale.ROOT);
        if (!(t.startsWith("ws://") || t.startsWith("wss://"))) {
            return;
        }
        Arg a = r.proxyPass().args().get(0);
        String fixed = (t.startsWith("wss://") ? "https://" : "http://") + r.target().substring(t.indexOf("://") + 3);
        ctx.report("WS110", a.span(), "proxy_pass does not accept a ws:// or wss:// URL: nginx refuses to start "
                + "(invalid URL prefix). Use http:// or https:// and pass the Upgrade and Connection headers instead.",
                List.of(), new Fix("Use " + fixed.substring(0, fixed.indexOf("://") + 3) + " in proxy_pass",
                        List.of(TextEdit.replace(a.span(), fixed))));
    }

    private static boolean forwardsUpgrade(NginxModel model, Directive h) {
        if (h == null || h.argCount() < 2) {
            return false;
        }
        String v = h.arg(1).toLowerCase(Locale.ROOT);
        // $http_upgrade itself, not a longer name like $http_upgrades (an empty, unknown header)
        return HTTP_UPGRADE.matcher(v).find() || v.equals("websocket")
                || NginxRoute.mapYields(NginxRoute.upgradeMap(model, h.arg(1)), NginxWebSocketRules::upgradeToken);
    }

    private static boolean upgradeToken(String value) {
        return value.equals("websocket") || HTTP_UPGRADE.matcher(value).find();
    }

    /**
     * The Upgrade value to write: the variable of a map that lets only websocket through when the
     * config has one (no h2c smuggling, WS106), else $http_upgrade.
     */
    private static String upgradeValue(NginxModel model) {
        for (String var : model.definedVariables().keySet()) {
            Directive map = NginxRoute.upgradeMap(model, "$" + var);
            if (map != null && NginxRoute.mapYields(map, "websocket"::equals)
                    && !NginxRoute.mapYields(map, v -> HTTP_UPGRADE.matcher(v).find())) {
                return "$" + var;
            }
        }
        return "$http_upgrade";
    }

    private static boolean connectionUpgrade(NginxModel model, Directive h) {
        if (h == null || h.argCount() < 2) {
            return false;
        }
        String v = h.arg(1).toLowerCase(Locale.ROOT);
        if (v.equals("$http_connection") || v.equals("${http_connection}")) {
            // the client's own Connection header: Chrome's "Upgrade" and Firefox's "keep-alive, Upgrade"
            // both carry the upgrade token, so the backend sees it (tested on nginx 1.22 with both)
            return true;
        }
        return v.contains("upgrade") && !v.startsWith("$")
                || NginxRoute.mapYields(NginxRoute.upgradeMap(model, h.arg(1)), x -> x.contains("upgrade"))
                || setsUpgrade(model, v);
    }

    /** Whether a variable value ($name) is set to something with "upgrade" by a set directive (set/if recipe). */
    private static boolean setsUpgrade(NginxModel model, String value) {
        if (!value.startsWith("$")) {
            return false;
        }
        List<Directive> defs = model.definedVariables().get(value.substring(1).replace("{", "").replace("}", ""));
        return defs != null && defs.stream().anyMatch(d -> d.is("set") && d.argCount() >= 2
                && d.arg(1).toLowerCase(Locale.ROOT).contains("upgrade"));
    }

    /**
     * The edits that make a route pass the two headers: a wrong existing value is replaced; missing
     * ones are added to the location, together with copies of the headers it inherited so far
     * (adding any proxy_set_header to a block would otherwise cut that inheritance); the map is
     * added once where it is missing.
     */
    private static List<TextEdit> headerEdits(NginxModel model, NginxRoute r) {
        List<TextEdit> edits = new ArrayList<>();
        String connection = connectionValue(model, edits);
        Directive up = r.header("Upgrade");
        Directive conn = r.header("Connection");
        Scope owner = r.location().arrayOwner("proxy_set_header");
        boolean inherited = owner != null && owner != r.location();
        List<String> lines = new ArrayList<>();
        if (inherited) {
            for (Directive d : owner.own("proxy_set_header")) {
                if (d == up || d == conn) {
                    continue;
                }
                lines.add(d + ";");
            }
        }
        String upgrade = upgradeValue(model);
        if (up != null && !inherited && up.argCount() >= 2) {
            if (!forwardsUpgrade(model, up)) {
                edits.add(TextEdit.replace(up.args().get(1).span(), upgrade));
            }
        } else if (up == null || inherited) {
            lines.add("proxy_set_header Upgrade " + (up != null && forwardsUpgrade(model, up) ? up.args().get(1).raw()
                    : upgrade) + ";");
        }
        if (conn != null && !inherited && conn.argCount() >= 2) {
            if (!connectionUpgrade(model, conn)) {
                edits.add(TextEdit.replace(conn.args().get(1).span(), connection));
            }
        } else if (conn == null || inherited) {
            lines.add("proxy_set_header Connection " + (conn != null && connectionUpgrade(model, conn)
                    ? conn.args().get(1).raw() : connection) + ";");
        }
        if (!lines.isEmpty()) {
            edits.add(NginxEdits.appendToBlock(r.location().block(), lines));
        }
        return edits;
    }

    /**
     * The Connection value to write: {@code $connection_upgrade} when the config has (or can get) the
     * map, adding the map at the top of http when missing; a fragment without http gets "upgrade",
     * since a map added there could clash with one in the main config that proxylint cannot see.
     */
    private static String connectionValue(NginxModel model, List<TextEdit> edits) {
        if (model.definedVariables().containsKey("connection_upgrade")) {
            if (NginxRoute.mapYields(NginxRoute.upgradeMap(model, MAP_NAME), x -> x.contains("upgrade"))) {
                return MAP_NAME;
            }
            return "\"upgrade\""; // defined otherwise (a second map would clash): hard-code the value
        }
        for (Scope s : model.main().children()) {
            if (s.kind() == Scope.Kind.HTTP) {
                edits.add(NginxEdits.connectionUpgradeMap(s.block()));
                return MAP_NAME;
            }
        }
        return "\"upgrade\"";
    }

    private void checkHeaders(RuleContext ctx, NginxModel model, NginxRoute r, Set<Directive> seen) {
        Directive up = r.header("Upgrade");
        Directive conn = r.header("Connection");
        boolean upOk = forwardsUpgrade(model, up);
        boolean connOk = connectionUpgrade(model, conn);
        if (upOk && connOk) {
            return;
        }
        List<Directive> dropped = r.droppedOuterHeaders();
        List<Directive> droppedUpgrade = new ArrayList<>();
        for (Directive d : dropped) {
            if ((d.arg(0).equalsIgnoreCase("Upgrade") && !upOk) || (d.arg(0).equalsIgnoreCase("Connection") && !connOk)) {
                droppedUpgrade.add(d);
            }
        }
        if (!droppedUpgrade.isEmpty()) {
            // WS103: the inheritance trap
            Scope owner = r.location().arrayOwner("proxy_set_header");
            Directive firstOwn = owner.own("proxy_set_header").get(0);
            // headers that come from an include (proxy_params ...) are reported at the include line
            while (firstOwn.via() != null && firstOwn.file() != owner.block().file()) {
                firstOwn = firstOwn.via();
            }
            if (!seen.add(firstOwn)) {
                return;
            }
            List<Related> rel = new ArrayList<>();
            for (Directive d : dropped) {
                rel.add(new Related(d.span(), "the outer level sets " + d.arg(0) + " here; it does not reach this block"));
            }
            List<String> lines = new ArrayList<>();
            for (Directive d : dropped) {
                lines.add(d.toString() + ";");
            }
            // the copies go right below the block's own headers (in its file), else at the block's end
            Directive lastOwn = null;
            for (Directive d : owner.own("proxy_set_header")) {
                if (d.file() == owner.block().file()) {
                    lastOwn = d;
                }
            }
            TextEdit copy = lastOwn != null ? NginxEdits.insertAfter(lastOwn, lines)
                    : NginxEdits.appendToBlock(owner.block(), lines);
            String what = firstOwn.is("include") ? "The proxy_set_header lines from this include silently drop"
                    : "This proxy_set_header silently drops";
            ctx.report("WS103", firstOwn.span(), what + " the Upgrade/Connection headers "
                    + "set at an outer level, so " + where(r) + " no longer forwards the WebSocket upgrade. nginx inherits "
                    + "proxy_set_header only into blocks that set none of their own. " + because(r.intent()),
                    rel, new Fix("Repeat the outer proxy_set_header lines in this block", List.of(copy)));
            return;
        }
        if (conn != null && conn.argCount() >= 2 && conn.arg(1).isEmpty() && upOk) {
            // WS108: Connection "" (keep-alive idiom) on a WebSocket route
            List<TextEdit> edits = new ArrayList<>();
            String value = connectionValue(model, edits);
            edits.add(0, TextEdit.replace(conn.args().get(1).span(), value));
            ctx.report("WS108", conn.span(), "proxy_set_header Connection \"\" clears the Connection header on "
                    + where(r) + ", so the upgrade never reaches the backend. That idiom is for upstream keep-alive "
                    + "on plain HTTP routes. " + because(r.intent()), List.of(),
                    new Fix("Send Connection " + value + " instead", edits));
            return;
        }
        String missing = !upOk && !connOk ? "the Upgrade and Connection headers" : !upOk ? "the Upgrade header" : "a Connection: upgrade header";
        List<Related> rel = new ArrayList<>();
        if (r.intent().evidence() != null) {
            rel.add(new Related(r.intent().evidence(), "WebSocket intent: " + r.intent().reason()));
        }
        StringBuilder detail = new StringBuilder();
        for (Directive d : new Directive[] {upOk ? null : up, connOk ? null : conn}) {
            if (d != null && d.argCount() >= 2) {
                Directive map = NginxRoute.upgradeMap(model, d.arg(1));
                detail.append(" (proxy_set_header ").append(d.arg(0)).append(" ").append(d.args().get(1).raw())
                        .append(" on ").append(lineOf(d, r)).append(map != null
                                ? " comes from the map on " + lineOf(map, r) + ", which never yields "
                                + (d == up ? "websocket" : "upgrade") + ")" : " does not carry it)");
            }
        }
        ctx.report("WS101", r.location().block().headSpan(), "WebSocket route " + where(r) + " does not forward "
                + missing + detail + ", so the backend never sees the upgrade and the handshake fails. Upgrade and Connection "
                + "are hop-by-hop headers that nginx drops unless proxy_set_header passes them on. " + because(r.intent()),
                rel, new Fix("Pass Upgrade and Connection to the backend", headerEdits(model, r)));
    }

    private void checkVersion(RuleContext ctx, NginxRoute r, Set<Directive> seen) {
        Directive v = r.location().effective("proxy_http_version");
        String nginx = ctx.settings().nginxVersion();
        if (v != null) {
            if (!"1.0".equals(v.arg(0)) || !seen.add(v)) {
                return;
            }
            ctx.report("WS102", v.span(), "proxy_http_version 1.0 on WebSocket route " + where(r) + ": the upgrade "
                    + "needs HTTP/1.1 (RFC 6455), so strict backends answer 400 and only lenient ones tunnel anyway. "
                    + because(r.intent()), List.of(),
                    new Fix("Use proxy_http_version 1.1", List.of(TextEdit.replace(v.args().get(0).span(), "1.1"))));
            return;
        }
        if (VersionFacts.atLeast(nginx, VersionFacts.NGINX_PROXY_HTTP_11_DEFAULT)) {
            return;
        }
        String which = nginx == null ? "nginx before " + VersionFacts.NGINX_PROXY_HTTP_11_DEFAULT
                + " (the target version is unknown: set --nginx-version)" : "nginx " + nginx;
        ctx.report("WS102", r.location().block().headSpan(), "WebSocket route " + where(r) + " talks HTTP/1.0 to the "
                + "backend, the default of " + which + ", but the upgrade needs HTTP/1.1 (RFC 6455): strict backends "
                + "answer 400. " + because(r.intent()), List.of(),
                new Fix("Add proxy_http_version 1.1", List.of(NginxEdits.appendToBlock(r.location().block(),
                        List.of("proxy_http_version 1.1;")))));
    }

    // WS100: a plain proxied "location /" that cannot carry WebSockets
    private void checkPlainRoot(RuleContext ctx, NginxRoute r) {
        if (r.location().kind() != Scope.Kind.LOCATION || !r.location().locationModifier().isEmpty()
                || !r.location().locationPattern().equals("/") || r.site() != r.location()
                || "never".equals(ctx.settings().websocket())) {
            return;
        }
        ctx.report("WS100", r.location().block().headSpan(), "location / proxies everything to the backend but "
                + "does not pass WebSocket upgrades on; if the app behind it uses WebSockets, they will fail. Add "
                + "the upgrade headers and HTTP/1.1, or silence this note if the app uses none.");
    }

    private void checkHeaderStyle(RuleContext ctx, NginxModel model, NginxRoute r, Set<Directive> seen) {
        Directive up = r.header("Upgrade");
        Directive conn = r.header("Connection");
        boolean socketPath = r.location().kind() == Scope.Kind.LOCATION && WebSocketIntent.socketSegment(
                r.location().locationPattern(), ctx.settings().websocketPaths()) != null;
        if (up != null && !seen.add(up)) {
            up = null;
        }
        // a shared (server-level) header is reported once, at the first route that is not a socket path
        if (conn != null && conn.argCount() >= 2 && conn.arg(1).equalsIgnoreCase("upgrade") && !socketPath
                && r.location().enclosing(Scope.Kind.LOCATION) != null && seen.add(conn)) {
            List<TextEdit> edits = new ArrayList<>();
            String value = connectionValue(model, edits);
            Fix fix = null;
            if (value.equals(MAP_NAME)) {
                edits.add(0, TextEdit.replace(conn.args().get(1).span(), MAP_NAME));
                fix = new Fix("Use the $connection_upgrade map", edits);
            }
            ctx.report("WS105", conn.span(), "Connection \"upgrade\" is hard-coded on " + where(r) + ", which also "
                    + "serves plain requests: every request then asks the backend to upgrade and backend keep-alive "
                    + "is lost. Map $http_upgrade to $connection_upgrade instead"
                    + (fix == null ? " (in the http block of the main config, which proxylint does not see here)." : "."),
                    List.of(), fix);
        }
        if (up != null && up.argCount() >= 2) {
            String v = up.arg(1);
            if (v.equalsIgnoreCase("websocket")) {
                ctx.report("WS109", up.span(), "Upgrade is hard-coded to websocket on " + where(r) + ", so every "
                        + "request, plain ones too, asks the backend to switch protocols and many backends answer 400. "
                        + "Pass the client's header with $http_upgrade.", List.of(),
                        new Fix("Forward the client's Upgrade header", List.of(TextEdit.replace(up.args().get(1).span(),
                                upgradeValue(model)))));
            } else if (v.equals("$http_upgrade")) {
                ctx.report("WS106", up.span(), "The client's Upgrade header is forwarded unfiltered on " + where(r)
                        + ": a client can ask the backend for h2c or another protocol and tunnel past the proxy's "
                        + "rules (h2c smuggling). Map $http_upgrade so that only websocket passes.");
            }
        }
    }

    // WS107: a regex location takes the WebSocket path away from its prefix location
    private void checkShadowing(RuleContext ctx, NginxModel model, List<NginxRoute> routes) {
        for (NginxRoute r : routes) {
            Scope loc = r.location();
            if (r.intent() == null || loc.kind() != Scope.Kind.LOCATION || loc.isRegexLocation()
                    || !loc.locationModifier().isEmpty()) {
                continue;
            }
            Scope server = loc.enclosing(Scope.Kind.SERVER);
            if (server == null) {
                continue;
            }
            boolean topLevel = loc.parent() == server;
            String path = loc.locationPattern();
            Scope chosen = NginxModel.select(server, path);
            if (chosen == null || chosen == loc || !chosen.isRegexLocation()) {
                continue;
            }
            List<Directive> hs = chosen.effectiveArray("proxy_set_header");
            boolean upgrades = hs.stream().anyMatch(h -> h.argCount() >= 1 && h.arg(0).equalsIgnoreCase("Upgrade"));
            if (upgrades) {
                continue;
            }
            Arg pathArg = loc.block().args().get(0);
            // ^~ only stops the regexes of its own level: for a nested location it would not help
            Fix fix = topLevel ? new Fix("Mark location " + path + " with ^~ so regexes do not override it",
                    List.of(TextEdit.insert(pathArg.file(), pathArg.start(), "^~ "))) : null;
            ctx.report("WS107", chosen.block().headSpan(), "Regex location " + chosen.locationPattern() + " captures "
                    + path + " before the WebSocket location " + path + " is used (nginx tries regex locations after "
                    + "the longest prefix unless it has ^~), and it does not forward the upgrade. "
                    + (topLevel ? "Mark the WebSocket location with ^~, or exclude its path from the regex."
                    : "The WebSocket location is nested, and a ^~ there would not stop this regex: exclude its path "
                    + "from the regex, or move the WebSocket location to the server level with ^~."),
                    List.of(new Related(loc.block().headSpan(), "the WebSocket location that never gets " + path)), fix);
        }
    }
}
