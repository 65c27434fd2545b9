package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.facts.WebSocketIntent;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * WebSocket proxying in Apache httpd: ProxyPass workers need {@code upgrade=websocket} (2.4.47+)
 * or a ws:// target, rewrite-based upgrades need the engine on and a guard, and ProxyPass order,
 * module loading and inheritance decide whether the route is reachable at all.
 */
public final class ApacheWebSocketRules implements Rule {

    @Override
    public Set<String> ids() {
        return Set.of("WS200", "WS201", "WS202", "WS203", "WS204", "WS205", "WS206", "WS207", "WS208", "WS209", "WS210",
                "WS211", "WS212", "SEC201");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.APACHE);
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel model = ctx.facts().apache();
        List<ApacheRoute> routes = ctx.facts().apacheRoutes();
        for (ApacheRoute r : routes) {
            checkUpgrade(ctx, model, r, routes);
            checkSlash(ctx, r);
        }
        for (ApacheScope s : model.scopes()) {
            checkOrder(ctx, s);
            checkRewrites(ctx, model, s);
            Directive pr = s.last("ProxyRequests");
            if (pr != null && "on".equalsIgnoreCase(pr.arg(0))) {
                ctx.report("SEC201", pr.span(), "ProxyRequests On turns this server into a forward proxy: anyone who "
                        + "can reach it can relay requests to any host. A reverse proxy needs only ProxyPass.",
                        List.of(), new Fix("Turn ProxyRequests off", List.of(TextEdit.replace(pr.args().get(0).span(), "Off"))));
            }
        }
        checkInheritedOrder(ctx, model);
        checkInheritance(ctx, model);
        checkModules(ctx, model, routes);
    }

    private static String because(WebSocketIntent i) {
        return "proxylint treats it as a WebSocket route because " + i.reason() + ".";
    }

    static String eol(SourceFile f) {
        return f.eol();
    }

    static String indentOf(SourceFile f, int offset) {
        return f.indentAt(offset);
    }

    /** A line inserted above a directive, at its indentation. */
    public static TextEdit lineAbove(Directive d, String line) {
        SourceFile f = d.file();
        return TextEdit.insert(f, f.lineStart(f.line(d.start())), indentOf(f, d.start()) + line + eol(f));
    }

    /** Appends a word after a directive's last argument. */
    public static TextEdit appendArg(Directive d, String word) {
        Arg last = d.args().get(d.argCount() - 1);
        return TextEdit.insert(last.file(), last.end(), " " + word);
    }

    private void checkUpgrade(RuleContext ctx, ApacheModel model, ApacheRoute r, List<ApacheRoute> routes) {
        ProxyPassEntry e = r.entry();
        String upgrade = e.key("upgrade");
        if (upgrade == null && forwardsWebSocket(ApacheRoute.workerUpgrade(model, r.scope(), e.url()))) {
            return; // a <Proxy url> section sets upgrade=websocket for this worker
        }
        if (upgrade != null) {
            String u = upgrade.toLowerCase(Locale.ROOT);
            Arg a = e.keys().get("upgrade");
            // observed on 2.4.71: ANY and * forward any Upgrade (even "foo"); "none" is just a protocol
            // name that no client sends, so it forwards nothing (WS206 when the route is a WebSocket one)
            if (u.equals("any") || u.equals("*")) {
                ctx.report("WS211", a.span(), "upgrade=" + upgrade + " makes Apache forward an upgrade to whatever "
                        + "protocol the client names, so clients can ask the backend to switch to protocols it was "
                        + "never meant to speak through this proxy. Name the protocol: upgrade=websocket.", List.of(),
                        new Fix("Allow only WebSocket upgrades", List.of(TextEdit.replace(a.span(), "upgrade=websocket"))));
                return;
            }
            if (!u.equals("websocket") && r.intent() != null) {
                ctx.report("WS206", a.span(), "upgrade=" + upgrade + " names another protocol than WebSocket on this "
                        + "route, so Apache does not forward WebSocket upgrades (the Upgrade header is dropped). Use "
                        + "upgrade=websocket. " + because(r.intent()), List.of(),
                        new Fix("Forward WebSocket upgrades", List.of(TextEdit.replace(a.span(), "upgrade=websocket"))));
                return;
            }
            if (!u.equals("websocket") && !u.equals("none")) {
                // no WebSocket intent, but the allowed protocol (h2c above all) is a tunnel past the proxy
                ctx.report("WS206", a.span(), "upgrade=" + upgrade + " lets clients switch this "
                        + "connection to " + upgrade + " through the proxy, and no WebSocket upgrade is forwarded. "
                        + "A client that upgrades to " + upgrade + " then sends requests the proxy never sees (h2c "
                        + "smuggling past its access rules); use upgrade=websocket if the app needs WebSockets, else "
                        + "remove the parameter.", List.of(),
                        new Fix("Allow only WebSocket upgrades", List.of(TextEdit.replace(a.span(), "upgrade=websocket"))));
                return;
            }
        }
        if (r.intent() == null && upgrade == null) {
            checkCatchAll(ctx, model, r, routes);
            return;
        }
        if (r.intent() == null || upgrade != null) {
            return;
        }
        String scheme = e.scheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return;
        }
        if (r.coveringWsRewrite() != null || r.coveringHttpUpgradeRewrite() != null) {
            return; // upgrades go to the rewrite (WS207 reports one that proxies to http://)
        }
        String version = ctx.settings().apacheVersion();
        String versionNote = version == null ? " (target version unknown; set --apache-version)" : "";
        List<Related> rel = new ArrayList<>();
        if (r.intent().evidence() != null && !r.intent().evidence().equals(e.directive().span())) {
            rel.add(new Related(r.intent().evidence(), "WebSocket intent: " + r.intent().reason()));
        }
        if (version != null && !VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_HTTP_UPGRADE)) {
            // upgrade=websocket does not exist before 2.4.47: Apache would refuse the config, so no fix
            ctx.report("WS201", e.directive().span(), r.label() + " does not forward WebSocket upgrades: Apache "
                    + version + " never passes the Upgrade header to an " + scheme + ":// backend, and no ws:// "
                    + "rewrite covers " + e.path() + ". Proxy the upgrade to ws:// with mod_proxy_wstunnel (the "
                    + "RewriteCond %{HTTP:Upgrade} websocket [NC] recipe), or upgrade to "
                    + VersionFacts.APACHE_PROXY_HTTP_UPGRADE + "+ and add upgrade=websocket. " + because(r.intent()), rel, null);
            return;
        }
        ctx.report("WS201", e.directive().span(), r.label() + " does not forward WebSocket upgrades: Apache "
                + VersionFacts.APACHE_PROXY_HTTP_UPGRADE + " and later pass the Upgrade header to an " + scheme
                + ":// backend only with upgrade=websocket, and no ws:// rewrite covers " + e.path() + versionNote + ". "
                + "Add upgrade=websocket to the ProxyPass. " + because(r.intent()), rel,
                new Fix("Add upgrade=websocket to the ProxyPass", List.of(appendArg(e.directive(), "upgrade=websocket"))));
    }

    /**
     * WS200, the Apache twin of WS100: a ProxyPass of everything ({@code ProxyPass /}, or in
     * {@code <Location />}) to an http:// backend with no upgrade handling. Only a note: nothing says
     * the app uses WebSockets, but if it does, every handshake fails.
     */
    private void checkCatchAll(RuleContext ctx, ApacheModel model, ApacheRoute r, List<ApacheRoute> routes) {
        ProxyPassEntry e = r.entry();
        String scheme = e.scheme();
        if ("never".equals(ctx.settings().websocket()) || e.regex() || !e.path().equals("/")
                || !(scheme.equals("http") || scheme.equals("https"))) {
            return;
        }
        if (r.coveringHttpUpgradeRewrite() != null || handlesWebSockets(ctx, model, routes)) {
            return; // the config handles WebSockets somewhere: the WebSocket rules judge that, this note is noise
        }
        String version = ctx.settings().apacheVersion();
        boolean old = version != null && !VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_HTTP_UPGRADE);
        String what = r.label() + " proxies everything to the backend but does not pass WebSocket upgrades on; if "
                + "the app behind it uses WebSockets, they will fail.";
        if (old) {
            ctx.report("WS200", e.directive().span(), what + " Apache " + version + " tunnels them only through a "
                    + "ws:// RewriteRule with mod_proxy_wstunnel (RewriteCond %{HTTP:Upgrade} websocket [NC]); or "
                    + "silence this note if the app uses none.", List.of(), null);
            return;
        }
        ctx.report("WS200", e.directive().span(), what + " Add upgrade=websocket (Apache "
                + VersionFacts.APACHE_PROXY_HTTP_UPGRADE + "+" + (version == null ? "; target version unknown, set "
                + "--apache-version" : "") + "), or silence this note if the app uses none.", List.of(),
                new Fix("Add upgrade=websocket to the ProxyPass", List.of(appendArg(e.directive(), "upgrade=websocket"))));
    }

    /** Whether any route of the config is a WebSocket one or any scope has a ws:// rewrite (once per config). */
    private static boolean handlesWebSockets(RuleContext ctx, ApacheModel model, List<ApacheRoute> routes) {
        return ctx.facts().shared("ApacheWebSocketRules.handlesWebSockets", () -> {
            for (ApacheRoute x : routes) {
                if (x.intent() != null) {
                    return true;
                }
            }
            for (ApacheScope sc : model.scopes()) {
                if (!ApacheRoute.wsRewrites(sc).isEmpty()) {
                    return true;
                }
                for (RewriteRuleEntry rw : sc.rewrites()) {
                    if (rw.proxied() && rw.condition("Upgrade") != null) {
                        return true; // a rewrite meant for upgrades (WS207 judges one to http://)
                    }
                }
            }
            return false;
        });
    }

    /** Whether a worker's upgrade= value lets a WebSocket upgrade through. */
    static boolean forwardsWebSocket(String upgrade) {
        if (upgrade == null) {
            return false;
        }
        String u = upgrade.toLowerCase(Locale.ROOT);
        return u.equals("websocket") || u.equals("any") || u.equals("*");
    }

    private void checkSlash(RuleContext ctx, ApacheRoute r) {
        ProxyPassEntry e = r.entry();
        if (e.regex() || e.location() != null || e.path().equals("/")) {
            return;
        }
        String url = e.url();
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return;
        }
        boolean pathSlash = e.path().endsWith("/");
        boolean urlSlash = url.endsWith("/");
        if (pathSlash == urlSlash) {
            return;
        }
        String fixed = urlSlash ? url.substring(0, url.length() - 1) : url + "/";
        ctx.report("WS210", e.urlArg().span(), "ProxyPass path " + e.path() + " and URL " + url + " disagree on the "
                + "trailing slash, so some requests map to a wrong backend path (" + (pathSlash ? e.path() + "x becomes "
                + url + "x, and " + e.path().substring(0, e.path().length() - 1) + " itself is not matched"
                : e.path() + "/x becomes " + url + "//x") + "). Write both with or both without it.",
                List.of(), new Fix("Make the URL's trailing slash match the path", List.of(TextEdit.replace(e.urlArg().span(), fixed))));
    }

    /** WS205: a ProxyPass after a broader one that already matches its path is never used. */
    private void checkOrder(RuleContext ctx, ApacheScope s) {
        List<ProxyPassEntry> list = new ArrayList<>();
        for (ProxyPassEntry e : s.proxyPasses()) {
            if (e.location() == null && !e.regex() && e.directive().is("ProxyPass")) {
                list.add(e);
            }
        }
        for (int j = 0; j < list.size(); j++) {
            ProxyPassEntry b = list.get(j);
            for (int i = 0; i < j; i++) {
                ProxyPassEntry a = list.get(i);
                if (a.exclusion() || a.path().equals(b.path()) || !covers(a.path(), b.path())) {
                    continue;
                }
                List<TextEdit> edits = new ArrayList<>();
                Directive ad = a.directive();
                Directive bd = b.directive();
                if (ad.file() == bd.file()) {
                    SourceFile f = bd.file();
                    int firstLine = f.line(bd.start());
                    // the comment lines directly above the directive travel with it
                    while (firstLine - 1 > f.line(ad.end()) && f.lineText(firstLine - 1).trim().startsWith("#")) {
                        firstLine--;
                    }
                    int bs = f.lineStart(firstLine);
                    int bl = f.line(bd.end());
                    int be = bl < f.lineCount() ? f.lineStart(bl + 1) : f.text().length();
                    String moved = f.text().substring(bs, be);
                    if (!moved.endsWith("\n")) {
                        moved = moved + eol(f);
                    }
                    edits.add(TextEdit.insert(f, f.lineStart(f.line(ad.start())), moved));
                    edits.add(new TextEdit(f, bs, be, ""));
                }
                ctx.report("WS205", bd.span(), "ProxyPass " + b.path() + " is never used: the earlier ProxyPass "
                        + a.path() + " already matches every path it would (Apache uses the first ProxyPass that "
                        + "matches). Put the more specific ProxyPass first.",
                        List.of(new Related(ad.span(), "this broader ProxyPass comes first and wins")),
                        edits.isEmpty() ? null : new Fix("Move ProxyPass " + b.path() + " above ProxyPass " + a.path(), edits));
                break;
            }
        }
    }

    private static List<ProxyPassEntry> serverLevelMappings(ApacheScope s) {
        List<ProxyPassEntry> list = new ArrayList<>();
        for (ProxyPassEntry e : s.proxyPasses()) {
            if (e.location() == null && !e.regex() && e.directive().is("ProxyPass")) {
                list.add(e);
            }
        }
        return list;
    }

    /**
     * WS205 across scopes: a virtual host inherits the main server's ProxyPass mappings and Apache
     * tries them BEFORE the virtual host's own (observed on 2.4.71: main-server {@code ProxyPass /}
     * answers {@code /ws} although the virtual host maps {@code /ws} itself).
     */
    private void checkInheritedOrder(RuleContext ctx, ApacheModel model) {
        List<ProxyPassEntry> mainList = serverLevelMappings(model.mainServer());
        if (mainList.isEmpty()) {
            return;
        }
        for (ApacheScope v : model.virtualHosts()) {
            for (ProxyPassEntry b : serverLevelMappings(v)) {
                for (ProxyPassEntry a : mainList) {
                    if (a.exclusion() || !covers(a.path(), b.path())) {
                        continue;
                    }
                    if (a.path().equals(b.path()) && a.url().equals(b.url()) && a.keys().keySet().equals(b.keys().keySet())) {
                        break; // the same mapping repeated: the inherited copy does what the virtual host's would
                    }
                    ctx.report("WS205", b.directive().span(), "ProxyPass " + b.path() + " in " + v.label()
                            + " is never used: the main server's ProxyPass " + a.path() + " already matches it, and "
                            + "Apache tries the mappings a virtual host inherits from the main server before its own. "
                            + "Move ProxyPass " + a.path() + " into the virtual hosts (after their specific "
                            + "mappings), or use the <Location " + b.path() + "> form, which is tried first.",
                            List.of(new Related(a.directive().span(), "this main-server ProxyPass comes first in "
                                    + v.label())), null);
                    break;
                }
            }
        }
    }

    /** Whether ProxyPass path {@code broad} matches every request {@code narrow} would. */
    static boolean covers(String broad, String narrow) {
        if (broad.equals("/")) {
            return true;
        }
        if (!narrow.startsWith(broad)) {
            return false;
        }
        // the same path is covered too (the earlier mapping wins); else the match must end at a segment
        return narrow.length() == broad.length() || broad.endsWith("/") || narrow.charAt(broad.length()) == '/';
    }

    private void checkRewrites(RuleContext ctx, ApacheModel model, ApacheScope s) {
        // one RewriteEngine fix per server or section, however many of its rules it revives
        java.util.Set<Object> engineFixed = new java.util.HashSet<>();
        for (RewriteRuleEntry r : s.rewrites()) {
            for (Directive c : r.conditions()) {
                checkConnectionCond(ctx, c);
            }
            String sc = r.targetScheme();
            boolean ws = sc.equals("ws") || sc.equals("wss");
            Directive upCond = r.condition("Upgrade");
            if (ws && r.proxied()) {
                boolean engineOn = r.location() == null ? s.rewriteEngineOn() : sectionEngineOn(r.location(), s);
                if (!engineOn) {
                    Directive first = r.conditions().isEmpty() ? r.rule() : r.conditions().get(0);
                    String where = r.location() != null ? "this section (nor in " + s.label() + ", whose setting it takes "
                            + "when it sets none)"
                            : s.isMainServer() ? "the main server"
                            : s.label() + " (nor in the main server, whose setting a virtual host takes when it sets none)";
                    ctx.report("WS202", r.rule().span(), "This ws:// RewriteRule never runs: RewriteEngine is not On in "
                            + where + ", so Apache ignores the rule and WebSocket upgrades are not proxied. Turn RewriteEngine On.",
                            List.of(),
                            engineFixed.add(r.location() == null ? s : r.location()) ? engineFix(s, r, first) : null);
                }
                String version = ctx.settings().apacheVersion();
                if (upCond == null && !VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_HTTP_UPGRADE)) {
                    ctx.report("WS203", r.rule().span(), "This RewriteRule proxies to ws:// without a RewriteCond "
                            + "%{HTTP:Upgrade} websocket [NC] guard, so plain HTTP requests are sent to the WebSocket "
                            + "tunnel too: before Apache " + VersionFacts.APACHE_PROXY_HTTP_UPGRADE + " mod_proxy_wstunnel "
                            + "declines them and they fail with 500" + (version == null
                                    ? " (target version unknown; set --apache-version: later versions serve them as plain HTTP)"
                                    : "") + ". Guard the rule with the Upgrade header.", List.of(),
                            new Fix("Guard the rule with the Upgrade header", List.of(lineAbove(r.rule(),
                                    "RewriteCond %{HTTP:Upgrade} websocket [NC]"))));
                }
            } else if (r.proxied() && upCond != null && (sc.equals("http") || sc.equals("https"))
                    && upCond.argCount() >= 2 && upCond.arg(1).toLowerCase(Locale.ROOT).contains("websocket")
                    && !forwardsWebSocket(ApacheRoute.workerUpgrade(model, s, r.target()))) {
                Arg t = r.rule().args().get(1);
                String fixed = (sc.equals("https") ? "wss" : "ws") + r.target().substring(sc.length());
                ctx.report("WS207", t.span(), "This RewriteRule is guarded by the Upgrade: websocket condition but "
                        + "proxies to " + sc + "://, so the upgrade is not tunnelled: the rewrite's worker has no "
                        + "upgrade=websocket and Apache drops the Upgrade header. Proxy to "
                        + (sc.equals("https") ? "wss" : "ws") + ":// instead.", List.of(),
                        new Fix("Proxy WebSocket requests to " + (sc.equals("https") ? "wss" : "ws") + "://",
                                List.of(TextEdit.replace(t.span(), fixed))));
            }
        }
    }

    /** Turns an own {@code RewriteEngine Off} of the scope On, else adds RewriteEngine On above the rule. */
    private static Fix engineFix(ApacheScope s, RewriteRuleEntry r, Directive first) {
        Directive own = s.last("RewriteEngine");
        if (r.location() != null) {
            own = null;
            for (Directive d : dev.proxylint.syntax.Tree.effective(r.location().children())) {
                if (d.is("RewriteEngine")) {
                    own = d;
                }
            }
        }
        if (own != null && (own.argCount() != 1 || !(own.arg(0).equalsIgnoreCase("on")
                || own.arg(0).equalsIgnoreCase("off")))) {
            return null; // "RewriteEngine takes one argument, On or Off": Apache refuses this config as it is
        }
        if (own != null && own.file() == first.file()) {
            return new Fix("Turn RewriteEngine On", List.of(TextEdit.replace(own.args().get(0).span(), "On")));
        }
        return new Fix("Add RewriteEngine On", List.of(lineAbove(first, "RewriteEngine On")));
    }

    /**
     * RewriteEngine for per-directory rules: the section's own setting, else the server's (observed on
     * 2.4.71: RewriteEngine On in the virtual host, or in the main server, runs a {@code <Location>}'s
     * rules; RewriteEngine Off in the section stops them).
     */
    private static boolean sectionEngineOn(Directive section, ApacheScope s) {
        Boolean on = null;
        for (Directive d : dev.proxylint.syntax.Tree.effective(section.children())) {
            if (d.is("RewriteEngine")) {
                on = "on".equalsIgnoreCase(d.arg(0));
            }
        }
        return on != null ? on : s.rewriteEngineOn();
    }

    private void checkConnectionCond(RuleContext ctx, Directive c) {
        if (c.argCount() < 2 || !c.arg(0).equalsIgnoreCase("%{HTTP:Connection}")) {
            return;
        }
        if (c.argCount() > 3 || (c.argCount() == 3 && !(c.arg(2).startsWith("[") && c.arg(2).endsWith("]")))) {
            return; // not a condition Apache accepts (bad flag delimiters): no flag to judge or to add
        }
        String pat = c.arg(1);
        List<String> flags = conditionFlags(c);
        if (pat.startsWith("^") && pat.endsWith("$") && pat.toLowerCase(Locale.ROOT).contains("upgrade")) {
            Arg a = c.args().get(1);
            List<TextEdit> edits = new ArrayList<>();
            edits.add(TextEdit.replace(a.span(), "upgrade"));
            if (!flags.contains("NC")) {
                edits.add(flagEdit(c, "NC"));
            }
            ctx.report("WS212", a.span(), "RewriteCond %{HTTP:Connection} " + pat + " matches only a Connection header "
                    + "that is exactly Upgrade, but browsers may send \"keep-alive, Upgrade\": those upgrades are not "
                    + "proxied. Match the token instead.", List.of(), new Fix("Match the upgrade token anywhere", edits));
            return;
        }
        // "Upgrade" as browsers write it matches them; a lower-case (or other) spelling does not
        if (pat.toLowerCase(Locale.ROOT).contains("upgrade") && !pat.contains("Upgrade") && !flags.contains("NC")
                && !pat.startsWith("(?i)")) {
            ctx.report("WS208", c.span(), "RewriteCond %{HTTP:Connection} " + pat + " is case-sensitive, but clients "
                    + "send \"Upgrade\" (capitalised): add [NC] or the condition fails and the upgrade is not proxied.",
                    List.of(), new Fix("Match case-insensitively", List.of(flagEdit(c, "NC"))));
        }
    }

    static List<String> conditionFlags(Directive c) {
        List<String> out = new ArrayList<>();
        if (c.argCount() >= 3) {
            String f = c.arg(2);
            if (f.startsWith("[") && f.endsWith("]")) {
                for (String x : f.substring(1, f.length() - 1).split(",")) {
                    out.add(x.trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** Adds a flag to a RewriteCond: into its existing [..] or as a new [FLAG] argument. */
    static TextEdit flagEdit(Directive c, String flag) {
        if (c.argCount() >= 3 && c.arg(2).startsWith("[") && c.arg(2).endsWith("]")) {
            Arg a = c.args().get(2);
            String raw = a.raw();
            int close = raw.lastIndexOf(']');
            return TextEdit.insert(a.file(), a.start() + close, "," + flag);
        }
        return appendArg(c, "[" + flag + "]");
    }

    /** WS209: ws:// rewrites in the main server that virtual hosts do not inherit. */
    private void checkInheritance(RuleContext ctx, ApacheModel model) {
        List<RewriteRuleEntry> mainWs = new ArrayList<>();
        for (RewriteRuleEntry r : ApacheRoute.wsRewrites(model.mainServer())) {
            if (r.location() == null) {
                mainWs.add(r);
            }
        }
        if (mainWs.isEmpty() || model.virtualHosts().isEmpty()) {
            return;
        }
        List<Related> rel = new ArrayList<>();
        List<TextEdit> edits = new ArrayList<>();
        for (ApacheScope v : model.virtualHosts()) {
            // a ws:// rule of its own, or a ProxyPass that upgrades by itself (upgrade=websocket, ws://)
            boolean ownWs = !ApacheRoute.wsRewrites(v).isEmpty() || v.proxyPasses().stream().anyMatch(e ->
                    "websocket".equalsIgnoreCase(e.key("upgrade")) || e.scheme().startsWith("ws"));
            if (!v.inheritsMainRewrites() && !ownWs && !v.proxyPasses().isEmpty()) {
                rel.add(new Related(v.vhost().headSpan(), "this virtual host proxies but does not inherit the rule"));
                Directive first = firstChildInFile(v.vhost());
                if (first != null) {
                    edits.add(lineAbove(first, "RewriteOptions Inherit"));
                }
            }
        }
        if (rel.isEmpty()) {
            return;
        }
        RewriteRuleEntry first = mainWs.get(0);
        ctx.report("WS209", first.rule().span(), "This ws:// RewriteRule sits in the main server, which "
                + rel.size() + " virtual host(s) do not inherit, so they never proxy the upgrade: a virtual host "
                + "runs the main server's rules only with its own RewriteOptions Inherit (the main server's "
                + "InheritDown is ignored by a virtual host without mod_rewrite directives of its own).", rel,
                edits.size() == rel.size() ? new Fix("Add RewriteOptions Inherit to the virtual hosts", edits) : null);
    }

    /** The first directive written inside a section, in the section's own file, or null. */
    static Directive firstChildInFile(Directive section) {
        for (dev.proxylint.syntax.Node n : section.children()) {
            if (n instanceof Directive d && d.file() == section.file()) {
                return d;
            }
        }
        return null;
    }

    /** A ws:// proxy RewriteRule or a WebSocket ProxyPass anywhere inside a section, or null. */
    private static Directive wsProxying(Directive section) {
        Directive[] found = new Directive[1];
        dev.proxylint.syntax.Tree.walk(section.children(), d -> {
            if (found[0] != null) {
                return;
            }
            if (d.is("RewriteRule")) {
                RewriteRuleEntry r = new RewriteRuleEntry(d, List.of(), null);
                if (r.proxied() && (r.targetScheme().equals("ws") || r.targetScheme().equals("wss"))) {
                    found[0] = d;
                }
            } else if ((d.is("ProxyPass") || d.is("ProxyPassMatch")) && d.values().stream().anyMatch(v -> {
                String l = v.toLowerCase(Locale.ROOT);
                return l.startsWith("ws://") || l.startsWith("wss://") || l.equals("upgrade=websocket");
            })) {
                found[0] = d;
            }
        });
        return found[0];
    }

    private void checkModules(RuleContext ctx, ApacheModel model, List<ApacheRoute> routes) {
        if (!model.modulesKnown()) {
            return;
        }
        for (Directive sec : model.skippedSections()) {
            Directive ws = wsProxying(sec);
            if (ws != null) {
                ctx.report("WS204", sec.headSpan(), "This <IfModule " + sec.arg(0) + "> section is skipped because "
                        + "the module is not loaded, so its WebSocket proxying (" + ws.name() + " on line "
                        + ws.line() + ") never happens and upgrades are not proxied. Load the module with LoadModule "
                        + "or move the directives out of the section.", List.of(new Related(ws.span(),
                                "this directive is skipped")), null);
            }
        }
        var mods = model.loadedModules().keySet();
        String version = ctx.settings().apacheVersion();
        boolean modern = VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_HTTP_UPGRADE);
        boolean reportedProxy = false;
        for (ApacheRoute r : routes) {
            ProxyPassEntry e = r.entry();
            String sc = e.scheme();
            if (!mods.contains("proxy_module") && !reportedProxy) {
                reportedProxy = true;
                ctx.report("WS204", e.directive().span(), e.directive().name() + " needs mod_proxy, which this "
                        + "configuration does not load: Apache refuses to start (Invalid command). Load mod_proxy with LoadModule "
                        + "proxy_module.");
                continue;
            }
            if ((sc.equals("http") || sc.equals("https")) && !mods.contains("proxy_http_module")) {
                ctx.report("WS204", e.urlArg().span(), "No module handles " + sc + ":// here: mod_proxy_http is not "
                        + "loaded, so requests to " + e.path() + " fail with 500. Load it with LoadModule proxy_http_module.");
            }
            if ((sc.equals("ws") || sc.equals("wss")) && !mods.contains("proxy_wstunnel_module") && !modern) {
                ctx.report("WS204", e.urlArg().span(), "No module handles " + sc + ":// here: mod_proxy_wstunnel is "
                        + "not loaded, and Apache " + (version == null ? "before " + VersionFacts.APACHE_PROXY_HTTP_UPGRADE
                        + " (target version unknown; set --apache-version)" : version) + " needs it for WebSocket tunnels. Load it "
                        + "with LoadModule proxy_wstunnel_module.");
            }
        }
        for (ApacheScope s : model.scopes()) {
            for (RewriteRuleEntry r : s.rewrites()) {
                if (!mods.contains("rewrite_module")) {
                    ctx.report("WS204", r.rule().nameSpan(), "RewriteRule needs mod_rewrite, which this configuration "
                            + "does not load: Apache refuses to start (Invalid command for the first mod_rewrite directive). Load it "
                            + "with LoadModule rewrite_module.");
                    return;
                }
            }
        }
    }
}
