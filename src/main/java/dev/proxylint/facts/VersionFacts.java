package dev.proxylint.facts;

import dev.proxylint.tls.TlsDefaults;
import dev.proxylint.tls.Versions;

/**
 * Version-dependent server behaviour, in one table. Rules ask here instead of hard-coding versions.
 * When the target version is unknown (null), the older behaviour is assumed and messages say so.
 */
public final class VersionFacts {
    /** nginx: proxy_http_version defaults to 1.1 from this release on (1.0 before). */
    public static final String NGINX_PROXY_HTTP_11_DEFAULT = "1.29.7";
    /** nginx: TLSv1 and TLSv1.1 left the default ssl_protocols in this release (TLS defaults live in TlsDefaults). */
    public static final String NGINX_SSL_PROTOCOLS_NO_TLS10 = TlsDefaults.NGINX_NO_TLS10_TLS11_DEFAULT_SINCE;
    /** nginx: TLSv1.3 joined the default ssl_protocols in this release. */
    public static final String NGINX_SSL_PROTOCOLS_TLS13 = TlsDefaults.NGINX_TLS13_DEFAULT_SINCE;
    /**
     * nginx: from this release on (and in 1.31.0 mainline) a rewrite whose replacement has
     * arguments no longer leaves the script engine's argument-escaping flag set for the set, if and
     * rewrite directives after it (CVE-2026-42945, "NGINX Rift"; 0.6.27 to 1.30.0 overflow the heap
     * when those copy a numbered capture). Verified on an ASan build of 1.30.0.
     */
    public static final String NGINX_REWRITE_ARGS_ESCAPE_FIXED = "1.30.1";
    /**
     * nginx: a rewrite without variables that copies overlapping (nested) captures into a redirect
     * or into arguments gets a large enough buffer from 1.30.2 (stable) and 1.31.1 (mainline) on;
     * before, escaping both copies overflows the heap (CVE-2026-9256). Verified on ASan 1.30.0.
     */
    public static final String NGINX_OVERLAPPING_CAPTURES_FIXED_STABLE = "1.30.2";
    /** The mainline release that first carries the CVE-2026-9256 fix (1.31.0 has not). */
    public static final String NGINX_OVERLAPPING_CAPTURES_FIXED_MAINLINE = "1.31.1";

    /**
     * nginx: the {@code resolve} parameter of an upstream {@code server} (with a shared memory
     * {@code zone}), which re-resolves the name while running, is in open-source nginx from this
     * release on (nginx source: "Upstream: re-resolvable servers", first tagged release-1.27.3);
     * before it only the commercial build had it.
     */
    public static final String NGINX_UPSTREAM_RESOLVE = "1.27.3";
    /**
     * nginx 1.19.7 dropped http2_max_requests: from then on keepalive_requests also ends an HTTP/2
     * connection (GOAWAY) after that many requests.
     */
    public static final String NGINX_KEEPALIVE_REQUESTS_HTTP2 = "1.19.7";
    /** nginx 1.19.10 raised the default of keepalive_requests from 100 to 1000. */
    public static final String NGINX_KEEPALIVE_REQUESTS_1000 = "1.19.10";
    /**
     * Apache: mod_proxy_http handles upgrades itself from this release, and forwards Upgrade to
     * http:// backends only with the worker's upgrade=websocket (mod_proxy_wstunnel not needed).
     */
    public static final String APACHE_PROXY_HTTP_UPGRADE = "2.4.47";

    /**
     * Apache: the addressttl= worker parameter (how long a backend's DNS answer is kept) exists from
     * this release on (httpd CHANGES for 2.4.59); older releases refuse it as an unknown worker
     * parameter. Before it a reusable worker keeps its first answer until the child process exits.
     */
    public static final String APACHE_PROXY_ADDRESS_TTL = "2.4.59";

    /**
     * Apache: ProxyWebsocketFallbackToProxyHttp (mod_proxy_wstunnel) exists from this release on;
     * before it, and without mod_proxy_wstunnel loaded, httpd refuses it (Invalid command). Verified:
     * 2.4.71 accepts it only with mod_proxy_wstunnel loaded.
     */
    public static final String APACHE_WS_FALLBACK_DIRECTIVE = "2.4.48";
    /**
     * Apache: ProxyWebsocketIdleTimeout, ProxyWebsocketAsync and ProxyWebsocketAsyncDelay are
     * documented only for httpd trunk (2.5); 2.4.71 refuses all three even with mod_proxy_wstunnel
     * loaded (verified with apache2 -t).
     */
    public static final String APACHE_WS_IDLE_TIMEOUT_DIRECTIVE = "2.5";
    /**
     * Apache 2.4.71, measured: with ProxyWebsocketFallbackToProxyHttp Off, mod_proxy_wstunnel tunnels
     * ws:// routes itself and applies no idle limit (Timeout 2, ProxyTimeout 2 and timeout=2/7 all
     * outlived a 9 s idle); with the fallback on (default) mod_proxy_http closes an idle tunnel after
     * max(Timeout, backend timeout).
     */
    public static final boolean APACHE_WSTUNNEL_NO_IDLE_LIMIT = true;

    private VersionFacts() {
    }

    /** Compares dotted versions numerically ("1.22.1" &lt; "1.29.7"); one parser for all: {@link Versions}. */
    public static int compare(String a, String b) {
        return Versions.compare(a, b);
    }

    /** Whether a known nginx version carries the CVE-2026-9256 fix (1.30.2 and later 1.30.x, 1.31.1 and later). */
    public static boolean nginxOverlappingCapturesFixed(String version) {
        return atLeast(version, NGINX_OVERLAPPING_CAPTURES_FIXED_MAINLINE)
                || (atLeast(version, NGINX_OVERLAPPING_CAPTURES_FIXED_STABLE) && !atLeast(version, "1.31.0"));
    }

    /** Whether a known version is at least {@code since}; false when the version is unknown. */
    public static boolean atLeast(String version, String since) {
        return version != null && Versions.parse(version).isPresent() && Versions.atLeast(version, since);
    }
}
