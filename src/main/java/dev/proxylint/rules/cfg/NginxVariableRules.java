package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nginx variables: a variable used in a directive but defined nowhere (nginx refuses to start with
 * {@code unknown "x" variable}), and a map/geo variable defined twice (nginx refuses with
 * {@code duplicate "x" variable}). Only checked on whole configs (with an http block): a fragment's
 * variables may come from the main config proxylint does not see.
 */
public final class NginxVariableRules implements Rule {
    /**
     * Variables nginx and its common modules define themselves (Debian's nginx build), including
     * some of later releases. Checked with nginx 1.22.1 -t: $slice_range is known; $memcached_key is
     * not (the config must set it), so it is not listed.
     */
    static final Set<String> BUILTIN = Set.of("arg", "args", "binary_remote_addr", "body_bytes_sent", "bytes_sent",
            "connection", "connection_requests", "connection_time", "connections_active", "connections_reading",
            "connections_waiting", "connections_writing", "content_length", "content_type", "document_root",
            "document_uri", "fastcgi_path_info", "fastcgi_script_name", "gzip_ratio", "host", "hostname", "https",
            "is_args", "limit_conn_status", "limit_rate", "limit_req_status", "msec", "nginx_version", "pid", "pipe",
            "proxy_add_x_forwarded_for", "proxy_host", "proxy_port", "proxy_protocol_addr", "proxy_protocol_port",
            "proxy_protocol_server_addr", "proxy_protocol_server_port", "query_string", "realip_remote_addr",
            "realip_remote_port", "realpath_root", "remote_addr", "remote_port", "remote_user", "request",
            "request_body", "request_body_file", "request_completion", "request_filename", "request_id",
            "request_length", "request_method", "request_time", "request_uri", "scheme", "server_addr", "server_name",
            "server_port", "server_protocol", "ssl_cipher", "ssl_ciphers", "ssl_client_cert", "ssl_client_escaped_cert",
            "ssl_client_fingerprint", "ssl_client_i_dn", "ssl_client_raw_cert", "ssl_client_s_dn",
            "ssl_client_serial", "ssl_client_v_end", "ssl_client_v_remain", "ssl_client_v_start", "ssl_client_verify",
            "ssl_curve", "ssl_curves", "ssl_early_data", "ssl_protocol", "ssl_server_name", "ssl_session_id",
            "ssl_session_reused", "status", "tcpinfo_rtt", "tcpinfo_rttvar", "tcpinfo_snd_cwnd", "tcpinfo_rcv_space",
            "time_iso8601", "time_local", "uri", "upstream_addr", "upstream_bytes_received", "upstream_bytes_sent",
            "upstream_cache_status", "upstream_connect_time", "upstream_header_time", "upstream_queue_time",
            "upstream_response_length", "upstream_response_time", "upstream_status", "upstream_last_server_name",
            "http2", "http3", "invalid_referer", "secure_link", "secure_link_expires", "geoip_country_code",
            "date_gmt", "date_local", "uid_got", "uid_set", "uid_reset", "spdy", "spdy_request_priority",
            "modern_browser", "ancient_browser", "msie", "sent_http_content_type",
            "ssl_alpn_protocol", "proxy_protocol_tlv", "jwt_claim",
            "ssl_client_s_dn_legacy", "ssl_client_i_dn_legacy", "ssl_preread_server_name", "ssl_preread_protocol",
            "ssl_preread_alpn_protocols", "early_hints", "request_port", "is_request_port", "mirror", "slice_range");
    static final String[] BUILTIN_PREFIXES = {"http_", "sent_http_", "sent_trailer_", "cookie_", "arg_",
        "upstream_http_", "upstream_cookie_", "upstream_trailer_", "jwt_header_", "jwt_claim_", "geoip_",
        "geoip2_", "proxy_protocol_tlv_", "ssl_", "upstream_"};

    @Override
    public Set<String> ids() {
        return Set.of("CFG110", "CFG111");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.NGINX);
    }

    static boolean builtin(String name) {
        if (BUILTIN.contains(name) || name.chars().allMatch(Character::isDigit)) {
            return true;
        }
        for (String p : BUILTIN_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static Scope httpOf(NginxModel model) {
        for (Scope s : model.main().children()) {
            if (s.kind() == Scope.Kind.HTTP) {
                return s;
            }
        }
        return null;
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        Map<String, List<Directive>> defs = model.definedVariables();
        for (var e : defs.entrySet()) {
            List<Directive> maps = e.getValue().stream().filter(d -> d.is("map") || d.is("geo")).toList();
            if (maps.size() > 1) {
                Directive second = maps.get(1);
                Directive last = maps.get(maps.size() - 1);
                ctx.report("CFG111", second.headSpan(), "Variable $" + e.getKey() + " is defined by more than one "
                        + "map/geo block, and nginx silently uses only the last one everywhere: the earlier "
                        + "definitions are dead and requests get the values of line " + last.span().startLine()
                        + ". Remove the duplicates or give each map its own variable name.",
                        List.of(new Related(maps.get(0).headSpan(), "first defined here; this definition is ignored")),
                        null);
            }
        }
        if (model.fragment()) {
            return;
        }
        Tree.walk(ctx.config().items(), d -> {
            if (d.is("map") || d.is("geo") || d.is("split_clients") || d.is("set") || d.is("location")
                    || d.is("server_name") || d.is("log_format") || d.name().endsWith("_by_lua_block")) {
                return;
            }
            for (Arg a : d.args()) {
                if (a.quote() == dev.proxylint.syntax.Quote.SINGLE && d.is("return")) {
                    continue;
                }
                String v = a.value();
                int i = v.indexOf('$');
                while (i >= 0 && i + 1 < v.length()) {
                    int s = i + 1;
                    boolean brace = v.charAt(s) == '{';
                    if (brace) {
                        s++;
                    }
                    int e = s;
                    while (e < v.length() && (Character.isLetterOrDigit(v.charAt(e)) || v.charAt(e) == '_')) {
                        e++;
                    }
                    String name = v.substring(s, e);
                    if (!name.isEmpty() && !builtin(name) && !defs.containsKey(name)) {
                        Fix fix = null;
                        Scope http = httpOf(model);
                        if (name.equals("connection_upgrade") && http != null) {
                            fix = new Fix("Define $connection_upgrade with the standard map",
                                    List.of(NginxEdits.connectionUpgradeMap(http.block())));
                        }
                        ctx.report("CFG110", a.span(), "Variable $" + name + " is used but never defined (no map, "
                                + "geo or set defines it); nginx refuses to start (unknown \"" + name + "\" variable)."
                                + (fix != null ? " The usual WebSocket recipe defines it with map $http_upgrade "
                                + "$connection_upgrade at http level." : ""), List.of(), fix);
                        return;
                    }
                    i = v.indexOf('$', Math.max(e, i + 1));
                }
            }
        });
    }
}
