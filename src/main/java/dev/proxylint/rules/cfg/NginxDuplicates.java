package dev.proxylint.rules.cfg;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxDirectives.Ctx;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The duplicates of CFG124 that are not "a second directive of one name in one block", each as the
 * nginx 1.22 code that refuses it:
 * <ul>
 * <li>{@code ngx_http_add_addresses}: a second {@code default_server} for one address in the http
 * servers ({@code a duplicate default server for 0.0.0.0:80}) and socket options (bind, backlog=,
 * reuseport ...) given on two listens of one address ({@code duplicate listen options for ...});
 * <li>{@code ngx_http_upstream_add}: two upstream blocks of one name, compared without case;
 * <li>{@code ngx_http_join_exact_locations}: two exact ({@code =}) locations, or two prefix ones
 * ({@code ^~} counts as prefix), of one path among the children of one block;
 * <li>{@code ngx_http_core_root}: {@code root} and {@code alias} in one block;
 * <li>{@code ngx_http_map}: a second {@code default} and a key given twice (keys are compared in
 * lower case after a leading backslash is dropped; with {@code hostnames}, {@code .a.com} is both
 * {@code a.com} and {@code *.a.com});
 * <li>{@code ngx_http_log_set_format}: two log_format of one name, or one named {@code combined} in http;
 * <li>{@code ngx_http_proxy_redirect}: a proxy_redirect after {@code proxy_redirect off} in one
 * block, or {@code off} after others.
 * </ul>
 */
final class NginxDuplicates {
    private NginxDuplicates() {
    }

