package dev.proxylint.facts;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A proxied Apache route: one ProxyPass mapping in a server or virtual host, with the WebSocket
 * intent seen for it.
 */
public record ApacheRoute(ApacheScope scope, ProxyPassEntry entry, WebSocketIntent intent) {

    public static List<ApacheRoute> all(ApacheModel model, FactSettings settings) {
        List<ApacheRoute> out = new ArrayList<>();
        for (ApacheScope s : model.scopes()) {
            for (ProxyPassEntry e : s.proxyPasses()) {
                if (!e.exclusion()) {
                    out.add(new ApacheRoute(s, e, intentOf(s, e, settings)));
                }
            }
        }
        return out;
    }

    /** The ws:// or wss:// proxy rewrites of a scope. */
    public static List<RewriteRuleEntry> wsRewrites(ApacheScope s) {
        List<RewriteRuleEntry> out = new ArrayList<>();
        for (RewriteRuleEntry r : s.rewrites()) {
            String sc = r.targetScheme();
            if (r.proxied() && (sc.equals("ws") || sc.equals("wss"))) {
                out.add(r);
            }
        }
        return out;
    }

    /** A ws:// proxy rewrite of this scope whose pattern matches the route's path, or null. */
    public RewriteRuleEntry coveringWsRewrite() {
        return covering(wsRewrites(scope));
    }

    /**
     * An http:// or https:// proxy rewrite guarded by an Upgrade: websocket condition whose pattern
     * matches the route's path, or null: the rewrite, not this ProxyPass, is where upgrades were meant
     * to go (and where the ws:// scheme is missing).
     */
    public RewriteRuleEntry coveringHttpUpgradeRewrite() {
        List<RewriteRuleEntry> out = new ArrayList<>();
        for (RewriteRuleEntry r : scope.rewrites()) {
            String sc = r.targetScheme();
            Directive c = r.condition("Upgrade");
            if (r.proxied() && (sc.equals("http") || sc.equals("https")) && c != null && c.argCount() >= 2
                    && lower(c.arg(1)).contains("websocket")) {
                out.add(r);
            }
        }
        return covering(out);
    }

    private RewriteRuleEntry covering(List<RewriteRuleEntry> rules) {
        for (RewriteRuleEntry r : rules) {
            if (r.location() != null) {
                String lp = r.location().arg(0);
                if (lp != null && (entry.path().startsWith(lp) || lp.startsWith(entry.path()))) {
                    return r;
                }
                continue;
            }
            try {
                String p = entry.regex() ? "/" : entry.path();
                if (Pattern.compile(r.pattern()).matcher(p).find()
                        || Pattern.compile(r.pattern()).matcher(p.endsWith("/") ? p + "x" : p + "/x").find()) {
                    return r;
                }
            } catch (RuntimeException ex) {
                return r; // a pattern Java cannot read: assume it covers, rather than cry wolf
            }
        }
        return null;
    }

    private static WebSocketIntent intentOf(ApacheScope s, ProxyPassEntry e, FactSettings settings) {
        if ("never".equals(settings.websocket())) {
            return null;
        }
        if ("always".equals(settings.websocket())) {
            return new WebSocketIntent("the configuration says every proxied route carries WebSockets (websocket: always)", null);
        }
        String sc = e.scheme();
        if (sc.equals("ws") || sc.equals("wss")) {
            return new WebSocketIntent("it proxies to a " + sc + ":// URL", e.urlArg().span());
        }
        String up = e.key("upgrade");
        if (up != null && (up.equalsIgnoreCase("websocket") || up.equalsIgnoreCase("any") || up.equals("*"))) {
            return new WebSocketIntent("it sets upgrade=" + e.key("upgrade"), e.keys().get("upgrade").span());
        }
        for (RewriteRuleEntry r : s.rewrites()) {
            Directive c = r.condition("Upgrade");
            // a proxied rewrite guarded by Upgrade is itself the WebSocket route (WS202/WS207 judge it);
            // other Upgrade tests say that this server's plain ProxyPass routes carry WebSockets
            if (c != null && !r.proxied()) {
                return new WebSocketIntent("its server tests the Upgrade header", c.span());
            }
        }
        String seg = WebSocketIntent.socketSegment(e.path(), settings.websocketPaths());
        if (seg != null) {
            return new WebSocketIntent("its path " + e.path() + " looks like a socket endpoint (" + seg + ")",
                    (e.location() != null ? e.location() : e.directive()).headSpan());
        }
        return null;
    }

    /**
     * The {@code upgrade=} parameter of the worker Apache uses for a backend URL, or null: the
     * worker whose URL is the longest prefix of {@code url}, from a ProxyPass of this server or the
     * main server, or set with {@code ProxySet upgrade=...} in a {@code <Proxy url>} section.
     * Observed on 2.4.71: a RewriteRule [P] to http://b/ws uses the worker of
     * {@code ProxyPass /ws http://b/ws upgrade=websocket} (or of {@code <Proxy http://b/ws>}) and
     * forwards the upgrade.
     */
    public static String workerUpgrade(ApacheModel model, ApacheScope s, String url) {
        String best = null;
        int bestLen = -1;
        List<ApacheScope> scopes = s.isMainServer() ? List.of(s) : List.of(s, model.mainServer());
        String u = lower(url);
        for (ApacheScope sc : scopes) {
            for (ProxyPassEntry e : sc.proxyPasses()) {
                String v = e.key("upgrade");
                if (v != null && !e.exclusion() && u.startsWith(lower(e.url())) && e.url().length() > bestLen) {
                    best = v;
                    bestLen = e.url().length();
                }
            }
            for (Directive p : sc.proxySections()) {
                String name = p.arg(0);
                if (!p.is("Proxy") || name == null || !u.startsWith(lower(name)) || name.length() <= bestLen) {
                    continue;
                }
                for (Directive d : dev.proxylint.syntax.Tree.effective(p.children())) {
                    if (d.is("ProxySet")) {
                        for (String a : d.values()) {
                            if (lower(a).startsWith("upgrade=")) {
                                best = a.substring("upgrade=".length());
                                bestLen = name.length();
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    public String label() {
        if (entry.location() != null) {
            return entry.directive().name() + " " + entry.url() + " in <" + entry.location().name() + " "
                    + String.join(" ", entry.location().values()) + ">";
        }
        return entry.directive().name() + " " + entry.path() + " " + entry.url();
    }

    /**
     * A route's label short enough for a finding's first sentence: without the backend URL when
     * it follows the path ("ProxyPass /ws/ http://b:8080/ws/" is "ProxyPass /ws/"); the file
     * position and the rest of the message name the URL.
     */
    public static String brief(String label) {
        String[] w = label.split(" ");
        if (w.length == 3 && w[2].contains("://")) {
            return w[0] + " " + w[1];
        }
        return label;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
