package dev.proxylint.rules.tmo;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.facts.TimeValues;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The idle limit of Apache's upgraded connections (as measured on httpd 2.4.71), computed once per
 * config and shared by TMO101, TMO104, TMO108 (the WebSocket sites) and TMO102 (every route).
 */
final class ApacheIdle {
    static final long DEFAULT_TIMEOUT = 60;

    private ApacheIdle() {
    }

    /** A timeout value with where it comes from (arg and directive null for the default). */
    record Source(long seconds, Directive directive, Arg arg, String words) {
        Span span() {
            return arg != null ? arg.span() : directive != null ? directive.span() : null;
        }
    }

    /**
     * How long an idle upgraded connection of a route lives.
     *
     * @param seconds  the idle limit; -1 when mod_proxy_wstunnel tunnels the route (no idle limit)
     * @param timeout  the server's Timeout
     * @param backend  the backend timeout: the worker's timeout=, else ProxyTimeout, else Timeout
     * @param worker   whether the backend timeout is the worker's own
     * @param fallback the ProxyWebsocketFallbackToProxyHttp Off directive that hands the route to wstunnel
     */
    record Idle(long seconds, Source timeout, Source backend, boolean worker, Directive fallback) {
        String origin() {
            if (backend.seconds() > timeout.seconds()) {
                return backend.words() + " (the longer of Timeout and the backend timeout)";
            }
            if (backend.seconds() < timeout.seconds()) {
                return timeout.words() + " (the longer of Timeout and the backend timeout, " + backend.words() + ")";
            }
            return backend.directive() == timeout.directive() ? timeout.words()
                    : timeout.words() + " and " + backend.words();
        }

        /**
         * Whether the server-wide Timeout, not a backend timeout, sets the limit of a worker without
         * a timeout= of its own (TMO104 rather than TMO101).
         */
        boolean timeoutDecides() {
            return !worker && timeout.directive() != null && timeout.seconds() >= backend.seconds();
        }
    }

    /**
     * A WebSocket route or ws:// rewrite, with its idle limit: where it is reported and fixed.
     *
     * @param at       the ProxyPass or RewriteRule
     * @param label    words for it
     * @param because  why it is a WebSocket route
     * @param evidence where that shows, or null
     * @param idle     its idle limit
     * @param entry    the ProxyPass, or null for a rewrite
     * @param rewrite  the RewriteRule, or null for a ProxyPass
     */
    record Site(Directive at, String label, String because, Span evidence, Idle idle, ProxyPassEntry entry,
            RewriteRuleEntry rewrite) {
        /** The fix in words. */
        String fixWords(long want) {
            if (entry != null) {
                return "add timeout=" + want + " to this ProxyPass";
            }
            if (inHtaccess(rewrite.rule())) {
                // <Proxy> and ProxySet are not allowed in .htaccess (httpd answers 500): the server config must
                return "give the backend's worker timeout=" + want + " in the server configuration (a <Proxy> "
                        + "section with ProxySet; .htaccess cannot hold one)";
            }
            return workerUrl(rewrite.target()) == null
                    ? "give the backend's worker its own timeout in a <Proxy> section with ProxySet timeout=" + want
                    : "add <Proxy \"" + workerUrl(rewrite.target()) + "\"> ProxySet timeout=" + want
                            + " </Proxy> for the rewrite's backend";
        }

        /**
         * The edit that gives the WebSocket worker timeout={@code want}: its own timeout= raised,
         * else the ProxyPass given one, else a {@code <Proxy>} section with ProxySet above a server-level
         * rewrite with a literal backend; null when there is none to make.
         */
        TextEdit workerEdit(long want) {
            if (idle.worker()) {
                return TextEdit.replace(idle.backend().arg().span(), "timeout=" + want);
            }
            if (entry != null) {
                return ApacheEdits.appendArg(entry.directive(), "timeout=" + want);
            }
            String worker = workerUrl(rewrite.target());
            if (worker == null || rewrite.location() != null || inHtaccess(rewrite.rule())) {
                return null; // a <Proxy> section fits neither a <Location> nor a .htaccess file (httpd: 500)
            }
            Directive first = rewrite.conditions().isEmpty() ? rewrite.rule() : rewrite.conditions().get(0);
            return ApacheEdits.linesAbove(first, List.of("<Proxy \"" + worker + "\">", "    ProxySet timeout=" + want,
                    "</Proxy>"));
        }
    }

