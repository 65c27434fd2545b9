package dev.proxylint.tls;

import java.util.EnumSet;
import java.util.Set;

/**
 * Version-dependent TLS defaults of nginx, Apache httpd and OpenSSL: the one table rules consult
 * (DESIGN: version facts live in one place). Sources: nginx CHANGES and ngx_http_ssl_module docs,
 * Apache 2.4 mod_ssl docs, OpenSSL 3.0 ciphers(1).
 */
public final class TlsDefaults {
    private TlsDefaults() {
    }

    /** nginx 1.23.4: "the TLSv1.3 protocol is now enabled by default". */
    public static final String NGINX_TLS13_DEFAULT_SINCE = "1.23.4";
    /** nginx 1.27.3: TLSv1 and TLSv1.1 left the default ssl_protocols. */
    public static final String NGINX_NO_TLS10_TLS11_DEFAULT_SINCE = "1.27.3";
    /** nginx's default ssl_ciphers. */
    public static final String NGINX_SSL_CIPHERS = "HIGH:!aNULL:!MD5";
    /** Apache 2.4's default SSLProtocol (and SSLProxyProtocol). */
    public static final String APACHE_SSL_PROTOCOL = "all -SSLv3";

    /**
     * nginx's default {@code ssl_protocols}. With an unknown version, the older (wider) default is
     * assumed, as DESIGN asks; callers should say so in their message.
     */
    public static Set<TlsVersion> nginxProtocols(String nginxVersion) {
        if (nginxVersion == null || Versions.parse(nginxVersion).isEmpty()) {
            return EnumSet.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1, TlsVersion.TLSv1_2, TlsVersion.TLSv1_3);
        }
        if (Versions.atLeast(nginxVersion, NGINX_NO_TLS10_TLS11_DEFAULT_SINCE)) {
            return EnumSet.of(TlsVersion.TLSv1_2, TlsVersion.TLSv1_3);
        }
        if (Versions.atLeast(nginxVersion, NGINX_TLS13_DEFAULT_SINCE)) {
            return EnumSet.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1, TlsVersion.TLSv1_2, TlsVersion.TLSv1_3);
        }
        return EnumSet.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1, TlsVersion.TLSv1_2);
    }

    /** Whether an OpenSSL release still ships SSLv3 support in the usual distribution builds (never in 3.x). */
    public static boolean opensslHasSsl3(OpensslVersion v) {
        return v != OpensslVersion.V3_0;
    }
}