    /** listen parameters that set socket options (ngx_http_listen_opt_t.set). */
    private static final Set<String> SOCKET_WORDS = Set.of("bind", "deferred", "reuseport");
    private static final List<String> SOCKET_PREFIXES = List.of("backlog=", "rcvbuf=", "sndbuf=", "fastopen=",
            "accept_filter=", "ipv6only=", "so_keepalive=", "setfib=");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    static void check(RuleContext ctx, String id) {
        NginxModel model = ctx.facts().nginx();
        listens(ctx, id, model);
        NginxSharedZones.check(ctx, id);
        NginxBuiltinVariableRedefinition.check(ctx, id);
        Map<String, Directive> httpUpstreams = new HashMap<>();
        Map<String, Directive> streamUpstreams = new HashMap<>();
        Map<Directive, Directive> rootOrAlias = new HashMap<>();
        Map<Directive, int[]> redirects = new HashMap<>();
        Map<String, Directive[]> streamListens = new HashMap<>();
        Map<String, Directive> httpFormats = new HashMap<>();
        Map<String, Directive> streamFormats = new HashMap<>();
        Map<Directive, Map<String, Directive>> locations = new HashMap<>();
        Map<Directive, Directive> limitExcept = new HashMap<>();
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.accepting() == null) {
                continue;
            }
            Directive d = e.directive();
            switch (d.name()) {
                case "upstream" -> {
                    if (d.argCount() == 1) {
                        Map<String, Directive> seen = e.contexts() == Ctx.HTTP.bit() ? httpUpstreams
                                : e.contexts() == Ctx.STREAM.bit() ? streamUpstreams : null;
                        if (seen != null) {
                            Directive first = seen.putIfAbsent(d.arg(0).toLowerCase(Locale.ROOT), d);
                            if (first != null) {
                                ctx.report(id, d.args().get(0).span(), "duplicate upstream \"" + d.arg(0) + "\": nginx "
                                        + "refuses to start. An upstream of this name (compared without case) is on "
                                        + "line " + first.line() + ".",
                                        List.of(new Related(first.args().get(0).span(), "first upstream " + first.arg(0))),
                                        null);
                            }
                        }
                    }
                }
                case "root", "alias" -> {
                    if (e.parent() != null && (e.contexts() & (Ctx.SERVER.bit() | Ctx.LOCATION.bit() | Ctx.HTTP.bit()
                            | Ctx.LIF.bit())) != 0) {
                        Directive first = rootOrAlias.putIfAbsent(e.parent(), d);
                        if (first != null && !first.name().equals(d.name())) {
                            ctx.report(id, d.nameSpan(), "\"" + d.name() + "\" directive is duplicate, \"" + first.name()
                                    + "\" directive was specified earlier: nginx refuses to start. A block takes root or "
                                    + "alias, not both; the " + first.name() + " is on line " + first.line() + ".",
                                    List.of(new Related(first.nameSpan(), first.name() + " of this block")), null);
                        }
                    }
                }
                case "location" -> {
                    if (e.parent() != null && d.hasBlock()) {
                        location(ctx, id, model, locations.computeIfAbsent(e.parent(), k -> new HashMap<>()), d);
                    }
                }
                case "limit_except" -> {
                    // ngx_http_core_limit_except: one per location (its method mask is set once)
                    if (e.parent() != null && d.hasBlock()) {
                        Directive first = limitExcept.putIfAbsent(e.parent(), d);
                        if (first != null) {
                            ctx.report(id, d.nameSpan(), "\"limit_except\" directive is duplicate: nginx refuses to "
                                    + "start. A location takes one limit_except (list every method in it); the first "
                                    + "is on line " + first.line() + ".",
                                    List.of(new Related(first.nameSpan(), "first limit_except")), null);
                        }
                    }
                }
                case "listen" -> {
                    if (e.contexts() == Ctx.STREAM_SERVER.bit() && d.argCount() >= 1) {
                        streamListen(ctx, id, streamListens, d, e.parent());
                    }
                }
                case "proxy_redirect" -> {
                    if (e.parent() != null && NginxValueChecks.redirectDuplicate(
                            redirects.computeIfAbsent(e.parent(), k -> new int[1]), d)) {
                        ctx.report(id, d.nameSpan(), "\"proxy_redirect\" directive is duplicate: nginx refuses to start. "
                                + "After proxy_redirect off a block takes no other proxy_redirect, and off cannot "
                                + "follow the ones it has.");
                    }
                }
                case "log_format" -> {
                    boolean http = e.contexts() == Ctx.HTTP.bit();
                    if (d.argCount() >= 1 && (http || e.contexts() == Ctx.STREAM.bit())) {
                        logFormat(ctx, id, http ? httpFormats : streamFormats, http, d);
                    }
                }
                case "map" -> {
                    if (d.hasBlock() && (e.contexts() == Ctx.HTTP.bit() || e.contexts() == Ctx.STREAM.bit())) {
                        map(ctx, id, d);
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * ngx_stream_core_listen (1.22, before stream's virtual servers): a second listen of one address
     * and port of one type (tcp or udp) anywhere in stream. Literal addresses only: a host name is
     * resolved by nginx, which is not done here.
     */
    private static void streamListen(RuleContext ctx, String id, Map<String, Directive[]> seen, Directive d,
            Directive server) {
        String a = d.arg(0);
        String text;
        if (a.startsWith("unix:")) {
            text = a;
        } else if (a.chars().allMatch(Character::isDigit)) {
            text = "0.0.0.0:" + a;
        } else if (a.startsWith("*:")) {
            text = "0.0.0.0" + a.substring(1);
        } else if (a.startsWith("[") && a.indexOf("]:") > 0) {
            text = a.toLowerCase(Locale.ROOT);
        } else {
            int colon = a.lastIndexOf(':');
            if (colon < 0 || !IPV4.matcher(a.substring(0, colon)).matches()) {
                return; // a host name, or an address without a port (port 80 then): left out
            }
            text = a;
        }
        boolean udp = false;
        for (int i = 1; i < d.argCount(); i++) {
            udp |= d.arg(i).equals("udp");
        }
        Directive[] had = seen.putIfAbsent((udp ? "udp " : "tcp ") + text, new Directive[] {d, server});
        // twice in one server is "a duplicate listen" of CFG124's directive check already
        Directive first = had == null || had[1] == server ? null : had[0];
        if (first != null) {
            ctx.report(id, d.args().get(0).span(), "duplicate \"" + text + "\" address and port pair: nginx refuses to "
                    + "start. Stream servers of nginx 1.22 have no server names, so one address and port (of one "
                    + "protocol) can be listened on once; it is on line " + first.line() + ".",
                    List.of(new Related(first.args().get(0).span(), "first listen " + text)), null);
        }
    }

    /**
     * ngx_http_log_set_format (and stream's): a second log_format of one name, compared with case;
     * http predefines "combined", stream nothing.
     */
    private static void logFormat(RuleContext ctx, String id, Map<String, Directive> seen, boolean http, Directive d) {
        String name = d.arg(0);
        if (http && name.equals("combined")) {
            ctx.report(id, d.args().get(0).span(), "duplicate \"log_format\" name \"combined\": nginx refuses to start. "
                    + "The http log module defines the combined format itself; give this format another name.");
            return;
        }
        Directive first = seen.putIfAbsent(name, d);
        if (first != null) {
            ctx.report(id, d.args().get(0).span(), "duplicate \"log_format\" name \"" + name + "\": nginx refuses to "
                    + "start. A format of this name is on line " + first.line() + ".",
                    List.of(new Related(first.args().get(0).span(), "first log_format " + name)), null);
        }
    }

    private static void location(RuleContext ctx, String id, NginxModel model, Map<String, Directive> seen,
            Directive d) {
        Scope s = model.scopeOf(d);
        if (s == null || s.locationPatternArg() == null) {
            return;
        }
        String m = s.locationModifier();
        String kind = m.equals("=") ? "=" : m.isEmpty() || m.equals("^~") ? "prefix" : null;
        if (kind == null) {
            return; // regex and named locations may repeat
        }
        String path = s.locationPattern();
        Directive first = seen.putIfAbsent(kind + " " + path, d);
        if (first != null) {
            ctx.report(id, s.locationPatternArg().span(), "duplicate location \"" + path + "\": nginx refuses to start. "
                    + (kind.equals("=") ? "Two exact locations" : "Two prefix locations (^~ is a prefix location too)")
                    + " of one path in one block; the first is on line " + first.line() + ".",
                    List.of(new Related(first.nameSpan(), "first location " + path)), null);
        }
    }

    private static void map(RuleContext ctx, String id, Directive map) {
        boolean hostnames = false;
        Directive dflt = null;
        Map<String, Directive> keys = new HashMap<>();
        for (Directive e : Tree.effective(map.children())) {
            String k = e.name();
            if (e.argCount() == 0 && (k.equals("hostnames") || k.equals("volatile"))) {
                hostnames |= k.equals("hostnames");
                continue;
            }
            if (e.argCount() != 1 || k.equals("include") || k.startsWith("~") || k.isEmpty()) {
                continue;
            }
            if (k.equals("default")) {
                if (dflt != null) {
                    ctx.report(id, e.nameSpan(), "duplicate default map parameter: nginx refuses to start. The "
                            + "first default of this map is on line " + dflt.line() + ".",
                            List.of(new Related(dflt.nameSpan(), "first default")), null);
                } else {
                    dflt = e;
                }
                continue;
            }
            if (k.startsWith("\\")) {
                k = k.substring(1);
            }
            k = k.toLowerCase(Locale.ROOT);
            List<String> slots;
            if (!hostnames) {
                slots = List.of(k);
            } else if (k.startsWith("*.")) {
                slots = List.of("*" + k.substring(1));
            } else if (k.startsWith(".") && k.length() > 1) {
                slots = List.of("*" + k, k.substring(1));
            } else if (k.endsWith(".*")) {
                slots = List.of(k);
            } else if (k.indexOf('*') >= 0) {
                continue; // nginx refuses it as an invalid wildcard: not a duplicate
            } else {
                slots = List.of(k);
            }
            for (String slot : slots) {
                Directive first = keys.putIfAbsent(slot, e);
                if (first != null && first != e) {
                    ctx.report(id, e.nameSpan(), "conflicting parameter \"" + k + "\": nginx refuses to start. The map "
                            + "has this key already on line " + first.line() + " (keys are compared in lower case"
                            + (hostnames ? "; with hostnames, .a.com stands for both a.com and *.a.com" : "") + ").",
                            List.of(new Related(first.nameSpan(), "first " + first.name())), null);
                    break;
                }
            }
        }
    }

    /** Per address of the http servers: a second default_server, socket options twice. */
    private static void listens(RuleContext ctx, String id, NginxModel model) {
        Map<String, Directive> defaults = new HashMap<>();
        Map<String, Directive> options = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (Scope server : model.servers()) {
            if (!NginxListens.http(server)) {
                continue;
            }
            for (NginxListens.Listen l : NginxListens.of(server)) {
                Directive d = l.directive();
                if (d == null || !comparable(l.address())) {
                    continue;
                }
                String shown = l.address().startsWith("*:") ? "0.0.0.0" + l.address().substring(1) : l.address();
                if (socketOptions(d)) {
                    Directive first = options.putIfAbsent(l.address(), d);
                    if (first != null && reported.add("o " + l.address())) {
                        ctx.report(id, d.nameSpan(), "duplicate listen options for " + shown + ": nginx refuses to "
                                + "start. Socket options (bind, backlog=, reuseport, ...) belong on one listen of an "
                                + "address; they are on line " + first.line() + " already.",
                                List.of(new Related(first.nameSpan(), "listen with options for " + shown)), null);
                        continue;
                    }
                }
                if (l.defaultServer()) {
                    Directive first = defaults.putIfAbsent(l.address(), d);
                    if (first != null) {
                        ctx.report(id, d.nameSpan(), "a duplicate default server for " + shown + ": nginx refuses to "
                                + "start. The default server of this address is already set on line " + first.line()
                                + ".", List.of(new Related(first.nameSpan(), "default server for " + shown)), null);
                    }
                }
            }
        }
    }

    /** Addresses compared as nginx compares sockets: literal IPs and wildcards, not host names. */
    private static boolean comparable(String address) {
        if (address.startsWith("[") || address.startsWith("unix:")) {
            return true;
        }
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        return host.equals("*") || IPV4.matcher(host).matches();
    }

    private static boolean socketOptions(Directive listen) {
        for (int i = 1; i < listen.argCount(); i++) {
            String v = listen.arg(i);
            if (SOCKET_WORDS.contains(v)) {
                return true;
            }
            for (String p : SOCKET_PREFIXES) {
                if (v.startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