    /** Whether a directive stands in a .htaccess file, where httpd refuses <Proxy> sections and ProxySet. */
    static boolean inHtaccess(Directive d) {
        return dev.proxylint.apache.model.DirectiveChecks.isHtaccess(d.file());
    }

    /** The related places of a too-short WebSocket idle limit: the timeouts that set it, the WebSocket intent. */
    static List<Related> related(Site site) {
        Idle idle = site.idle();
        List<Related> rel = new ArrayList<>();
        if (idle.timeout().directive() != null) {
            rel.add(new Related(idle.timeout().span(), "Timeout applies to the tunnel too"));
        }
        if (idle.backend().directive() != null && idle.backend().directive() != idle.timeout().directive()) {
            rel.add(new Related(idle.backend().span(), "the backend timeout"));
        }
        if (site.evidence() != null && !site.evidence().equals(site.at().span())) {
            rel.add(new Related(site.evidence(), "WebSocket intent"));
        }
        return rel;
    }

    /** The fix of a too-short WebSocket idle limit (TMO101, TMO104), or null. */
    static Fix fix(Site site, long want) {
        TextEdit edit = site.workerEdit(want);
        return edit == null ? null : new Fix("Give the WebSocket worker timeout=" + want, List.of(edit));
    }

    /** The idle limit TMO101 expects, in seconds (its option min-seconds). */
    static long wsMin(RuleContext ctx) {
        return ctx.settings().longOption("TMO101", "min-seconds", 300);
    }

    /** The timeout= a fix writes: an hour, or more when the check expects more. */
    static long want(long wsMin) {
        return Math.max(3600, wsMin);
    }

    /** The idle limit of every route of the config (computed once, shared). */
    static Map<ApacheRoute, Idle> routes(RuleContext ctx) {
        return ctx.facts().shared("tmo.apacheRouteIdle", () -> {
            ApacheModel m = ctx.facts().apache();
            String version = ctx.settings().apacheVersion();
            Map<ApacheRoute, Idle> out = new IdentityHashMap<>();
            for (ApacheRoute r : ctx.facts().apacheRoutes()) {
                out.put(r, idle(m, r.scope(), r.entry(), r.entry().url(), version));
            }
            return out;
        });
    }

