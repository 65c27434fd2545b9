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
     * nginx: the {@code resolve} parameter of an upstream {@code server} (with a shared memory
     * {@code zone}), which re-resolves the name while running, is in open-source nginx from this
     * release on (nginx source: "Upstream: re-resolvable servers", first tagged release-1.27.3);
     * before it only the commercial build had it.
     */
    public static final String NGINX_UPSTREAM_RESOLVE = "1.27.3";
    /**
     * Apache: mod_proxy_http handles upgrades itself from this release, and forwards Upgrade to
     * http:// backends only with the worker's upgrade=websocket (mod_proxy_wstunnel not needed).
     */
    public static final String APACHE_PROXY_HTTP_UPGRADE = "2.4.47";

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

    /** Whether a known version is at least {@code since}; false when the version is unknown. */
    public static boolean atLeast(String version, String since) {
        return version != null && Versions.parse(version).isPresent() && Versions.atLeast(version, since);
    }
}
