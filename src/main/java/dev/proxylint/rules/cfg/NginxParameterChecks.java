package dev.proxylint.rules.cfg;

import dev.proxylint.facts.TimeValues;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.Versions;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CFG123 for directives whose module reads its own {@code key=value} parameters or value forms:
 * {@code proxy_cache_path} and its fastcgi/uwsgi/scgi twins, {@code ssl_session_cache},
 * {@code expires}, and the rate directives whose literal value is a size ({@code limit_rate},
 * {@code limit_rate_after}, stream's {@code proxy_upload_rate}/{@code proxy_download_rate}). Each
 * check follows the parser of nginx 1.22 (ngx_http_file_cache_set_slot, ngx_http_ssl_session_cache,
 * ngx_http_parse_expires, ngx_parse_size) and says what nginx prints.
 */
final class NginxParameterChecks {
    private NginxParameterChecks() {
    }

    /** ngx_parse_size: digits with an optional k/K or m/M. */
    static final Pattern SIZE = Pattern.compile("[0-9]{1,15}[kKmM]?");
    /** ngx_parse_offset: digits with an optional k, m or g. */
    private static final Pattern OFFSET = Pattern.compile("[0-9]{1,15}[kKmMgG]?");
    private static final Pattern LEVELS = Pattern.compile("levels=([12](:[12]){0,2})?");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final List<String> CACHE_PARAMS = List.of("levels=", "use_temp_path=", "keys_zone=", "inactive=",
            "max_size=", "min_free=", "loader_files=", "loader_sleep=", "loader_threshold=", "manager_files=",
            "manager_sleep=", "manager_threshold=");

    /** Checks one directive that is accepted where it stands; true when it is one of those handled here. */
    static boolean check(RuleContext ctx, String id, Directive d, String version) {
        switch (d.name()) {
            case "proxy_cache_path", "fastcgi_cache_path", "uwsgi_cache_path", "scgi_cache_path" -> cachePath(ctx, id, d);
            case "ssl_session_cache" -> sessionCache(ctx, id, d);
            case "expires" -> expires(ctx, id, d);
            case "limit_rate", "limit_rate_after", "proxy_upload_rate", "proxy_download_rate" -> {
                // before 1.17.0 these were plain sizes, which the table's type check covers
                boolean complex = version == null || Versions.compare(version, "1.17.0") >= 0;
                if (complex && d.argCount() == 1 && d.arg(0).indexOf('$') < 0 && !SIZE.matcher(d.arg(0)).matches()) {
                    ctx.report(id, d.args().get(0).span(), "\"" + d.name() + "\" directive invalid value \"" + d.arg(0)
                            + "\": nginx refuses to start. A rate is bytes per second as a size: a whole number with "
                            + "an optional unit k or m, e.g. 100k.");
                }
            }
            case "limit_req_zone", "limit_conn_zone" -> zoneDeclaration(ctx, id, d);
            case "limit_req" -> limitReq(ctx, id, d);
            case "limit_conn" -> {
                if (d.argCount() == 2 && d.arg(1).indexOf('$') < 0) {
                    String n = d.arg(1);
                    if (!NUMBER.matcher(n).matches() || Long.parseLong(n) <= 0) {
                        ctx.report(id, d.args().get(1).span(), "invalid number of connections \"" + n + "\": nginx "
                                + "refuses to start. limit_conn takes a zone and a whole number from 1 to 65535.");
                    } else if (Long.parseLong(n) > 65535) {
                        ctx.report(id, d.args().get(1).span(), "connection limit must be less 65536: nginx refuses to "
                                + "start.");
                    }
                }
            }
            case "proxy_cache_valid", "fastcgi_cache_valid", "uwsgi_cache_valid", "scgi_cache_valid" -> cacheValid(ctx, id, d);
            case "keepalive" -> {
                // in an upstream: the number of idle connections kept, above 0
                if (d.argCount() == 1 && (!NUMBER.matcher(d.arg(0)).matches() || Long.parseLong(d.arg(0)) == 0)) {
                    ctx.report(id, d.args().get(0).span(), "invalid value \"" + d.arg(0) + "\" in \"keepalive\" "
                            + "directive: nginx refuses to start. It takes the number of idle connections to keep "
                            + "per worker, above 0.");
                }
            }
            case "hash" -> {
                if (d.argCount() == 2 && !d.arg(1).equals("consistent")) {
                    ctx.report(id, d.args().get(1).span(), "invalid parameter \"" + d.arg(1) + "\": nginx refuses to "
                            + "start. The second argument of hash can only be consistent.");
                }
                return false; // NginxValueChecks also notes the balancing method (backup)
            }
            case "split_clients" -> splitClients(ctx, id, d);
            case "resolver" -> resolver(ctx, id, d);
            case "try_files" -> {
                // ngx_http_try_files: a last argument "=CODE" is a status of up to 999
                Arg last = d.args().isEmpty() ? null : d.args().get(d.argCount() - 1);
                if (last != null && d.argCount() >= 2 && last.value().startsWith("=")) {
                    String c = last.value().substring(1);
                    if (!NUMBER.matcher(c).matches() || Long.parseLong(c) > 999) {
                        ctx.report(id, last.span(), "invalid code \"" + last.value() + "\": nginx refuses to start. The "
                                + "last argument of try_files is a file, a named location, or =CODE with a status of up "
                                + "to 999, as in =404.");
                    }
                }
            }
            case "random" -> {
                // ngx_http_upstream_random (and stream's): random [two [least_conn]]
                Arg bad = d.argCount() >= 1 && !d.arg(0).equals("two") ? d.args().get(0)
                        : d.argCount() == 2 && !d.arg(1).equals("least_conn") ? d.args().get(1) : null;
                if (bad != null) {
                    ctx.report(id, bad.span(), "invalid parameter \"" + bad.value() + "\": nginx refuses to start. "
                            + "random takes nothing, two, or two least_conn (least_time is nginx Plus's).");
                }
            }
            case "zone" -> {
                // ngx_http_upstream_zone (and stream's): a name, and a size of at least eight pages
                if (d.argCount() >= 1 && d.arg(0).isEmpty()) {
                    ctx.report(id, d.args().get(0).span(), "invalid zone name \"\": nginx refuses to start.");
                } else if (d.argCount() == 2 && !SIZE.matcher(d.arg(1)).matches()) {
                    ctx.report(id, d.args().get(1).span(), "invalid zone size \"" + d.arg(1) + "\": nginx refuses to "
                            + "start. A zone's size is a whole number with k or m, as in 64k.");
                } else if (d.argCount() == 2 && size(d.arg(1)) < 8 * 4096) {
                    ctx.report(id, d.args().get(1).span(), "zone \"" + d.arg(0) + "\" is too small: nginx refuses to "
                            + "start. An upstream zone needs at least eight memory pages (32k); 64k holds many servers.");
                }
            }
            case "open_file_cache" -> openFileCache(ctx, id, d);
            case "fastcgi_pass", "scgi_pass", "memcached_pass", "uwsgi_pass", "grpc_pass" -> {
                if (d.argCount() == 1 && d.arg(0).indexOf('$') < 0) {
                    String v = d.arg(0);
                    String lower = v.toLowerCase(Locale.ROOT);
                    for (String scheme : d.is("uwsgi_pass") ? List.of("uwsgi://", "suwsgi://")
                            : d.is("grpc_pass") ? List.of("grpc://", "grpcs://") : List.<String>of()) {
                        if (lower.startsWith(scheme)) {
                            v = v.substring(scheme.length());
                            break;
                        }
                    }
                    url(ctx, id, d, v, false);
                }
            }
            case "add_header", "add_trailer" -> {
                if (d.argCount() == 3 && !d.arg(2).equals("always")) {
                    ctx.report(id, d.args().get(2).span(), "invalid parameter \"" + d.arg(2) + "\": nginx refuses to "
                            + "start. The third argument of " + d.name() + " can only be always (lower case).");
                }
            }
            default -> {
                if (BUFS.contains(d.name()) && d.argCount() == 2) {
                    String n = d.arg(0);
                    String z = d.arg(1);
                    boolean ok = NUMBER.matcher(n).matches() && Long.parseLong(n) > 0 && SIZE.matcher(z).matches()
                            && size(z) > 0;
                    if (!ok) {
                        Arg bad = NUMBER.matcher(n).matches() && Long.parseLong(n) > 0 ? d.args().get(1) : d.args().get(0);
                        ctx.report(id, bad.span(), "\"" + d.name() + "\" directive invalid value: nginx refuses to "
                                + "start. It takes a number of buffers and their size (k or m), as in " + d.name()
                                + " 8 16k.");
                    }
                    return true;
                }
                return false;
            }
        }
        return true;
    }

    /**
     * ngx_parse_inet_url's verdict on a literal upstream address (after the scheme), reported as
     * nginx does ({@code invalid port in upstream "127.0.0.1:99999"}); true when reported. A path
     * ("/...") or arguments ("?...") are allowed only where the directive takes a URI part
     * (proxy_pass); unix: sockets and [IPv6] addresses are not judged.
     */
    static boolean url(RuleContext ctx, String id, Directive d, String u, boolean uriPart) {
        return url(ctx, id, d, d.args().get(0), u, uriPart);
    }

    /** {@link #url} for the address that argument {@code at} holds (reported there). */
    private static boolean url(RuleContext ctx, String id, Directive d, Arg at, String u, boolean uriPart) {
        if (u.startsWith("[") || uriPart && u.regionMatches(true, 0, "unix:", 0, 5)) {
            return false;
        }
        boolean unix = u.regionMatches(true, 0, "unix:", 0, 5);
        String err = unix ? unixError(u.substring(5)) : urlError(u, uriPart);
        if (err == null && !unix && host(u).indexOf('$') >= 0) {
            // upstream server and resolver addresses are never scripts: nginx looks "${BACKEND}" up as a
            // host name, and no name with $ or braces resolves
            err = "host not found";
        }
        if (err == null) {
            return false;
        }
        String where = d.is("resolver") ? "resolver" : "upstream";
        ctx.report(id, at.span(), err + " in " + where + " \"" + u + "\": nginx refuses to start. "
                + (err.startsWith("no path") || err.startsWith("too long") ? "A unix: address names a socket path "
                        + "of at most 107 bytes, as in unix:/run/app.sock."
                        : err.equals("invalid port") ? "A port is a number from 1 to 65535."
                        : err.equals("no host") ? "The address needs a host name or IP address."
                        : err.equals("host not found") ? "nginx does not expand variables here; an unreplaced "
                                + "template placeholder? Substitute it before nginx reads the file."
                        : d.name() + " takes an address (host, host:port or unix:/path) without a scheme or path here."));
        return true;
    }

    /**
     * An upstream server address that nginx (1.27.3+) leaves to run time with {@code resolve}: a host
     * name, not an IPv4 or [IPv6] literal, a unix: socket or a text with {@code $}.
     */
    static boolean runtimeName(String u) {
        if (u.startsWith("[") || u.regionMatches(true, 0, "unix:", 0, 5) || u.indexOf('$') >= 0) {
            return false;
        }
        String host = host(u);
        if (host.isEmpty()) {
            return false;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return true;
        }
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return true;
            }
        }
        return false;
    }

    /** The host of a host[:port][/uri] address: up to the first colon, slash or question mark. */
    static String host(String u) {
        int end = u.length();
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == ':' || c == '/' || c == '?') {
                end = i;
                break;
            }
        }
        return u.substring(0, end);
    }

    /** ngx_parse_unix_domain_url's error for the path after unix:, or null. */
    static String unixError(String path) {
        return path.isEmpty() ? "no path in the unix domain socket"
                : path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 108
                        ? "too long path in the unix domain socket" : null;
    }

    /**
     * ngx_parse_inet_url's error for a host[:port][/uri] address ("invalid host", "invalid port",
     * "no host"), or null; not for unix: or [IPv6] addresses.
     */
    static String urlError(String u, boolean uriPart) {
        int port = u.indexOf(':');
        int uri = u.indexOf('/');
        int args = u.indexOf('?');
        if (args >= 0 && (uri < 0 || args < uri)) {
            uri = args;
        }
        String err = null;
        int last = u.length();
        if (uri >= 0) {
            if (!uriPart) {
                err = "invalid host";
            }
            last = uri;
            if (uri < port) {
                port = -1;
            }
        }
        if (err == null && port >= 0) {
            String p = u.substring(port + 1, last);
            if (!NUMBER.matcher(p).matches() || Long.parseLong(p) < 1 || Long.parseLong(p) > 65535) {
                err = "invalid port";
            }
            last = port;
        }
        if (err == null && last == 0) {
            err = "no host";
        }
        return err;
    }

    /**
     * ngx_resolver_create: valid=TIME and ipv6=on|off are parameters, every other argument a name
     * server address (port 53 by default), and at least one address. A host name is looked up when
     * nginx starts, which is not judged here, and neither is mail's "resolver off".
     */
    private static void resolver(RuleContext ctx, String id, Directive d) {
        int servers = 0;
        for (Arg a : d.args()) {
            String v = a.value();
            if (v.equals("off")) {
                return;
            }
            if (v.startsWith("valid=")) {
                if (TimeValues.nginxSeconds(v.substring(6)).isEmpty()) {
                    ctx.report(id, a.span(), "invalid parameter: " + v + ": nginx refuses to start. valid= takes a "
                            + "time, as in valid=30s.");
                    return;
                }
            } else if (v.startsWith("ipv6=")) {
                if (!v.equals("ipv6=on") && !v.equals("ipv6=off")) {
                    ctx.report(id, a.span(), "invalid parameter: " + v + ": nginx refuses to start. ipv6= takes on or "
                            + "off.");
                    return;
                }
            } else {
                if (url(ctx, id, d, a, v, false)) {
                    return;
                }
                servers++;
            }
        }
        if (servers == 0) {
            ctx.report(id, d.nameSpan(), "no name servers defined: nginx refuses to start. resolver needs the address "
                    + "of at least one name server besides its parameters.");
        }
    }

    /**
     * ngx_http_core_open_file_cache: max=N (above 0), inactive=TIME or off, and without off a max=.
     */
    private static void openFileCache(RuleContext ctx, String id, Directive d) {
        boolean off = false;
        boolean max = false;
        for (Arg a : d.args()) {
            String v = a.value();
            boolean ok;
            if (v.startsWith("max=")) {
                String n = v.substring(4);
                ok = NUMBER.matcher(n).matches() && Long.parseLong(n) > 0;
                max |= ok;
            } else if (v.startsWith("inactive=")) {
                ok = TimeValues.nginxSeconds(v.substring(9)).isPresent();
            } else {
                ok = v.equals("off");
                off |= ok;
            }
            if (!ok) {
                ctx.report(id, a.span(), "invalid \"open_file_cache\" parameter \"" + v + "\": nginx refuses to start. "
                        + "It takes max=N (a number above 0), inactive=TIME, or off.");
                return;
            }
        }
        if (!off && !max) {
            ctx.report(id, d.nameSpan(), "\"open_file_cache\" must have the \"max\" parameter: nginx refuses to start. "
                    + "Say how many entries to cache, as in open_file_cache max=1000 inactive=20s.");
        }
    }

    /** The directives read by ngx_conf_set_bufs_slot (a count and a size), nginx 1.22. */
    private static final java.util.Set<String> BUFS = java.util.Set.of("fastcgi_buffers", "gunzip_buffers",
            "gzip_buffers", "large_client_header_buffers", "output_buffers", "proxy_buffers", "scgi_buffers",
            "uwsgi_buffers");

    /** limit_req_zone and limit_conn_zone (http and stream): a key, zone=name:size, and for limit_req_zone rate=. */
    private static void zoneDeclaration(RuleContext ctx, String id, Directive d) {
        List<Arg> args = d.args();
        if (args.size() < 2) {
            return;
        }
        boolean named = false;
        boolean req = d.is("limit_req_zone");
        for (int i = 1; i < args.size(); i++) {
            Arg a = args.get(i);
            String v = a.value();
            String problem = null;
            if (v.startsWith("zone=")) {
                int colon = v.indexOf(':', 5);
                if (colon < 0 || !SIZE.matcher(v.substring(colon + 1)).matches()) {
                    problem = "invalid zone size \"" + v + "\": nginx refuses to start. zone= takes a name and a size, "
                            + "as in zone=" + (colon > 5 ? v.substring(5, colon) : "perip") + ":10m.";
                } else if (size(v.substring(colon + 1)) < 8 * 4096) {
                    problem = "zone \"" + v + "\" is too small: nginx refuses to start. A zone needs at least eight "
                            + "memory pages (32k); 1m holds about 16,000 addresses.";
                } else {
                    named |= colon > 5;
                }
            } else if (req && v.startsWith("rate=")) {
                String r = v.substring(5);
                if (r.endsWith("r/s") || r.endsWith("r/m")) {
                    r = r.substring(0, r.length() - 3);
                }
                if (!NUMBER.matcher(r).matches() || Long.parseLong(r) <= 0) {
                    problem = "invalid rate \"" + v + "\": nginx refuses to start. The rate is requests per second or "
                            + "minute, as in rate=10r/s or rate=30r/m.";
                }
            } else {
                problem = "invalid parameter \"" + v + "\": nginx refuses to start. " + d.name() + " takes a key, "
                        + "zone=name:size" + (req ? " and rate=" : "") + ".";
            }
            if (problem != null) {
                ctx.report(id, a.span(), problem);
                return;
            }
        }
        if (!named) {
            ctx.report(id, d.nameSpan(), "\"" + d.name() + "\" must have \"zone\" parameter: nginx refuses to start. "
                    + "Add zone=name:size, as in zone=perip:10m.");
        }
    }

    private static final Pattern PERCENT = Pattern.compile("([0-9]*)(\\.([0-9]{0,2}))?%");

    /** split_clients: lines "N% value" or "* value"; the percentages add up to at most 100%, * takes the rest. */
    private static void splitClients(RuleContext ctx, String id, Directive d) {
        if (!d.hasBlock()) {
            return;
        }
        long sum = 0;
        for (Directive line : dev.proxylint.syntax.Tree.effective(d.children())) {
            String w = line.name();
            long part;
            if (w.equals("*")) {
                part = 0;
            } else {
                java.util.regex.Matcher m = PERCENT.matcher(w);
                part = -1;
                if (m.matches() && !(m.group(1).isEmpty() && m.group(2) == null)) {
                    String frac = m.group(3) == null ? "" : m.group(3);
                    String whole = m.group(1).isEmpty() ? "0" : m.group(1);
                    if (whole.length() < 12) {
                        part = Long.parseLong(whole) * 100 + (frac.isEmpty() ? 0 : Long.parseLong((frac + "0").substring(0, 2)));
                    }
                }
                if (part <= 0) {
                    ctx.report(id, line.nameSpan(), "invalid percent value \"" + w + "\": nginx refuses to start. A "
                            + "split_clients line is a percentage above 0 with up to two decimals (12.5%) or *, and a "
                            + "value.");
                    return;
                }
            }
            sum = part == 0 ? 10000 : sum + part;
            if (sum > 10000) {
                int at = d.blockClose() >= 0 ? d.blockClose() : d.start();
                ctx.report(id, d.file().span(at, Math.min(at + 1, d.end())), "percent total is greater than 100%: "
                        + "nginx refuses to start. The percentages of split_clients add up to more than 100% (or one "
                        + "comes after *, which takes the rest).");
                return;
            }
        }
    }

    /** limit_req: zone=, burst=, delay= (whole numbers above 0) and nodelay. */
    private static void limitReq(RuleContext ctx, String id, Directive d) {
        boolean zone = false;
        for (Arg a : d.args()) {
            String v = a.value();
            String problem = null;
            if (v.startsWith("zone=")) {
                zone = true;
            } else if (v.startsWith("burst=") || v.startsWith("delay=")) {
                String n = v.substring(6);
                if (!NUMBER.matcher(n).matches() || Long.parseLong(n) <= 0) {
                    problem = "invalid " + v.substring(0, 5) + " value \"" + v + "\": nginx refuses to start. It takes "
                            + "a whole number above 0.";
                }
            } else if (!v.equals("nodelay")) {
                problem = "invalid parameter \"" + v + "\": nginx refuses to start. limit_req takes zone=, burst=, "
                        + "delay= and nodelay" + (v.startsWith("nod") ? " (did you mean nodelay?)" : "") + ".";
            }
            if (problem != null) {
                ctx.report(id, a.span(), problem);
                return;
            }
        }
        if (!zone && d.argCount() > 0) {
            ctx.report(id, d.nameSpan(), "\"limit_req\" must have \"zone\" parameter: nginx refuses to start.");
        }
    }

    /** proxy_cache_valid and twins: optional status codes (100-599 or any), then a time in seconds. */
    private static void cacheValid(RuleContext ctx, String id, Directive d) {
        List<Arg> args = d.args();
        if (args.isEmpty()) {
            return;
        }
        Arg last = args.get(args.size() - 1);
        if (TimeValues.nginxSeconds(last.value()).isEmpty()) {
            ctx.report(id, last.span(), "invalid time value \"" + last.value() + "\": nginx refuses to start. The last "
                    + "argument of " + d.name() + " is how long answers stay valid, as in " + d.name() + " 200 302 10m.");
            return;
        }
        for (int i = 0; i < args.size() - 1; i++) {
            String v = args.get(i).value();
            if (v.equals("any")) {
                continue;
            }
            if (!NUMBER.matcher(v).matches() || Long.parseLong(v) < 100 || Long.parseLong(v) > 599) {
                ctx.report(id, args.get(i).span(), "invalid status \"" + v + "\": nginx refuses to start. Codes are "
                        + "100 to 599 or any.");
                return;
            }
        }
    }

    private static void cachePath(RuleContext ctx, String id, Directive d) {
        List<Arg> args = d.args();
        if (args.size() < 2) {
            return; // CFG122's
        }
        boolean zone = false;
        for (int i = 1; i < args.size(); i++) {
            Arg a = args.get(i);
            String v = a.value();
            String problem = null;
            if (v.startsWith("levels=")) {
                if (!LEVELS.matcher(v).matches()) {
                    problem = "invalid \"levels\" \"" + v + "\": nginx refuses to start. levels= takes one to three "
                            + "directory name lengths of 1 or 2, as in levels=1:2.";
                }
            } else if (v.startsWith("use_temp_path=")) {
                String w = v.substring(14);
                if (!w.equals("on") && !w.equals("off")) {
                    problem = "invalid use_temp_path value \"" + v + "\", it must be \"on\" or \"off\": nginx refuses "
                            + "to start.";
                }
            } else if (v.startsWith("keys_zone=")) {
                int colon = v.indexOf(':', 10);
                if (colon < 0 || !SIZE.matcher(v.substring(colon + 1)).matches()) {
                    problem = "invalid keys zone size \"" + v + "\": nginx refuses to start. keys_zone= takes a name "
                            + "and a size, as in keys_zone=cache:10m.";
                } else if (size(v.substring(colon + 1)) < 8192) {
                    problem = "keys zone \"" + v + "\" is too small: nginx refuses to start. It needs at least two "
                            + "memory pages (8k).";
                } else if (colon > 10) {
                    zone = true;
                }
            } else if (v.startsWith("inactive=")) {
                if (TimeValues.nginxSeconds(v.substring(9)).isEmpty()) {
                    problem = "invalid inactive value \"" + v + "\": nginx refuses to start. inactive= takes a time in "
                            + "seconds or with a unit, as in inactive=60m.";
                }
            } else if (v.startsWith("max_size=") || v.startsWith("min_free=")) {
                if (!OFFSET.matcher(v.substring(9)).matches()) {
                    problem = "invalid " + v.substring(0, 8) + " value \"" + v + "\": nginx refuses to start. It takes "
                            + "a size: a whole number with an optional unit k, m or g, as in " + v.substring(0, 9)
                            + "10g.";
                }
            } else if (v.startsWith("loader_files=") || v.startsWith("manager_files=")) {
                int eq = v.indexOf('=');
                if (!NUMBER.matcher(v.substring(eq + 1)).matches()) {
                    problem = "invalid " + v.substring(0, eq) + " value \"" + v + "\": nginx refuses to start. It takes "
                            + "a whole number.";
                }
            } else if (v.startsWith("loader_sleep=") || v.startsWith("loader_threshold=")
                    || v.startsWith("manager_sleep=") || v.startsWith("manager_threshold=")) {
                int eq = v.indexOf('=');
                if (TimeValues.nginxMillis(v.substring(eq + 1)).isEmpty()) {
                    problem = "invalid " + v.substring(0, eq) + " value \"" + v + "\": nginx refuses to start. It takes "
                            + "a time, as in " + v.substring(0, eq + 1) + "50ms.";
                }
            } else {
                problem = "invalid parameter \"" + v + "\": nginx refuses to start. " + d.name() + " takes a path and "
                        + String.join(", ", CACHE_PARAMS.stream().map(p -> p + "...").toList()) + ".";
            }
            if (problem != null) {
                ctx.report(id, a.span(), problem);
                return; // nginx stops at the first
            }
        }
        if (!zone) {
            ctx.report(id, d.nameSpan(), "\"" + d.name() + "\" must have \"keys_zone\" parameter: nginx refuses to "
                    + "start. Add keys_zone=name:size, as in keys_zone=cache:10m.");
        }
    }

    private static void sessionCache(RuleContext ctx, String id, Directive d) {
        for (Arg a : d.args()) {
            String v = a.value();
            if (v.equals("off") || v.equals("none") || v.equals("builtin")) {
                continue;
            }
            String problem = null;
            if (v.startsWith("builtin:") && v.length() > 8) {
                if (!NUMBER.matcher(v.substring(8)).matches()) {
                    problem = "invalid session cache";
                }
            } else if (v.startsWith("shared:") && v.length() > 7) {
                int colon = v.indexOf(':', 7);
                if (colon <= 7 || !SIZE.matcher(v.substring(colon + 1)).matches()) {
                    problem = "invalid session cache";
                } else if (size(v.substring(colon + 1)) < 8 * 4096) {
                    ctx.report(id, a.span(), "session cache \"" + v + "\" is too small: nginx refuses to start. A "
                            + "shared session cache needs at least eight memory pages (32k); 1m holds about 4,000 "
                            + "sessions.");
                    return;
                }
            } else {
                problem = "invalid session cache";
            }
            if (problem != null) {
                ctx.report(id, a.span(), "invalid session cache \"" + v + "\": nginx refuses to start. "
                        + "ssl_session_cache takes off, none, builtin[:size] and shared:name:size, as in "
                        + "shared:SSL:10m.");
                return;
            }
        }
    }

    private static void expires(RuleContext ctx, String id, Directive d) {
        List<Arg> args = d.args();
        if (args.isEmpty() || args.size() > 2) {
            return;
        }
        boolean modified = args.size() == 2;
        if (modified && !d.arg(0).equals("modified")) {
            ctx.report(id, args.get(0).span(), "\"expires\" directive invalid value: nginx refuses to start. With two "
                    + "arguments the first is the word modified, as in expires modified 1h.");
            return;
        }
        Arg a = args.get(modified ? 1 : 0);
        String v = a.value();
        if (v.indexOf('$') >= 0 || (!modified && (v.equals("epoch") || v.equals("max") || v.equals("off")))) {
            return;
        }
        String t = v;
        boolean daily = false;
        if (t.startsWith("@")) {
            if (modified) {
                ctx.report(id, a.span(), "\"expires\" directive daily time cannot be used with \"modified\" parameter:"
                        + " nginx refuses to start.");
                return;
            }
            daily = true;
            t = t.substring(1);
        } else if (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        var secs = TimeValues.nginxSeconds(t);
        if (secs.isEmpty()) {
            ctx.report(id, a.span(), "\"expires\" directive invalid value \"" + v + "\": nginx refuses to start. "
                    + "expires takes a time (1h, 30d, -1), @ and a time of day, epoch, max or off.");
        } else if (daily && secs.getAsLong() > 24 * 60 * 60) {
            ctx.report(id, a.span(), "\"expires\" directive daily time value must be less than 24 hours: nginx "
                    + "refuses to start.");
        }
    }

    /** The bytes of a size that {@link #SIZE} matched. */
    static long size(String s) {
        char u = s.charAt(s.length() - 1);
        long scale = switch (u) {
            case 'k', 'K' -> 1024L;
            case 'm', 'M' -> 1024L * 1024;
            default -> 1L;
        };
        String digits = scale == 1 ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits) * scale;
    }
}
