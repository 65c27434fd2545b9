package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the Apache WebSocket rules share: worker upgrade values, ProxyPass path coverage, the
 * RewriteEngine of a section, RewriteCond flags, and whether the config handles WebSockets at all.
 */
final class ApacheUpgrade {
    private ApacheUpgrade() {
    }

    /** Whether a worker's upgrade= value lets a WebSocket upgrade through. */
    static boolean forwardsWebSocket(String upgrade) {
        if (upgrade == null) {
            return false;
        }
        String u = upgrade.toLowerCase(Locale.ROOT);
        return u.equals("websocket") || u.equals("any") || u.equals("*");
    }

    static boolean httpScheme(String scheme) {
        return scheme.equals("http") || scheme.equals("https");
    }

    /**
     * Whether any route of the config is a WebSocket one or any scope has a ws:// rewrite or a
     * proxying rewrite meant for upgrades (computed once per config, shared).
     */
    static boolean handlesWebSockets(RuleContext ctx) {
        return ctx.facts().shared("ws.apacheHandlesWebSockets", () -> {
            for (ApacheRoute x : ctx.facts().apacheRoutes()) {
                if (x.intent() != null) {
                    return true;
                }
            }
            for (ApacheScope sc : ctx.facts().apache().scopes()) {
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

    /**
     * A mapping named for a finding's first sentence, without its backend URL (the rest of the
     * message names that): "ProxyPass /ws", or "ProxyPass in <Location /ws>" for the section form.
     */
    static String subject(ProxyPassEntry e) {
        return e.location() != null ? e.directive().name() + " in " + section(e.location())
                : e.directive().name() + " " + e.path();
    }

    /** A section as written, with its arguments: {@code <Location /ws>}. */
    static String section(Directive d) {
        return "<" + d.name() + (d.values().isEmpty() ? "" : " " + String.join(" ", d.values())) + ">";
    }

    /** The plain ProxyPass mappings written at a server's level (no section, no regex), in order. */
    static List<ProxyPassEntry> serverLevelMappings(ApacheScope s) {
        List<ProxyPassEntry> list = new ArrayList<>();
        for (ProxyPassEntry e : s.proxyPasses()) {
            if (e.location() == null && !e.regex() && e.directive().is("ProxyPass")) {
                list.add(e);
            }
        }
        return list;
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

    /** The last RewriteEngine written in a section ({@code <Location>} ...) itself, or null. */
    private static Directive sectionEngine(Directive section) {
        Directive own = null;
        for (Directive d : Tree.effective(section.children())) {
            if (d.is("RewriteEngine")) {
                own = d;
            }
        }
        return own;
    }

    /**
     * Whether a ws:// rewrite runs: RewriteEngine for per-directory rules is the section's own
     * setting, else the server's (observed on 2.4.71: RewriteEngine On in the virtual host, or in
     * the main server, runs a {@code <Location>}'s rules; RewriteEngine Off in the section stops them).
     */
    static boolean engineOn(ApacheScope s, RewriteRuleEntry r) {
        if (r.location() == null) {
            return s.rewriteEngineOn();
        }
        Directive own = sectionEngine(r.location());
        return own != null ? "on".equalsIgnoreCase(own.arg(0)) : s.rewriteEngineOn();
    }

    /** Turns an own {@code RewriteEngine Off} of the scope On, else adds RewriteEngine On above the rule. */
    /** The RewriteEngine directive of the rule's own section or server, or null. */
    static Directive ownEngine(ApacheScope s, RewriteRuleEntry r) {
        return r.location() != null ? sectionEngine(r.location()) : s.last("RewriteEngine");
    }

    static Fix engineFix(ApacheScope s, RewriteRuleEntry r, Directive first) {
        Directive own = ownEngine(s, r);
        if (own != null && (own.argCount() != 1 || !(own.arg(0).equalsIgnoreCase("on")
                || own.arg(0).equalsIgnoreCase("off")))) {
            return null; // "RewriteEngine takes one argument, On or Off": Apache refuses this config as it is
        }
        if (own != null && own.file() == first.file()) {
            return new Fix("Turn RewriteEngine On", List.of(TextEdit.replace(own.args().get(0).span(), "On")));
        }
        return new Fix("Add RewriteEngine On", List.of(ApacheEdits.lineAbove(first, "RewriteEngine On")));
    }

    /**
     * A {@code RewriteCond %{HTTP:Connection}} condition Apache accepts (at most one well-formed
     * flags argument), else false: no flag to judge or to add.
     */
    static boolean connectionCondition(Directive c) {
        if (c.argCount() < 2 || !c.arg(0).equalsIgnoreCase("%{HTTP:Connection}")) {
            return false;
        }
        return !(c.argCount() > 3 || (c.argCount() == 3 && !(c.arg(2).startsWith("[") && c.arg(2).endsWith("]"))));
    }

    /** A Connection pattern anchored to exactly "upgrade" ({@code ^Upgrade$}): WS212's case, not WS208's. */
    static boolean anchoredUpgrade(String pattern) {
        return pattern.startsWith("^") && pattern.endsWith("$") && pattern.toLowerCase(Locale.ROOT).contains("upgrade");
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

    /** The first directive written inside a section, in the section's own file, or null. */
    static Directive firstChildInFile(Directive section) {
        for (Node n : section.children()) {
            if (n instanceof Directive d && d.file() == section.file()) {
                return d;
            }
        }
        return null;
    }

    /** A ws:// proxy RewriteRule or a WebSocket ProxyPass anywhere inside a section, or null. */
    static Directive wsProxying(Directive section) {
        Directive[] found = new Directive[1];
        Tree.walk(section.children(), d -> {
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

    /** Whether a route's worker forwards upgrades without an upgrade= of its own ({@code <Proxy url>} ProxySet). */
    static boolean workerForwards(ApacheModel model, ApacheRoute r) {
        return forwardsWebSocket(ApacheRoute.workerUpgrade(model, r.scope(), r.entry().url()));
    }
}
