package dev.proxylint.rules.tmo;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.facts.TimeValues;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.rules.ws.ApacheWebSocketRules;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Timeouts in Apache httpd: whole-second values that silently drop a unit (TMO106), unit values
 * httpd refuses (SYN003), the idle limit of WebSocket tunnels (TMO101, TMO104, TMO108), very short
 * backend timeouts (TMO102) and WebSocket directives the target version does not have (TMO107).
 */
public final class ApacheTimeoutRules implements Rule {
    public static final long DEFAULT_TIMEOUT = 60;

    @Override
    public Set<String> ids() {
        return Set.of("SYN003", "TMO101", "TMO102", "TMO104", "TMO106", "TMO107", "TMO108");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.APACHE);
    }

    /** A timeout value with where it comes from (arg and directive null for the default). */
    public record Source(long seconds, Directive directive, Arg arg, String words) {
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
    public record Idle(long seconds, Source timeout, Source backend, boolean worker, Directive fallback) {
        public String origin() {
            if (backend.seconds() > timeout.seconds()) {
                return backend.words() + " (the longer of Timeout and the backend timeout)";
            }
            if (backend.seconds() < timeout.seconds()) {
                return timeout.words() + " (the longer of Timeout and the backend timeout, " + backend.words() + ")";
            }
            return backend.directive() == timeout.directive() ? timeout.words()
                    : timeout.words() + " and " + backend.words();
        }
    }

    static Directive level(ApacheModel m, ApacheScope s, String name) {
        Directive d = s.last(name);
        return d != null ? d : m.mainServer().last(name);
    }

    static long atoi(String v, long dflt) {
        OptionalLong x = TimeValues.apacheAtoiSeconds(v);
        return x.isPresent() && x.getAsLong() > 0 ? x.getAsLong() : dflt;
    }

    /** The idle limit of a route's upgraded connections, as measured on httpd 2.4.71. */
    public static Idle idle(ApacheModel m, ApacheRoute r, String version) {
        return idle(m, r.scope(), r.entry(), r.entry().url(), version);
    }

    /**
     * The idle limit of upgraded connections to a backend URL from a scope: through a ProxyPass
     * ({@code e}) or a proxying RewriteRule ({@code e == null}).
     */
    public static Idle idle(ApacheModel m, ApacheScope s, ProxyPassEntry e, String url, String version) {
        Directive td = level(m, s, "Timeout");
        Source timeout = td == null || td.argCount() < 1
                ? new Source(DEFAULT_TIMEOUT, null, null, "the default Timeout of 60 s")
                : new Source(atoi(td.arg(0), DEFAULT_TIMEOUT), td, td.args().get(0),
                        "Timeout " + td.arg(0) + " (line " + td.line() + ")");
        Source backend = workerTimeout(m, s, e, url);
        boolean worker = backend != null;
        if (backend == null) {
            Directive pt = level(m, s, "ProxyTimeout");
            backend = pt == null || pt.argCount() < 1 ? timeout
                    : new Source(atoi(pt.arg(0), timeout.seconds()), pt, pt.args().get(0),
                            "ProxyTimeout " + pt.arg(0) + " (line " + pt.line() + ")");
        }
        Directive fb = level(m, s, "ProxyWebsocketFallbackToProxyHttp");
        String scheme = url.toLowerCase(Locale.ROOT);
        boolean wsScheme = scheme.startsWith("ws://") || scheme.startsWith("wss://");
        boolean wstunnel = wsScheme && fb != null && "off".equalsIgnoreCase(fb.arg(0))
                && (!m.modulesKnown() || m.loadedModules().containsKey("proxy_wstunnel_module"))
                && (version == null || VersionFacts.atLeast(version, VersionFacts.APACHE_WS_FALLBACK_DIRECTIVE));
        long secs = wstunnel ? -1 : Math.max(timeout.seconds(), backend.seconds());
        return new Idle(secs, timeout, backend, worker, wstunnel ? fb : null);
    }

    /** The worker's own timeout=: on the ProxyPass, else ProxySet in a matching {@code <Proxy>} section. */
    static Source workerTimeout(ApacheModel m, ApacheScope s, ProxyPassEntry e, String backendUrl) {
        Arg a = e == null ? null : e.keys().get("timeout");
        if (a != null) {
            return new Source(atoi(e.key("timeout"), DEFAULT_TIMEOUT), e.directive(), a,
                    "the worker's " + a.value() + " (line " + e.directive().line() + ")");
        }
        String url = backendUrl.toLowerCase(Locale.ROOT);
        List<ApacheScope> scopes = s.isMainServer() ? List.of(s) : List.of(s, m.mainServer());
        for (ApacheScope sc : scopes) {
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

    @Override
    public void check(RuleContext ctx) {
        ApacheModel m = ctx.facts().apache();
        checkValues(ctx);
        checkVersionDirectives(ctx, m);
        long wsMin = ctx.settings().longOption("TMO101", "min-seconds", 300);
        long shortMin = ctx.settings().longOption("TMO102", "min-seconds", 10);
        Set<Span> flagged = new HashSet<>();
        List<ApacheRoute> routes = ctx.facts().apacheRoutes();
        String version = ctx.settings().apacheVersion();
        for (ApacheRoute r : routes) {
            if (r.intent() == null || (r.entry().key("upgrade") == null && r.entry().scheme().startsWith("http")
                    && !ApacheRoute.wsRewrites(r.scope()).isEmpty())) {
                continue; // this server tunnels upgrades through its ws:// rewrites, checked below
            }
            Idle idle = idle(m, r, version);
            ProxyPassEntry e = r.entry();
            Site site = new Site(e.directive(), r.label(), "proxylint treats it as a WebSocket route because "
                    + r.intent().reason() + ".", r.intent().evidence(), idle.worker()
                            ? null : ApacheWebSocketRules.appendArg(e.directive(), "timeout=" + want(wsMin)),
                    "add timeout=" + want(wsMin) + " to this ProxyPass");
            checkIdle(ctx, site, idle, wsMin, flagged);
        }
        if (!"never".equals(ctx.settings().websocket())) {
            for (ApacheScope s : m.scopes()) {
                for (RewriteRuleEntry r : ApacheRoute.wsRewrites(s)) {
                    if (r.location() == null && !rewriteEngineOn(m, s)) {
                        continue; // the rule never runs (the WebSocket rules report that)
                    }
                    Idle idle = idle(m, s, null, r.target(), version);
                    Directive first = r.conditions().isEmpty() ? r.rule() : r.conditions().get(0);
                    String worker = workerUrl(r.target());
                    TextEdit add = idle.worker() || worker == null || r.location() != null ? null
                            : proxyBlockAbove(first, worker, want(wsMin));
                    Site site = new Site(r.rule(), "RewriteRule " + r.pattern() + " " + r.target(),
                            "It proxies to a " + r.targetScheme() + ":// URL.", null, add, worker == null
                                    ? "give the backend's worker its own timeout in a <Proxy> section with ProxySet timeout="
                                            + want(wsMin)
                                    : "add <Proxy \"" + worker + "\"> ProxySet timeout=" + want(wsMin)
                                            + " </Proxy> for the rewrite's backend");
                    checkIdle(ctx, site, idle, wsMin, flagged);
                }
            }
        }
        Set<Span> reported = new HashSet<>();
        for (ApacheRoute r : routes) {
            Idle idle = idle(m, r, ctx.settings().apacheVersion());
            Source b = idle.backend();
            if (b.directive() == null || b.seconds() >= shortMin || flagged.contains(b.span()) || !reported.add(b.span())) {
                continue;
            }
            ctx.report("TMO102", b.span(), "The backend timeout of " + r.label() + " is " + b.seconds() + " s, from "
                    + b.words() + ": Apache answers 504 Gateway Timeout whenever the backend pauses longer than that "
                    + "between two reads (a slow query, a long poll, a streamed response). Raise it to at least "
                    + shortMin + " s unless the backend is known to answer faster.");
        }
    }

    /**
     * Where a WebSocket route is reported and fixed.
     *
     * @param at        the ProxyPass or RewriteRule
     * @param label     words for it
     * @param because   why it is a WebSocket route
     * @param evidence  where that shows, or null
     * @param addWorker the edit that gives the worker its own timeout, or null
     * @param fixWords  the fix in words
     */
    record Site(Directive at, String label, String because, Span evidence, TextEdit addWorker, String fixWords) {
    }

    static long want(long wsMin) {
        return Math.max(3600, wsMin);
    }

    private void checkIdle(RuleContext ctx, Site site, Idle idle, long wsMin, Set<Span> flagged) {
        if (idle.seconds() < 0) {
            ctx.report("TMO108", site.at().span(), site.label() + " is tunnelled by mod_proxy_wstunnel "
                    + "because ProxyWebsocketFallbackToProxyHttp is Off, and that tunnel has no idle limit: "
                    + "Timeout, ProxyTimeout and timeout= do not close it (measured on httpd 2.4.71), so a "
                    + "vanished client holds a connection and a worker thread until the backend closes. "
                    + "Remove ProxyWebsocketFallbackToProxyHttp Off to let mod_proxy_http apply max(Timeout, "
                    + "timeout=), or make the backend close idle sockets.",
                    List.of(new Related(idle.fallback().span(), "the fallback to mod_proxy_http is turned off here")),
                    null);
            return;
        }
        if (idle.seconds() >= wsMin) {
            return;
        }
        flagged.add(idle.timeout().span());
        flagged.add(idle.backend().span());
        long want = want(wsMin);
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
        String because = " " + site.because();
        TextEdit edit = idle.worker() ? TextEdit.replace(idle.backend().arg().span(), "timeout=" + want) : site.addWorker();
        Fix fix = edit == null ? null : new Fix("Give the WebSocket worker timeout=" + want, List.of(edit));
        boolean timeoutDecides = !idle.worker() && idle.timeout().directive() != null
                && idle.timeout().seconds() >= idle.backend().seconds();
        if (timeoutDecides) {
            ctx.report("TMO104", site.at().span(), "The server-wide Timeout " + idle.timeout().seconds()
                    + " also closes WebSocket tunnels of " + site.label() + " after " + idle.seconds() + " s without "
                    + "traffic, because this worker has no timeout= of its own (an upgraded connection lives for "
                    + "max(Timeout, backend timeout)). Keep Timeout low for ordinary clients and give the WebSocket "
                    + "worker its own limit: " + site.fixWords() + "." + because, rel, fix);
            return;
        }
        ctx.report("TMO101", site.at().span(), "WebSocket connections through " + site.label() + " are closed after "
                + idle.seconds() + " s without traffic, from " + idle.origin() + ", below the " + wsMin + " s this "
                + "check expects: Apache ends an idle upgraded connection after max(Timeout, backend timeout), so "
                + "quiet clients are disconnected. " + (idle.worker() ? "Raise the worker's timeout to " + want
                        : capitalize(site.fixWords())) + " (or make the application ping more often)." + because, rel, fix);
    }

    /** RewriteEngine at a server's level; a virtual host without its own takes the main server's. */
    static boolean rewriteEngineOn(ApacheModel m, ApacheScope s) {
        Directive d = level(m, s, "RewriteEngine");
        return d != null && "on".equalsIgnoreCase(d.arg(0));
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
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

    /** A {@code <Proxy url>} section with {@code ProxySet timeout=N}, inserted above a directive. */
    static TextEdit proxyBlockAbove(Directive d, String url, long seconds) {
        SourceFile f = d.file();
        int ls = f.lineStart(f.line(d.start()));
        int i = ls;
        while (i < f.text().length() && (f.text().charAt(i) == ' ' || f.text().charAt(i) == '\t')) {
            i++;
        }
        String indent = f.text().substring(ls, i);
        String eol = f.eol();
        return TextEdit.insert(f, ls, indent + "<Proxy \"" + url + "\">" + eol + indent + "    ProxySet timeout=" + seconds
                + eol + indent + "</Proxy>" + eol);
    }

    /** TMO106 (unit dropped by atoi) and SYN003 (values httpd refuses). */
    private void checkValues(RuleContext ctx) {
        Tree.walk(ctx.config().items(), d -> {
            if ((d.is("Timeout") || d.is("ProxyTimeout")) && d.argCount() >= 1 && !d.hasBlock()) {
                checkSeconds(ctx, d, d.args().get(0), d.arg(0), d.name(), "", d.is("ProxyTimeout"));
            }
            if (d.is("ProxyPass") || d.is("ProxyPassMatch") || d.is("ProxySet") || d.is("BalancerMember")) {
                for (Arg a : d.args()) {
                    String v = a.value();
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String key = v.substring(0, eq).toLowerCase(Locale.ROOT);
                    String val = v.substring(eq + 1);
                    switch (key) {
                        case "timeout" -> checkSeconds(ctx, d, a, val, "timeout=", "timeout=", true);
                        case "connectiontimeout", "ping", "acquire" -> {
                            String unit = key.equals("acquire") ? "ms" : "s";
                            if (TimeValues.apacheUnitMillis(val, unit).isEmpty()) {
                                ctx.report("SYN003", a.span(), "\"" + val + "\" is not a valid " + key + "= value: "
                                        + "httpd refuses to start (" + d.name() + " " + key + " has wrong format); "
                                        + "write a whole number with an optional unit ms, s, mi (minutes) or h, "
                                        + "e.g. " + key + "=5 (" + (unit.equals("ms") ? "milliseconds" : "seconds")
                                        + " without a unit).");
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        });
    }

    private void checkSeconds(RuleContext ctx, Directive d, Arg a, String val, String label, String prefix,
            boolean atLeastOne) {
        OptionalLong n = TimeValues.apacheAtoiSeconds(val);
        String rest = TimeValues.apacheAtoiRest(val);
        if (n.isEmpty() || (atLeastOne && n.getAsLong() < 1)) {
            if (atLeastOne) {
                ctx.report("SYN003", a.span(), "\"" + val + "\" is not a valid " + label.replace("=", "") + " value: "
                        + "httpd reads it as " + (n.isEmpty() ? 0 : n.getAsLong()) + " seconds and refuses to start "
                        + "(it must be at least 1 second); write a whole number of seconds.");
            }
            return;
        }
        if (rest.isEmpty()) {
            return;
        }
        OptionalLong meant = TimeValues.intendedSeconds(val);
        String name = prefix.isEmpty() ? label : "timeout=";
        String msg = name + (prefix.isEmpty() ? " " : "") + val + " means " + n.getAsLong() + " s, not what \"" + rest
                + "\" suggests: httpd reads " + (prefix.isEmpty() ? label : "the timeout= key")
                + " as whole seconds and silently ignores everything after the digits. Write the number of seconds"
                + (meant.isPresent() ? ": " + prefix + meant.getAsLong() + "." : ".");
        Fix fix = meant.isEmpty() ? null : new Fix("Write " + prefix + meant.getAsLong() + " (seconds)",
                List.of(TextEdit.replace(a.span(), prefix + meant.getAsLong())));
        ctx.report("TMO106", a.span(), msg, List.of(), fix);
    }

    /** TMO107: mod_proxy_wstunnel directives the target httpd does not have. */
    private void checkVersionDirectives(RuleContext ctx, ApacheModel m) {
        String version = ctx.settings().apacheVersion();
        Tree.walk(ctx.config().items(), d -> {
            if (d.is("ProxyWebsocketIdleTimeout") || d.is("ProxyWebsocketAsync") || d.is("ProxyWebsocketAsyncDelay")) {
                if (VersionFacts.atLeast(version, VersionFacts.APACHE_WS_IDLE_TIMEOUT_DIRECTIVE)) {
                    return;
                }
                ctx.report("TMO107", d.nameSpan(), d.name() + " is not a directive of httpd 2.4"
                        + (version == null ? " (target version unknown; set --apache-version)" : " (target " + version + ")")
                        + ": it exists only in the httpd trunk (2.5) documentation, and 2.4.71 refuses to start "
                        + "(Invalid command). On 2.4 an idle WebSocket tunnel lives for max(Timeout, timeout=): set "
                        + "timeout= on the WebSocket ProxyPass and remove this line.");
            } else if (d.is("ProxyWebsocketFallbackToProxyHttp")) {
                if (version != null && !VersionFacts.atLeast(version, VersionFacts.APACHE_WS_FALLBACK_DIRECTIVE)) {
                    ctx.report("TMO107", d.nameSpan(), "ProxyWebsocketFallbackToProxyHttp does not exist in httpd "
                            + version + ": it was added in " + VersionFacts.APACHE_WS_FALLBACK_DIRECTIVE
                            + ", and older releases refuse to start (Invalid command). Remove it for this target.");
                } else if (m.modulesKnown() && !m.loadedModules().containsKey("proxy_wstunnel_module")) {
                    ctx.report("TMO107", d.nameSpan(), "ProxyWebsocketFallbackToProxyHttp belongs to "
                            + "mod_proxy_wstunnel, which this configuration does not load: httpd refuses to start "
                            + "(Invalid command). Load mod_proxy_wstunnel or remove the line.");
                }
            }
        });
    }
}
