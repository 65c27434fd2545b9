package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives;
import dev.proxylint.nginx.model.NginxDirectives.Ctx;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.facts.TimeValues;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import dev.proxylint.tls.Versions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values that the own argument parsers of a few core directives refuse (part of CFG123), with
 * the messages nginx 1.22 prints; each was checked against {@code nginx -t}:
 * <ul>
 * <li>{@code if}: the condition as {@code ngx_http_rewrite_if_condition} reads it: the first word
 * starts with {@code (} and the last ends with {@code )}; inside, {@code $var}, {@code $var OP value}
 * with OP one of {@code = != ~ ~* !~ !~*}, or {@code -f -d -e -x} (or {@code !-f} ...) and one value.</li>
 * <li>{@code rewrite}: the flag is {@code last}, {@code break}, {@code redirect} or {@code permanent}.</li>
 * <li>{@code error_page}: codes are numbers from 300 to 599 but 499; {@code =code} is a number.</li>
 * <li>{@code proxy_pass} (http) without variables starts with {@code http://} or {@code https://}
 * ({@code ws://} is WS110's).</li>
 * <li>{@code set}: the variable starts with {@code $}.</li>
 * <li>{@code listen} parameters and upstream {@code server} parameters (http and stream), with the
 * releases that added {@code quic}, {@code resolve} and {@code service=}.</li>
 * </ul>
 */
final class NginxValueChecks {
    private NginxValueChecks() {
    }

    private static final Set<String> LISTEN_WORDS = Set.of("default_server", "default", "bind", "deferred",
            "reuseport", "ssl", "http2", "proxy_protocol");
    /** Listen parameters that came later than 1.22, with the release that added them. */
    private static final Map<String, String> LISTEN_SINCE = Map.of("quic", "1.25.0");
    /** What listen takes in a stream server (ngx_stream_core_module, 1.22), and what came later. */
    private static final Set<String> STREAM_LISTEN_WORDS = Set.of("bind", "reuseport", "ssl", "udp", "proxy_protocol");
    private static final Map<String, String> STREAM_LISTEN_SINCE = Map.of("default_server", "1.25.5");
    private static final Set<String> REWRITE_FLAGS = Set.of("last", "break", "redirect", "permanent");
    private static final Set<String> MODIFIERS = Set.of("=", "~", "~*", "^~");
    private static final Pattern SIZE = Pattern.compile("[0-9]+[kKmM]?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Set<String> LINUX_EVENTS = Set.of("epoll");
    /** ngx_conf_num_bounds_t of nginx 1.22's number directives. */
    private static final Map<String, long[]> BOUNDS = Map.of("gzip_comp_level", new long[] {1, 9},
            "limit_conn_status", new long[] {400, 599}, "limit_req_status", new long[] {400, 599},
            "uwsgi_modifier1", new long[] {0, 255}, "uwsgi_modifier2", new long[] {0, 255});
    /** limit_except's methods (ngx_methods_names of nginx 1.22, compared without case). */
    private static final List<String> HTTP_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "MKCOL", "COPY",
            "MOVE", "OPTIONS", "PROPFIND", "PROPPATCH", "LOCK", "UNLOCK", "PATCH");
    private static final Pattern IPV6ISH = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PORT_IN_WORD = Pattern.compile("[0-9]+[A-Za-z_][A-Za-z0-9_]*");

    private static final List<String> LOG_LEVELS = List.of("emerg", "alert", "crit", "error", "warn", "notice", "info",
            "debug");
    private static final Set<String> DEBUG_LEVELS = Set.of("debug_core", "debug_alloc", "debug_mutex", "debug_event",
            "debug_http", "debug_mail", "debug_stream");

    /** The argument (its index) that ngx_log_set_levels refuses, and nginx's message. */
    record LevelError(int arg, String message) {
    }

    /** ngx_log_set_levels: the first level word nginx refuses, or null. */
    static LevelError logLevelError(Directive d) {
        boolean level = false;
        boolean debug = false;
        for (int i = 1; i < d.argCount(); i++) {
            String w = d.arg(i);
            if (LOG_LEVELS.contains(w)) {
                if (level || debug) {
                    return new LevelError(i, "duplicate log level \"" + w + "\"");
                }
                level = true;
            } else if (DEBUG_LEVELS.contains(w)) {
                if (level) {
                    return new LevelError(i, "invalid log level \"" + w + "\"");
                }
                debug = true;
            } else {
                return new LevelError(i, "invalid log level \"" + w + "\"");
            }
        }
        return null;
    }

    /**
     * The directives nginx reads before it would reach the first include that was not read
     * (outside the scanned tree, missing, unreadable or over a limit) where a log_format can stand
     * (the top level, http or stream), in nginx's read order: the log formats an access_log among
     * them looks up are known in full. An unread include inside a server, location or other block
     * cannot define one (log_format is allowed in http and stream only), so it does not end the set.
     */
    static Set<Directive> readBeforeUnreadFormats(RuleContext ctx) {
        Set<dev.proxylint.source.Span> unread = new HashSet<>();
        for (dev.proxylint.syntax.Problem p : ctx.config().problems()) {
            if (dev.proxylint.syntax.Resolved.notRead(p)) {
                unread.add(p.span());
            }
        }
        Set<Directive> before = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        ArrayList<java.util.Iterator<dev.proxylint.syntax.Node>> stack = new ArrayList<>();
        ArrayList<Directive> blocks = new ArrayList<>(); // the block each level of the stack is in (null: top)
        stack.add(ctx.config().items().iterator());
        blocks.add(null);
        while (!stack.isEmpty() && stack.size() < 512) {
            java.util.Iterator<dev.proxylint.syntax.Node> it = stack.get(stack.size() - 1);
            Directive in = blocks.get(blocks.size() - 1);
            if (!it.hasNext()) {
                stack.remove(stack.size() - 1);
                blocks.remove(blocks.size() - 1);
                continue;
            }
            if (!(it.next() instanceof Directive d)) {
                continue;
            }
            if (unread.contains(d.span())) {
                if (in == null || in.is("http") || in.is("stream")) {
                    return before;
                }
                continue; // inside a server or location: it holds no log_format
            }
            if (d.expansion() != null) {
                stack.add(d.expansion().iterator());
                blocks.add(in);
                continue;
            }
            before.add(d);
            if (d.hasBlock()) {
                stack.add(d.children().iterator());
                blocks.add(d);
            }
        }
        return before;
    }

    static void check(RuleContext ctx, String id) {
        String version = ctx.settings().nginxVersion();
        // per upstream block: whether a balancing method without backup support came before
        Map<Directive, Boolean> noBackup = new HashMap<>();
        // log formats defined so far (nginx looks a format up when it reads access_log), without case
        Set<String> httpFormats = new HashSet<>(Set.of("combined"));
        Set<String> streamFormats = new HashSet<>();
        boolean whole = !ctx.facts().nginx().fragment() && !ctx.facts().nginx().incomplete();
        // a main config with an include that was not read: nginx looks a log format up when it reads
        // access_log, so only an unread include before the access_log, at a level where log_format
        // is allowed, can hold the format
        Set<Directive> beforeUnread = !whole && !ctx.facts().nginx().fragment() ? readBeforeUnreadFormats(ctx) : null;
        // thread pools named at the top level (aio threads=NAME looks them up when nginx starts)
        Set<String> threadPools = new HashSet<>();
        for (dev.proxylint.syntax.Directive t : dev.proxylint.syntax.Tree.effective(ctx.config().items())) {
            if (t.is("thread_pool") && t.argCount() >= 1) {
                threadPools.add(t.arg(0));
            }
        }
        // per block: what its proxy_pass and proxy_redirect so far have set (the bits below)
        Map<Directive, int[]> redirects = new HashMap<>();
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.accepting() == null) {
                continue;
            }
            Directive d = e.directive();
            Directive parent = e.parent();
            if (NginxParameterChecks.check(ctx, id, d, version)
                    || NginxLogAndFileChecks.check(ctx, id, d, whole, threadPools) && !d.is("access_log")
                            && !d.is("error_log")) {
                continue;
            }
            switch (d.name()) {
                case "gzip_comp_level", "limit_conn_status", "limit_req_status", "uwsgi_modifier1", "uwsgi_modifier2" -> {
                    // ngx_conf_check_num_bounds, the post handler of these number slots
                    long[] b = BOUNDS.get(d.name());
                    if (d.argCount() == 1 && DIGITS.matcher(d.arg(0)).matches() && d.arg(0).length() < 10) {
                        long v = Long.parseLong(d.arg(0));
                        if (v < b[0] || v > b[1]) {
                            ctx.report(id, d.args().get(0).span(), "value must be between " + b[0] + " and " + b[1]
                                    + ": nginx refuses to start. " + d.name() + " " + d.arg(0) + " is out of range.");
                        }
                    }
                }
                case "keepalive_timeout" -> {
                    // ngx_http_core_keepalive: a time, then the Keep-Alive header's time in seconds (the
                    // first value is SYN003's, with the other time directives)
                    if (d.argCount() == 2 && TimeValues.nginxMillis(d.arg(0)).isPresent()
                            && TimeValues.nginxSeconds(d.arg(1)).isEmpty()) {
                        ctx.report(id, d.args().get(1).span(), "\"keepalive_timeout\" directive invalid value: nginx "
                                + "refuses to start. \"" + d.arg(1) + "\" is no time in seconds (the second value is "
                                + "the Keep-Alive header's timeout: keepalive_timeout 65s 60s).");
                    }
                }
                case "worker_processes" -> {
                    // ngx_set_worker_processes: auto or a number
                    if (d.argCount() == 1 && !d.arg(0).equals("auto") && !DIGITS.matcher(d.arg(0)).matches()) {
                        ctx.report(id, d.args().get(0).span(), "\"worker_processes\" directive invalid value: nginx "
                                + "refuses to start. worker_processes takes auto or a number, not \"" + d.arg(0) + "\".");
                    }
                }
                case "use" -> {
                    // ngx_event_use: the event modules built in; on Linux that is epoll alone unless nginx was
                    // configured --with-poll_module or --with-select_module (Debian's and nginx.org's are not)
                    if (d.argCount() == 1 && parent != null && parent.is("events") && !LINUX_EVENTS.contains(d.arg(0))) {
                        ctx.report(id, d.args().get(0).span(), "invalid event type \"" + d.arg(0) + "\": nginx refuses "
                                + "to start. nginx on Linux is built with the epoll event method alone (poll and select "
                                + "only when configured --with-poll_module or --with-select_module); epoll is the default.");
                    }
                }
                case "limit_except" -> {
                    for (int i = 0; i < d.argCount(); i++) {
                        if (!HTTP_METHODS.contains(d.arg(i).toUpperCase(Locale.ROOT))) {
                            ctx.report(id, d.args().get(i).span(), "invalid method \"" + d.arg(i) + "\": nginx refuses "
                                    + "to start. limit_except takes " + String.join(", ", HTTP_METHODS) + " (any case).");
                            break;
                        }
                    }
                }
                case "if" -> condition(ctx, id, d);
                case "map" -> {
                    if (d.hasBlock()) {
                        for (Directive m : Tree.effective(d.children())) {
                            boolean flag = m.argCount() == 0 && (m.is("hostnames") || m.is("volatile"));
                            if (!flag && m.argCount() != 1) {
                                ctx.report(id, m.nameSpan(), "invalid number of the map parameters: nginx refuses to "
                                        + "start. A map line is a key and a value (quote a value with spaces); "
                                        + "hostnames and volatile stand alone.");
                                break;
                            }
                        }
                    }
                }
                case "geo" -> {
                    if (d.hasBlock()) {
                        geo(ctx, id, d);
                    }
                }
                case "proxy_cookie_flags" -> {
                    // ngx_http_proxy_cookie_flags: one argument is only "off"
                    if (d.argCount() == 1 && !d.arg(0).equals("off")) {
                        ctx.report(id, d.args().get(0).span(), "invalid parameter \"" + d.arg(0) + "\": nginx refuses "
                                + "to start. proxy_cookie_flags takes off, or a cookie name followed by its flags.");
                    }
                }
                case "http2_chunk_size" -> {
                    if (d.argCount() == 1 && SIZE.matcher(d.arg(0)).matches() && NginxParameterChecks.size(d.arg(0)) == 0) {
                        ctx.report(id, d.args().get(0).span(), "the http2 chunk size cannot be zero: nginx refuses to "
                                + "start.");
                    }
                }
                case "index" -> {
                    // ngx_http_index_set_index: no empty name
                    for (var a : d.args()) {
                        if (a.value().isEmpty()) {
                            ctx.report(id, a.span(), "index \"\" in \"index\" directive is invalid: nginx refuses to "
                                    + "start. Each index is a file name.");
                            break;
                        }
                    }
                }
                case "server_name" -> {
                    // ngx_http_core_server_name: a * only as "*." with more after it, a . with more
                    // after it, a ~ with a regex after it
                    for (var a : d.args()) {
                        String n = a.value();
                        if (n.startsWith("*") && (n.length() < 3 || n.charAt(1) != '.') || n.equals(".")) {
                            ctx.report(id, a.span(), "server name \"" + n + "\" is invalid: nginx refuses to start. "
                                    + "A wildcard is \"*.\" before a name (*.example.org), \".\" before one (.example.org) "
                                    + "or \".*\" after one (www.example.*).");
                            break;
                        }
                        if (n.equals("~")) {
                            ctx.report(id, a.span(), "empty regex in server name \"~\": nginx refuses to start. A "
                                    + "regular expression name is ~ followed by the expression.");
                            break;
                        }
                    }
                }
                case "allow", "deny" -> {
                    if (d.argCount() == 1 && !address(d.arg(0))) {
                        ctx.report(id, d.args().get(0).span(), "invalid parameter \"" + d.arg(0) + "\": nginx refuses "
                                + "to start. " + d.name() + " takes all, unix:, or an IPv4/IPv6 address with an "
                                + "optional /mask (up to 32 or 128); host names are not allowed.");
                    }
                }
                case "set_real_ip_from" -> {
                    // ngx_ptocidr first, then a host name lookup: a value with a / that is no network
                    // cannot be a host name either (a bare name is left alone: nginx resolves it)
                    if (d.argCount() == 1 && d.arg(0).indexOf('/') >= 0 && !address(d.arg(0))) {
                        ctx.report(id, d.args().get(0).span(), "host not found in set_real_ip_from \"" + d.arg(0)
                                + "\": nginx refuses to start. The value is no network nginx reads (an IPv4 mask "
                                + "goes up to 32, an IPv6 one up to 128), so nginx tries it as a host name and "
                                + "finds none.");
                    }
                }
                case "proxy_bind", "fastcgi_bind", "uwsgi_bind", "scgi_bind", "memcached_bind", "grpc_bind" -> {
                    if (d.argCount() >= 1 && d.argCount() <= 2 && !d.arg(0).equals("off")
                            && d.arg(0).indexOf('$') < 0 && !bindAddress(d.arg(0))) {
                        ctx.report(id, d.args().get(0).span(), "invalid address \"" + d.arg(0) + "\": nginx refuses "
                                + "to start. " + d.name() + " takes an IP address (with an optional :port), a value "
                                + "with variables, or off; host names are not allowed.");
                    } else if (d.argCount() == 2 && !d.arg(1).equals("transparent")) {
                        ctx.report(id, d.args().get(1).span(), "invalid parameter \"" + d.arg(1) + "\": nginx "
                                + "refuses to start. The only parameter of " + d.name() + " is transparent.");
                    }
                }
                case "log_format" -> {
                    if (d.argCount() >= 1) {
                        (e.contexts() == Ctx.STREAM.bit() ? streamFormats : httpFormats)
                                .add(d.arg(0).toLowerCase(Locale.ROOT));
                    }
                    // ngx_http_log_compile_format / the stream twin: escape=json, none or default
                    if (d.argCount() >= 2 && d.arg(1).startsWith("escape=")
                            && !Set.of("json", "none", "default").contains(d.arg(1).substring(7))) {
                        ctx.report(id, d.args().get(1).span(), "unknown log format escaping \"" + d.arg(1).substring(7)
                                + "\": nginx refuses to start. escape= takes default, json or none.");
                    }
                }
                case "error_log" -> {
                    LevelError bad = logLevelError(d);
                    if (bad != null) {
                        ctx.report(id, d.args().get(bad.arg()).span(), bad.message() + ": nginx refuses to start. error_log takes one level "
                                        + "(debug, info, notice, warn, error, crit, alert, emerg; lower case), or debug_core, "
                                        + "debug_http ... alone.");
                    }
                }
                case "access_log" -> {
                    boolean stream = (e.contexts() & (Ctx.STREAM.bit() | Ctx.STREAM_SERVER.bit())) != 0;
                    boolean http = (e.contexts() & (Ctx.HTTP.bit() | Ctx.SERVER.bit() | Ctx.LOCATION.bit()
                            | Ctx.LIF.bit() | Ctx.LIMIT_EXCEPT.bit())) != 0;
                    if (stream && !http && d.argCount() == 1 && !d.arg(0).equals("off")) {
                        ctx.report(id, d.args().get(0).span(), "log format is not specified: nginx refuses to start. "
                                + "stream has no predefined format, so access_log there names a log_format defined "
                                + "in stream, as in access_log " + d.arg(0) + " basic;");
                    }
                    if ((whole || beforeUnread != null && beforeUnread.contains(d)) && d.argCount() >= 2
                            && !d.arg(0).equals("off") && stream != http
                            && d.arg(1).indexOf('$') < 0
                            && !(stream ? streamFormats : httpFormats).contains(d.arg(1).toLowerCase(Locale.ROOT))) {
                        ctx.report(id, d.args().get(1).span(), "unknown log format \"" + d.arg(1) + "\": nginx refuses "
                                + "to start. The second argument of access_log names a log_format defined earlier "
                                + (stream ? "in stream (stream has no predefined format)" : "in http (or combined)")
                                + "; buffer=, gzip and the like come after it.");
                    }
                }
                case "location" -> {
                    if (d.argCount() == 2 && !MODIFIERS.contains(d.arg(0))) {
                        ctx.report(id, d.args().get(0).span(), "invalid location modifier \"" + d.arg(0) + "\": nginx "
                                + "refuses to start. A location's modifier is =, ~, ~*, ^~ or none.");
                    }
                }
                case "return" -> {
                    String c = d.argCount() >= 1 ? d.arg(0) : null;
                    boolean url = c != null && d.argCount() == 1 && (c.startsWith("http://") || c.startsWith("https://")
                            || c.startsWith("$scheme"));
                    boolean httpReturn = (e.contexts() & ~(Ctx.SERVER.bit() | Ctx.LOCATION.bit() | Ctx.SIF.bit()
                            | Ctx.LIF.bit())) == 0; // stream's return sends a text
                    if (httpReturn && c != null && !url && c.indexOf('$') < 0 && (!number(c) || Long.parseLong(c) > 999)) {
                        ctx.report(id, d.args().get(0).span(), "invalid return code \"" + c + "\": nginx refuses to "
                                + "start. return takes a status code (up to 999) with an optional text or URL, or a "
                                + "URL that starts with http://, https:// or $scheme.");
                    }
                }
                case "rewrite" -> {
                    if (d.argCount() == 3 && !REWRITE_FLAGS.contains(d.arg(2))) {
                        ctx.report(id, d.args().get(2).span(), "invalid parameter \"" + d.arg(2) + "\": nginx refuses "
                                + "to start. The flag of rewrite is last, break, redirect or permanent (lower case).");
                    }
                }
                case "error_page" -> errorPage(ctx, id, d);
                case "proxy_redirect" -> proxyRedirect(ctx, id, d, redirects.computeIfAbsent(parent, k -> new int[1]));
                case "proxy_pass" -> {
                    if (parent != null && !parent.is("server") && d.argCount() == 1) {
                        redirects.computeIfAbsent(parent, k -> new int[1])[0] |= d.arg(0).indexOf('$') >= 0
                                ? PASS_VARIABLES : PASS_URL;
                    }
                    if (parent != null && !parent.is("server") && d.argCount() == 1 && d.arg(0).indexOf('$') < 0) {
                        String u = d.arg(0).toLowerCase(Locale.ROOT);
                        if (!u.startsWith("http://") && !u.startsWith("https://") && !u.startsWith("ws://")
                                && !u.startsWith("wss://")) {
                            ctx.report(id, d.args().get(0).span(), "invalid URL prefix: nginx refuses to start. "
                                    + "proxy_pass in http takes a URL that starts with http:// or https://, e.g. "
                                    + "http://" + d.arg(0) + ".");
                        } else if (!u.startsWith("ws")) {
                            NginxParameterChecks.url(ctx, id, d, d.arg(0).substring(u.indexOf("://") + 3), true);
                        }
                    } else if (parent != null && parent.is("server") && e.contexts() == Ctx.STREAM_SERVER.bit()
                            && d.argCount() == 1 && d.arg(0).indexOf('$') < 0) {
                        NginxParameterChecks.url(ctx, id, d, d.arg(0), false);
                    }
                }
                case "set" -> {
                    if (d.argCount() == 2 && (d.arg(0).length() < 2 || d.arg(0).charAt(0) != '$')) {
                        ctx.report(id, d.args().get(0).span(), "invalid variable name \"" + d.arg(0) + "\": nginx "
                                + "refuses to start. set takes a variable with its $, e.g. set $" + d.arg(0).replace("$", "")
                                + " value.");
                    }
                }
                case "listen" -> {
                    if (e.contexts() == Ctx.SERVER.bit()) {
                        listen(ctx, id, d, version, false);
                    } else if (e.contexts() == Ctx.STREAM_SERVER.bit()) {
                        listen(ctx, id, d, version, true);
                    }
                }
                case "hash", "ip_hash", "random" -> {
                    if (parent != null && parent.is("upstream")) {
                        noBackup.put(parent, true);
                    }
                }
                case "server" -> {
                    if (e.contexts() == Ctx.UPSTREAM.bit() || e.contexts() == Ctx.STREAM_UPSTREAM.bit()) {
                        upstreamServer(ctx, id, d, version, noBackup.containsKey(parent));
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void condition(RuleContext ctx, String id, Directive d) {
        List<Arg> args = d.args();
        if (args.isEmpty()) {
            return;
        }
        String firstWord = args.get(0).value();
        if (!firstWord.startsWith("(")) {
            invalidCondition(ctx, id, args.get(0), firstWord);
            return;
        }
        int last = args.size() - 1;
        String lastWord = args.get(last).value();
        if (!lastWord.endsWith(")")) {
            invalidCondition(ctx, id, args.get(last), lastWord);
            return;
        }
        // the words inside the parentheses, as nginx strips them
        String[] w = new String[args.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = args.get(i).value();
        }
        int cur = 0;
        if (w[0].length() == 1) {
            cur = 1;
        } else {
            w[0] = w[0].substring(1);
        }
        if (w[last].length() == 1) {
            last--;
        } else {
            w[last] = w[last].substring(0, w[last].length() - 1);
        }
        if (cur >= w.length || cur > last + 1) {
            invalidCondition(ctx, id, args.get(Math.min(cur, args.size() - 1)), ")");
            return;
        }
        String p = w[cur];
        if (p.length() > 1 && p.charAt(0) == '$') {
            if (cur != last && cur + 2 != last) {
                invalidCondition(ctx, id, args.get(cur), p);
                return;
            }
            if (cur == last) {
                return;
            }
            String op = w[cur + 1];
            if (!Set.of("=", "!=", "~", "~*", "!~", "!~*").contains(op)) {
                ctx.report(id, args.get(cur + 1).span(), "unexpected \"" + op + "\" in condition: nginx refuses to "
                        + "start. An if compares with =, !=, ~, ~*, !~ or !~* (there is no ==).");
            }
            return;
        }
        if ((p.length() == 2 && p.charAt(0) == '-') || (p.length() == 3 && p.startsWith("!-"))) {
            char t = p.charAt(p.length() - 1);
            if (cur + 1 == last && (t == 'f' || t == 'd' || t == 'e' || t == 'x')) {
                return;
            }
        }
        invalidCondition(ctx, id, args.get(cur), p);
    }

    private static void invalidCondition(RuleContext ctx, String id, Arg at, String word) {
        ctx.report(id, at.span(), "invalid condition \"" + word + "\": nginx refuses to start. An if condition "
                + "is ($variable), ($variable = value) with =, !=, ~, ~*, !~ or !~*, or (-f value) with -f, -d, -e, "
                + "-x or their ! forms, in one pair of parentheses.");
    }

    private static void errorPage(RuleContext ctx, String id, Directive d) {
        int n = d.argCount();
        if (n < 2) {
            return;
        }
        int codesEnd = n - 1; // exclusive: the last argument is the URI
        Arg over = d.args().get(n - 2);
        if (over.value().startsWith("=")) {
            String v = over.value();
            if (n - 2 == 0 || (v.length() > 1 && !number(v.substring(1)))) {
                ctx.report(id, over.span(), "invalid value \"" + v + "\": nginx refuses to start. error_page takes "
                        + "the codes first, then an optional =code (or a lone =), then the URI.");
                return;
            }
            codesEnd = n - 2;
        }
        for (int i = 0; i < codesEnd; i++) {
            Arg a = d.args().get(i);
            String v = a.value();
            if (!number(v) || v.equals("499")) {
                ctx.report(id, a.span(), "invalid value \"" + v + "\": nginx refuses to start. error_page takes "
                        + "response codes (300 to 599, but not 499), then an optional =code, then the URI.");
                return;
            }
            int code = Integer.parseInt(v);
            if (code < 300 || code > 599) {
                ctx.report(id, a.span(), "value \"" + v + "\" must be between 300 and 599: nginx refuses to start. "
                        + "error_page only handles error and redirect codes.");
                return;
            }
        }
    }

    private static boolean number(String v) {
        if (v.isEmpty() || v.length() > 9) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void listen(RuleContext ctx, String id, Directive d, String version, boolean stream) {
        String addressProblem = d.argCount() >= 1
                ? listenAddress(d.arg(0), version == null || Versions.atLeast(version, "1.15.10")) : null;
        if (addressProblem != null) {
            ctx.report(id, d.args().get(0).span(), addressProblem);
            return;
        }
        Set<String> words = stream ? STREAM_LISTEN_WORDS : LISTEN_WORDS;
        for (int i = 1; i < d.argCount(); i++) {
            Arg a = d.args().get(i);
            String v = a.value();
            String since = (stream ? STREAM_LISTEN_SINCE : LISTEN_SINCE).get(v);
            String problem = null;
            if (since != null && version == null && Versions.compare(since, NginxDirectives.BASELINE) > 0) {
                ctx.report(new Finding(id, Level.WARNING, "listen parameter \"" + v + "\" exists from nginx " + since
                        + " on: older releases, such as Debian 12's " + NginxDirectives.BASELINE + ", refuse to start ("
                        + (stream ? "the invalid \"" + v + "\" parameter" : "invalid parameter \"" + v + "\"") + "). Set "
                        + "nginx-version to the release you run: an error if it is older, nothing if it is newer.",
                        a.span()));
                continue;
            }
            if (words.contains(v) || (since != null && (version == null || Versions.atLeast(version, since)))) {
                continue;
            } else if (since != null) {
                problem = (stream ? "the invalid \"" + v + "\" parameter" : "invalid parameter \"" + v + "\"")
                        + ": nginx " + version + " refuses to start; \"" + v
                        + "\" came in nginx " + since + ".";
            } else if (v.startsWith("backlog=") || v.startsWith("fastopen=")) {
                String key = v.substring(0, v.indexOf('='));
                String n = v.substring(key.length() + 1);
                if (!number(n) || (key.equals("backlog") && Integer.parseInt(n) == 0)) {
                    problem = "invalid " + key + " \"" + v + "\": nginx refuses to start. It takes a number"
                            + (key.equals("backlog") ? " above 0." : ".");
                }
            } else if (v.startsWith("rcvbuf=") || v.startsWith("sndbuf=")) {
                String key = v.substring(0, 6);
                if (!SIZE.matcher(v.substring(7)).matches()) {
                    problem = "invalid " + key + " \"" + v + "\": nginx refuses to start. It takes a size such as 64k.";
                }
            } else if (v.startsWith("ipv6only=")) {
                if (stream && !v.equals("ipv6only=on") && !v.equals("ipv6only=off")) {
                    problem = "the invalid \"" + v + "\" parameter: nginx refuses to start. ipv6only takes on or off.";
                } else if (!v.equals("ipv6only=on") && !v.equals("ipv6only=off")) {
                    problem = "invalid ipv6only flags \"" + v.substring(9) + "\": nginx refuses to start. It takes on "
                            + "or off.";
                }
            } else if (v.startsWith("so_keepalive=")) {
                if (!keepalive(v.substring(13))) {
                    problem = "invalid so_keepalive value: \"" + v.substring(13) + "\": nginx refuses to start. It "
                            + "takes on, off or [keepidle]:[keepintvl]:[keepcnt], e.g. 30m::10.";
                }
            } else if (v.startsWith("setfib=") || (!stream && v.startsWith("accept_filter="))) {
                continue; // FreeBSD only: not judged without knowing the platform
            } else if (stream) {
                problem = "the invalid \"" + v + "\" parameter: nginx refuses to start. listen in a stream server "
                        + "takes ssl, udp, proxy_protocol, bind, reuseport, backlog=, rcvbuf=, sndbuf=, fastopen=, "
                        + "ipv6only=, so_keepalive= (in lower case)" + didYouMean(v, words) + ".";
            } else {
                problem = "invalid parameter \"" + v + "\": nginx refuses to start. listen takes default_server, ssl, "
                        + "http2, proxy_protocol, bind, reuseport, deferred, backlog=, rcvbuf=, sndbuf=, fastopen=, "
                        + "ipv6only=, so_keepalive= (in lower case)" + didYouMean(v, words) + ".";
            }
            if (problem != null) {
                ctx.report(id, a.span(), problem);
                return; // nginx stops at the first
            }
        }
    }

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /** What ngx_ptocidr takes (and "all", "unix:"): an IPv4 or IPv6 address with an optional mask. */
    static boolean address(String a) {
        if (a.equals("all") || a.equals("unix:")) {
            return true;
        }
        int slash = a.indexOf('/');
        String ip = slash < 0 ? a : a.substring(0, slash);
        String mask = slash < 0 ? null : a.substring(slash + 1);
        boolean v6 = ip.indexOf(':') >= 0;
        if (v6 ? !IPV6ISH.matcher(ip).matches() : !IPV4.matcher(ip).matches()) {
            return false;
        }
        return mask == null || (number(mask) && Integer.parseInt(mask) <= (v6 ? 128 : 32));
    }

    /**
     * What ngx_parse_addr_port takes: an IPv4 or IPv6 address, {@code address:port} or
     * {@code [v6]:port}, the port from 1 to 65535.
     */
    static boolean bindAddress(String a) {
        if (plainAddress(a)) {
            return true;
        }
        String host;
        String port;
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0 || close + 1 >= a.length() || a.charAt(close + 1) != ':') {
                return false;
            }
            host = a.substring(1, close);
            port = a.substring(close + 2);
        } else {
            int colon = a.indexOf(':');
            if (colon < 0) {
                return false;
            }
            host = a.substring(0, colon);
            port = a.substring(colon + 1);
        }
        return number(port) && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535 && plainAddress(host);
    }

    private static boolean plainAddress(String a) {
        // an IPv6 address has two colons at least: "127.0.0.1:0" is an address with a port
        return !a.isEmpty() && (a.indexOf(':') >= 0 ? a.indexOf(':') != a.lastIndexOf(':') && IPV6ISH.matcher(a).matches()
                : IPV4.matcher(a).matches());
    }

    /**
     * A geo block's lines, as ngx_http_geo (and stream's twin) reads them: ranges and
     * proxy_recursive alone, every other line a key and a value; ranges only first; without ranges
     * each key (or the network after delete or proxy) is a network (ngx_ptocidr), with ranges an
     * IPv4 range whose start is not above its end.
     */
    private static void geo(RuleContext ctx, String id, Directive d) {
        boolean ranges = false;
        boolean entries = false;
        GeoRanges table = new GeoRanges();
        for (Directive m : Tree.effective(d.children())) {
            String k = m.name();
            String problem = null;
            if (m.argCount() == 0 && !m.hasBlock() && (k.equals("ranges") || k.equals("proxy_recursive"))) {
                if (k.equals("ranges") && entries) {
                    problem = "the \"ranges\" directive must be the first directive inside \"geo\" block";
                }
                ranges |= k.equals("ranges");
            } else if (m.argCount() != 1 || m.hasBlock()) {
                problem = "invalid number of the geo parameters";
            } else if (k.equals("include")) {
                continue;
            } else if (k.equals("proxy")) {
                problem = geoNetwork(m.arg(0)) ? null : "invalid network \"" + m.arg(0) + "\"";
            } else {
                String net = k.equals("delete") ? m.arg(0) : k;
                if (ranges) {
                    long[] range = net.equals("default") ? null : geoRange(net);
                    problem = net.equals("default") || range != null ? null : "invalid range \"" + net + "\"";
                    if (range != null && k.equals("delete")) {
                        table.delete(range[0], range[1]);
                    } else if (range != null) {
                        String over = table.add(range[0], range[1]);
                        if (over != null) {
                            ctx.report(id, m.nameSpan(), "range \"" + net + "\" overlaps \"" + over
                                    + "\": nginx refuses to start. A range of a geo block with ranges may lie inside one "
                                    + "given before, or share one of its ends, but not overlap it in part or cover it; "
                                    + "split it at the other range's ends.");
                            return;
                        }
                    }
                } else {
                    entries = true;
                    problem = net.equals("default") || geoNetwork(net) ? null : "invalid network \"" + net + "\"";
                }
            }
            if (problem != null) {
                ctx.report(id, m.nameSpan(), problem + ": nginx refuses to start. " + (ranges
                        ? "With ranges a geo line is a range such as 10.0.0.0-10.0.0.255 (start not above end) and a "
                                + "value."
                        : "A geo line is a network (an IPv4 or IPv6 address with a mask of up to 32 or 128) and a "
                                + "value; ranges, if used, comes first."));
                return;
            }
        }
    }

    /**
     * The ranges of a geo block with ranges as ngx_http_geo_add_range keeps them: per 65,536
     * addresses (the high 16 bits), a sorted list of [start, end] of the low 16 bits. A new range is
     * placed after a range below it, replaces an equal one, splits one it lies inside or shortens
     * one it shares an end with; any other meeting is nginx's "overlaps" error. Bounded: a geo block
     * that costs more than {@link #BUDGET} steps is not judged.
     */
    static final class GeoRanges {
        static final int BUDGET = 1 << 20;
        private final Map<Integer, List<int[]>> blocks = new HashMap<>();
        private int steps;

        /** Adds start-end; null, or the piece it overlaps as nginx prints it. */
        String add(long start, long end) {
            for (long n = start; n <= end; n = (n + 0x10000) & 0xffff0000L) {
                int h = (int) (n >>> 16);
                int s = n == start ? (int) (n & 0xffff) : 0;
                int e = (n | 0xffff) > end ? (int) (end & 0xffff) : 0xffff;
                List<int[]> a = blocks.computeIfAbsent(h, x -> new ArrayList<>());
                int i = a.size();
                boolean placed = false;
                while (i > 0 && !placed) {
                    if (++steps > BUDGET) {
                        return null;
                    }
                    i--;
                    int[] r = a.get(i);
                    if (e < r[0]) {
                        continue;
                    }
                    if (s > r[1]) {
                        a.add(i + 1, new int[] {s, e});
                    } else if (s == r[0] && e == r[1]) {
                        // a duplicate range: nginx warns and keeps the new value
                    } else if (s > r[0] && e < r[1]) {
                        a.add(i + 1, new int[] {s, e});
                        a.add(i + 2, new int[] {e + 1, r[1]});
                        r[1] = s - 1;
                    } else if (s == r[0] && e < r[1]) {
                        a.add(i, new int[] {s, e});
                        r[0] = e + 1;
                    } else if (s > r[0] && e == r[1]) {
                        a.add(i + 1, new int[] {s, e});
                        r[1] = s - 1;
                    } else {
                        return (h >> 8) + "." + (h & 0xff) + "." + (r[0] >> 8) + "." + (r[0] & 0xff) + "-"
                                + (h >> 8) + "." + (h & 0xff) + "." + (r[1] >> 8) + "." + (r[1] & 0xff);
                    }
                    placed = true;
                }
                if (!placed) {
                    a.add(0, new int[] {s, e});
                }
                if (++steps > BUDGET) {
                    return null;
                }
            }
            return null;
        }

        /** delete start-end: ngx_http_geo_delete_range removes the pieces equal to it (a miss is only a warning). */
        void delete(long start, long end) {
            for (long n = start; n <= end; n = (n + 0x10000) & 0xffff0000L) {
                int h = (int) (n >>> 16);
                int s = n == start ? (int) (n & 0xffff) : 0;
                int e = (n | 0xffff) > end ? (int) (end & 0xffff) : 0xffff;
                List<int[]> a = blocks.get(h);
                if (a != null) {
                    for (int i = 0; i < a.size(); i++) {
                        if (++steps > BUDGET) {
                            return;
                        }
                        if (a.get(i)[0] == s && a.get(i)[1] == e) {
                            a.remove(i);
                            break;
                        }
                    }
                }
                if (++steps > BUDGET) {
                    return;
                }
            }
        }
    }

    /** What ngx_ptocidr reads as a geo network (and 255.255.255.255, which geo allows itself). */
    private static boolean geoNetwork(String net) {
        return net.equals("255.255.255.255") || !net.equals("all") && !net.equals("unix:") && address(net);
    }

    /** An IPv4 range as geo's ranges mode reads it: two dotted quads (each part up to 255), start not above end; its bounds, or null. */
    private static long[] geoRange(String net) {
        int dash = net.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long start = ipv4(net.substring(0, dash));
        long end = ipv4(net.substring(dash + 1));
        return start >= 0 && end >= 0 && start <= end ? new long[] {start, end} : null;
    }

    /** A dotted quad's value (ngx_inet_addr), or -1. */
    private static long ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !number(p) || Integer.parseInt(p) > 255) {
                return -1;
            }
            v = v * 256 + Integer.parseInt(p);
        }
        return v;
    }

    /** nginx's ngx_parse_url verdict on a listen address: a port of 1 to 65535, a plausible host. */
    static String listenAddress(String a, boolean ranges) {
        if (a.startsWith("unix:")) {
            // ngx_parse_unix_domain_url: a path, shorter than sun_path (108 bytes with its NUL)
            String path = a.substring(5);
            if (path.isEmpty()) {
                return "no path in the unix domain socket in \"" + a + "\" of the \"listen\" directive: nginx refuses "
                        + "to start. Give the socket's path, as in unix:/run/nginx.sock.";
            }
            if (path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 108) {
                return "too long path in the unix domain socket in \"" + a + "\" of the \"listen\" directive: nginx "
                        + "refuses to start. A socket path has at most 107 bytes.";
            }
            return null;
        }
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0 || a.indexOf('$') >= 0) {
                return null; // ngx_parse_inet6_url: not judged
            }
            String port = a.length() > close + 1 && a.charAt(close + 1) == ':' ? a.substring(close + 2) : null;
            String err = port == null ? null : listenPort(port, ranges, false);
            return err == null ? null : invalidListen(err, a);
        }
        // ngx_parse_inet_url with listen set: the first colon starts the port, a slash or ? is refused, a
        // port may be a range FROM-TO (1.15.10); a word without a colon is a port when it is one
        int uri = a.indexOf('/');
        int args = a.indexOf('?');
        if (args >= 0 && (uri < 0 || args < uri)) {
            uri = args;
        }
        if (uri >= 0) {
            return invalidListen("invalid host", a);
        }
        int colon = a.indexOf(':');
        String host;
        if (colon >= 0) {
            String err = listenPort(a.substring(colon + 1), ranges, false);
            if (err != null) {
                return invalidListen(err, a);
            }
            host = a.substring(0, colon);
        } else {
            String err = listenPort(a, ranges, true);
            if (err == null) {
                return null; // a port alone
            }
            if (!err.isEmpty()) {
                return invalidListen(err, a);
            }
            host = a;
        }
        if (host.isEmpty()) {
            return invalidListen("no host", a);
        }
        if (host.indexOf('$') >= 0) {
            return "host not found in \"" + a + "\" of the \"listen\" directive: nginx refuses to start. listen "
                    + "takes no variables, so nginx looks \"" + host + "\" up as a host name; an unreplaced template "
                    + "placeholder? Substitute it before nginx reads the file.";
        }
        if (colon < 0 && PORT_IN_WORD.matcher(host).matches()) {
            String digits = host.replaceAll("[^0-9].*$", "");
            return "host not found in \"" + a + "\" of the \"listen\" directive: nginx reads \"" + a + "\" as a host "
                    + "name and refuses to start. A missing space? listen " + digits + " " + host.substring(digits.length())
                    + ";";
        }
        return null;
    }

    /**
     * The port part of a listen address as ngx_parse_inet_url reads it: null when fine, nginx's error
     * otherwise. For a word without a colon ({@code alone}), "" when it is no port at all (then it is a
     * host name).
     */
    private static String listenPort(String p, boolean ranges, boolean alone) {
        long lastPort = 0;
        String pending = null;
        int dash = ranges ? p.indexOf('-') : -1;
        if (dash >= 0) {
            long n = ngxAtoi(p.substring(dash + 1));
            if (alone && n < 0) {
                return ""; // not a range: a host name with a dash
            }
            if (n < 1 || n > 65535) {
                if (!alone) {
                    return "invalid port";
                }
                pending = "invalid port";
            } else {
                lastPort = n;
            }
            p = p.substring(0, dash);
        }
        long n = ngxAtoi(p);
        if (alone && n < 0) {
            return "";
        }
        if (pending != null || n < 1 || n > 65535) {
            return "invalid port";
        }
        return lastPort > 0 && n > lastPort ? "invalid port range" : null;
    }

    private static String invalidListen(String err, String a) {
        return err + " in \"" + a + "\" of the \"listen\" directive: nginx refuses to start. " + switch (err) {
            case "invalid port" -> "A port is a number from 1 to 65535.";
            case "invalid port range" -> "A port range runs from the lower port to the higher one, as in 8000-8010.";
            case "no host" -> "Give an address before the colon, or the port alone.";
            default -> "listen takes an address and port (host:port, a port, [IPv6]:port or unix:/path), no path.";
        };
    }

    /** ngx_atoi: a non-empty run of decimal digits, or -1 (NGX_ERROR). */
    static long ngxAtoi(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return s.isEmpty() || !s.chars().allMatch(Character::isDigit) ? -1 : Long.MAX_VALUE;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String didYouMean(String v, Set<String> words) {
        String best = null;
        for (String w : words) {
            if (w.equalsIgnoreCase(v) || NginxUnknownDirectiveRule.distance(w, v, 2) <= 2) {
                best = w;
            }
        }
        return best == null || best.equals(v) ? "" : "; did you mean \"" + best + "\"?";
    }

    private static final int REDIRECT_OFF = 1;
    private static final int REDIRECT_SET = 2;
    private static final int PASS_URL = 4;
    private static final int PASS_VARIABLES = 8;

    /**
     * ngx_http_proxy_redirect, against what came before it in its block: one argument only "off" or
     * "default", and "default" only after a proxy_pass of this block that has no variables. A
     * proxy_redirect after "off", or "off" after others, is a duplicate: NginxDuplicates reports it
     * (CFG124), and nginx stops there, so nothing more is judged of it.
     */
    private static void proxyRedirect(RuleContext ctx, String id, Directive d, int[] state) {
        if (redirectDuplicate(state, d)) {
            return;
        }
        String one = d.argCount() == 1 ? d.arg(0) : null;
        if (one == null || one.equals("off")) {
            return;
        }
        String problem = null;
        if (!one.equals("default")) {
            problem = "invalid parameter \"" + one + "\": nginx refuses to start. With one argument proxy_redirect "
                    + "takes default or off; to rewrite a Location header give the text and its replacement.";
        } else if ((state[0] & PASS_VARIABLES) != 0) {
            problem = "\"proxy_redirect default\" cannot be used with \"proxy_pass\" directive with variables: nginx "
                    + "refuses to start. Write the replacement out, as in proxy_redirect http://backend/ /;";
        } else if ((state[0] & PASS_URL) == 0) {
            problem = "\"proxy_redirect default\" should be placed after the \"proxy_pass\" directive: nginx refuses "
                    + "to start. default is read from this block's proxy_pass, which must come first.";
        }
        if (problem != null) {
            ctx.report(id, d.args().get(0).span(), problem);
        }
    }

    /**
     * Whether this proxy_redirect is one nginx calls a duplicate (any after "off" in its block, or
     * "off" after others); records it in the block's state either way.
     */
    static boolean redirectDuplicate(int[] state, Directive d) {
        boolean off = d.argCount() == 1 && d.arg(0).equals("off");
        boolean dup = (state[0] & REDIRECT_OFF) != 0 || (off && (state[0] & REDIRECT_SET) != 0);
        state[0] |= off ? REDIRECT_OFF : REDIRECT_SET;
        return dup;
    }

    private static boolean keepalive(String v) {
        if (v.equals("on") || v.equals("off")) {
            return true;
        }
        String[] parts = v.split(":", -1);
        if (parts.length != 3 || (parts[0].isEmpty() && parts[1].isEmpty() && parts[2].isEmpty())) {
            return false;
        }
        return (parts[0].isEmpty() || TimeValues.nginxSeconds(parts[0]).isPresent())
                && (parts[1].isEmpty() || TimeValues.nginxSeconds(parts[1]).isPresent())
                && (parts[2].isEmpty() || number(parts[2]));
    }

    private static void upstreamServer(RuleContext ctx, String id, Directive d, String version, boolean noBackup) {
        if (d.argCount() >= 1 && NginxParameterChecks.url(ctx, id, d, d.arg(0), false)) {
            return;
        }
        boolean resolveExists = version == null || Versions.atLeast(version, dev.proxylint.facts.VersionFacts.NGINX_UPSTREAM_RESOLVE);
        for (int i = 1; i < d.argCount(); i++) {
            Arg a = d.args().get(i);
            String v = a.value();
            boolean ok;
            if (v.startsWith("weight=")) {
                ok = number(v.substring(7)) && Integer.parseInt(v.substring(7)) > 0;
            } else if (v.startsWith("max_conns=") || v.startsWith("max_fails=")) {
                ok = number(v.substring(10));
            } else if (v.startsWith("fail_timeout=")) {
                ok = TimeValues.nginxSeconds(v.substring(13)).isPresent();
            } else if (v.equals("backup")) {
                if (noBackup) {
                    ctx.report(id, a.span(), "balancing method does not support parameter \"backup\": nginx refuses "
                            + "to start. hash, ip_hash and random in this upstream have no backup servers; use "
                            + "down, or drop the balancing method.");
                    return;
                }
                ok = true;
            } else if (v.equals("down")) {
                ok = true;
            } else if (v.equals("resolve") || v.startsWith("service=")) {
                ok = resolveExists;
            } else {
                ok = false;
            }
            if (!ok) {
                String why = v.equals("resolve") || v.startsWith("service=")
                        ? " \"" + v + "\" came in nginx 1.27.3."
                        : v.startsWith("slow_start=") || v.equals("drain") || v.startsWith("route=")
                                ? " \"" + v + "\" exists only in the commercial NGINX Plus."
                                : " upstream server takes weight=N (1 or more), max_conns=N, max_fails=N, "
                                        + "fail_timeout=time, backup and down.";
                ctx.report(id, a.span(), "invalid parameter \"" + v + "\": nginx refuses to start." + why);
                return;
            }
        }
        if (resolveExists && d.argCount() >= 1) {
            service(ctx, id, d);
        }
    }

    /**
     * ngx_http_upstream_server (1.27.3+): {@code service=NAME} asks DNS for SRV records of the
     * server's name, so it needs {@code resolve}, a name (not an IP address) and no port.
     */
    private static void service(RuleContext ctx, String id, Directive d) {
        Arg service = null;
        boolean resolve = false;
        for (int i = 1; i < d.argCount(); i++) {
            String v = d.arg(i);
            resolve |= v.equals("resolve");
            if (v.startsWith("service=")) {
                service = d.args().get(i);
            }
        }
        if (service == null) {
            return;
        }
        String u = d.arg(0);
        String host = NginxParameterChecks.host(u);
        String why = service.value().length() == 8 ? "service is empty"
                : !resolve ? "service upstream \"" + u + "\" requires \"resolve\" parameter"
                : u.startsWith("[") || u.regionMatches(true, 0, "unix:", 0, 5) || u.indexOf('$') >= 0 ? null
                : host.length() < u.length() && u.charAt(host.length()) == ':'
                        ? "service upstream \"" + u + "\" may not have port"
                : !NginxParameterChecks.runtimeName(u) ? "service upstream \"" + u + "\" requires domain name" : null;
        if (why != null) {
            ctx.report(id, service.span(), why + ": nginx refuses to start. A service= server names a domain whose "
                    + "SRV records give the addresses and ports, and needs resolve: server backend.example.com "
                    + service.value() + " resolve;");
        }
    }
}