    /**
     * The WebSocket sites of the config with their idle limits, in order: the WebSocket routes
     * (except those of a server that tunnels upgrades through its ws:// rewrites), then the ws://
     * rewrites that run (computed once, shared).
     */
    static List<Site> sites(RuleContext ctx) {
        return ctx.facts().shared("tmo.apacheWebSocketSites", () -> {
            ApacheModel m = ctx.facts().apache();
            String version = ctx.settings().apacheVersion();
            Map<ApacheRoute, Idle> idles = routes(ctx);
            List<Site> out = new ArrayList<>();
            for (ApacheRoute r : ctx.facts().apacheRoutes()) {
                if (r.intent() == null || (r.entry().key("upgrade") == null && r.entry().scheme().startsWith("http")
                        && !ApacheRoute.wsRewrites(r.scope()).isEmpty())) {
                    continue; // this server tunnels upgrades through its ws:// rewrites, checked below
                }
                out.add(new Site(r.entry().directive(), r.label(), "proxylint treats it as a WebSocket route because "
                        + r.intent().reason() + ".", r.intent().evidence(), idles.get(r), r.entry(), null));
            }
            if (!"never".equals(ctx.settings().websocket())) {
                for (ApacheScope s : m.scopes()) {
                    for (RewriteRuleEntry r : ApacheRoute.wsRewrites(s)) {
                        if (r.location() == null && !s.rewriteEngineOn()) {
                            continue; // the rule never runs (the WebSocket rules report that)
                        }
                        out.add(new Site(r.rule(), "RewriteRule " + r.pattern() + " " + r.target(),
                                "It proxies to a " + r.targetScheme() + ":// URL.", null,
                                idle(m, s, null, r.target(), version), null, r));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /** The WebSocket sites whose connections are closed after less than the expected idle time. */
    static List<Site> tooShort(RuleContext ctx) {
        long wsMin = wsMin(ctx);
        List<Site> out = new ArrayList<>();
        for (Site s : sites(ctx)) {
            if (s.idle().seconds() >= 0 && s.idle().seconds() < wsMin) {
                out.add(s);
            }
        }
        return out;
    }

    static long atoi(String v, long dflt) {
        OptionalLong x = TimeValues.apacheAtoiSeconds(v);
        return x.isPresent() && x.getAsLong() > 0 ? x.getAsLong() : dflt;
    }

    /**
     * The idle limit of upgraded connections to a backend URL from a scope: through a ProxyPass
     * ({@code e}) or a proxying RewriteRule ({@code e == null}).
     */
    static Idle idle(ApacheModel m, ApacheScope s, ProxyPassEntry e, String url, String version) {
        Directive td = s.effective("Timeout");
        Source timeout = td == null || td.argCount() < 1
                ? new Source(DEFAULT_TIMEOUT, null, null, "the default Timeout of 60 s")
                : new Source(atoi(td.arg(0), DEFAULT_TIMEOUT), td, td.args().get(0),
                        "Timeout " + td.arg(0) + " (line " + td.line() + ")");
        Source backend = workerTimeout(s, e, url);
        boolean worker = backend != null;
        if (backend == null) {
            Directive pt = s.effective("ProxyTimeout");
            backend = pt == null || pt.argCount() < 1 ? timeout
                    : new Source(atoi(pt.arg(0), timeout.seconds()), pt, pt.args().get(0),
                            "ProxyTimeout " + pt.arg(0) + " (line " + pt.line() + ")");
        }
        Directive fb = s.effective("ProxyWebsocketFallbackToProxyHttp");
        String scheme = url.toLowerCase(Locale.ROOT);
        boolean wsScheme = scheme.startsWith("ws://") || scheme.startsWith("wss://");
        boolean wstunnel = wsScheme && fb != null && "off".equalsIgnoreCase(fb.arg(0))
                && (!m.modulesKnown() || m.loadedModules().containsKey("proxy_wstunnel_module"))
                && (version == null || VersionFacts.atLeast(version, VersionFacts.APACHE_WS_FALLBACK_DIRECTIVE));
        long secs = wstunnel ? -1 : Math.max(timeout.seconds(), backend.seconds());
        return new Idle(secs, timeout, backend, worker, wstunnel ? fb : null);
    }

    /** The worker's own timeout=: on the ProxyPass, else ProxySet in a matching {@code <Proxy>} section. */
    private static Source workerTimeout(ApacheScope s, ProxyPassEntry e, String backendUrl) {
        Arg a = e == null ? null : e.keys().get("timeout");
        if (a != null) {
            return new Source(atoi(e.key("timeout"), DEFAULT_TIMEOUT), e.directive(), a,
                    "the worker's " + a.value() + " (line " + e.directive().line() + ")");
        }
        String url = backendUrl.toLowerCase(Locale.ROOT);
        for (ApacheScope sc : s.selfThenMain()) {
            for (Directive sec : sc.proxySections()) {
                if (!sec.is("Proxy") || sec.argCount() < 1) {
                    continue;
                }
                String p = sec.arg(0).toLowerCase(Locale.ROOT);
                if (p.contains("*") || !url.startsWith(p.endsWith("/") ? p.substring(0, p.length() - 1) : p)) {
                    continue;
                }
                Source found = null;
                for (Directive d : Tree.effective(sec.children())) {
                    if (d.is("ProxySet")) {
                        for (Arg x : d.args()) {
                            if (x.value().toLowerCase(Locale.ROOT).startsWith("timeout=")) {
                                found = new Source(atoi(x.value().substring(8), DEFAULT_TIMEOUT), d, x,
                                        "the worker's ProxySet " + x.value() + " (line " + d.line() + ")");
                            }
                        }
                    }
                }
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** {@code ws://host:port/} of a rewrite target, or null when the host part is not literal. */
    static String workerUrl(String target) {
        int i = target.indexOf("://");
        if (i < 0) {
            return null;
        }
        int slash = target.indexOf('/', i + 3);
        String hostPart = slash < 0 ? target.substring(i + 3) : target.substring(i + 3, slash);
        if (hostPart.isEmpty() || hostPart.chars().anyMatch(c -> "$%\\()*+?|{}^ \t".indexOf(c) >= 0)) {
            return null; // a variable, a capture or a regex piece: no literal worker URL to give a <Proxy> section
        }
        return target.substring(0, i + 3) + hostPart + "/";
    }
}
