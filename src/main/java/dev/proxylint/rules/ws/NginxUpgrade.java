package dev.proxylint.rules.ws;

import dev.proxylint.facts.NginxRoute;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the nginx WebSocket rules share: whether a route's Upgrade and Connection headers carry the
 * upgrade, the values and edits that make them do so, and the words for a route.
 */
final class NginxUpgrade {
    static final String MAP_NAME = "$connection_upgrade";
    private static final Pattern HTTP_UPGRADE = Pattern.compile("\\$(http_upgrade(?![a-z0-9_])|\\{http_upgrade})",
            Pattern.CASE_INSENSITIVE);

    private NginxUpgrade() {
    }

    static String where(NginxRoute r) {
        return r.location().kind() == Scope.Kind.LOCATION ? "location " + r.location().locationPattern() : "this route";
    }

    /** "line 12", or "line 3 of inc/ws.inc" when the directive is in another file than the route. */
    static String lineOf(Directive d, NginxRoute r) {
        return "line " + d.span().startLine() + (d.file() == r.location().block().file() ? "" : " of " + d.file().name());
    }

    static boolean forwardsUpgrade(NginxModel model, Directive h) {
        if (h == null || h.argCount() < 2) {
            return false;
        }
        String v = h.arg(1).toLowerCase(Locale.ROOT);
        // $http_upgrade itself, not a longer name like $http_upgrades (an empty, unknown header)
        return HTTP_UPGRADE.matcher(v).find() || v.equals("websocket")
                || NginxRoute.mapYields(NginxRoute.upgradeMap(model, h.arg(1)), NginxUpgrade::upgradeToken)
                || unseenVariable(model, h.arg(1));
    }

    private static boolean upgradeToken(String value) {
        return value.equals("websocket") || HTTP_UPGRADE.matcher(value).find();
    }

    /**
     * The Upgrade value to write: the variable of a map that lets only websocket through when the
     * config has one (no h2c smuggling, WS106), else $http_upgrade. It looks at every variable of the
     * config, so it is computed once per config and shared.
     */
    static String upgradeValue(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        return ctx.facts().shared("ws.nginxUpgradeValue", () -> {
            for (String var : model.definedVariables().keySet()) {
                if (!var.matches("[A-Za-z0-9_]+")) {
                    continue; // "map ... $a$1b" defines a name no $ reference can spell: never write it
                }
                Directive map = NginxRoute.upgradeMap(model, "$" + var);
                if (map != null && NginxRoute.mapYields(map, "websocket"::equals)
                        && !NginxRoute.mapYields(map, v -> HTTP_UPGRADE.matcher(v).find())) {
                    return "$" + var;
                }
            }
            return "$http_upgrade";
        });
    }

    static boolean connectionUpgrade(NginxModel model, Directive h) {
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
                || setsUpgrade(model, v) || unseenVariable(model, h.arg(1));
    }

    /**
     * Whether a value is one variable that this config does not define although an include was not
     * read: its definition (the usual $connection_upgrade map) may well be there, so it is not
     * judged.
     */
    static boolean unseenVariable(NginxModel model, String value) {
        if (!model.incomplete() || !value.startsWith("$") || value.length() < 2) {
            return false;
        }
        String name = value.substring(1).replace("{", "").replace("}", "");
        return name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')
                && !model.defines(name) && !name.toLowerCase(Locale.ROOT).startsWith("http_");
    }

    /** Whether a variable value ($name) is set to something with "upgrade" by a set directive (set/if recipe). */
    private static boolean setsUpgrade(NginxModel model, String value) {
        if (!value.startsWith("$")) {
            return false;
        }
        List<Directive> defs = model.definitions(value.substring(1).replace("{", "").replace("}", ""));
        return defs != null && defs.stream().anyMatch(d -> d.is("set") && d.argCount() >= 2
                && d.arg(1).toLowerCase(Locale.ROOT).contains("upgrade"));
    }

    /** What is wrong with the upgrade headers of a WebSocket route: one answer, one rule each. */
    enum HeaderProblem {
        /** Both headers carry the upgrade. */
        NONE,
        /** WS103: the route's own proxy_set_header lines drop outer Upgrade/Connection headers. */
        DROPPED,
        /** WS108: {@code Connection ""} (the keep-alive idiom) clears the upgrade. */
        CLEARED,
        /** WS101: a header is missing or does not carry the upgrade. */
        MISSING
    }

    /** The problem of a WebSocket route's headers (a few lookups: cheap enough to ask per rule). */
    static HeaderProblem headerProblem(NginxModel model, NginxRoute r) {
        Directive conn = r.header("Connection");
        boolean upOk = forwardsUpgrade(model, r.header("Upgrade"));
        boolean connOk = connectionUpgrade(model, conn);
        if (upOk && connOk) {
            return HeaderProblem.NONE;
        }
        if (!droppedUpgradeHeaders(r, upOk, connOk).isEmpty()) {
            return HeaderProblem.DROPPED;
        }
        if (conn != null && conn.argCount() >= 2 && conn.arg(1).isEmpty() && upOk) {
            return HeaderProblem.CLEARED;
        }
        return HeaderProblem.MISSING;
    }

    /** The outer Upgrade/Connection headers (those not carried by the route) its own headers drop. */
    private static List<Directive> droppedUpgradeHeaders(NginxRoute r, boolean upOk, boolean connOk) {
        List<Directive> out = new ArrayList<>();
        for (Directive d : r.droppedOuterHeaders()) {
            if ((d.arg(0).equalsIgnoreCase("Upgrade") && !upOk) || (d.arg(0).equalsIgnoreCase("Connection") && !connOk)) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * The edits that make a route pass the two headers: a wrong existing value is replaced; missing
     * ones are added to the location, together with copies of the headers it inherited so far
     * (adding any proxy_set_header to a block would otherwise cut that inheritance); the map is
     * added once where it is missing.
     */
    static List<TextEdit> headerEdits(RuleContext ctx, NginxRoute r) {
        NginxModel model = ctx.facts().nginx();
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
        String upgrade = upgradeValue(ctx);
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
    static String connectionValue(NginxModel model, List<TextEdit> edits) {
        if (model.defines("connection_upgrade")) {
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
}
