package dev.proxylint.tls;

import java.util.EnumSet;
import java.util.Set;

/**
 * Version-dependent TLS defaults of nginx, Apache httpd and OpenSSL: the one table rules consult
 * (DESIGN: version facts live in one place). Sources: nginx CHANGES and ngx_http_ssl_module docs,
 * Apache 2.4 mod_ssl docs, OpenSSL 3.0 and 1.1.1 ciphers(1), and what the binaries were observed to do
 * (testdata/reality/README.md).
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

    /**
     * Whether the modelled OpenSSL build can speak SSLv3. Never: OpenSSL 3 has no SSLv3, and 1.1.1's
     * Configure disables ssl3 and ssl3-method by default (Debian 11's build, whose {@code openssl
     * ciphers -ssl3} is an unknown option, too). nginx then drops SSLv3 from ssl_protocols silently;
     * mod_ssl refuses "SSLProtocol +SSLv3" ("SSLv3 not supported by this version of OpenSSL").
     */
    public static boolean opensslHasSsl3(OpensslVersion v) {
        return switch (v) {
            case V3_0, V1_1_1 -> false;
        };
    }

    /** The security level OpenSSL applies when neither the cipher string nor a config file sets one. */
    public static final int OPENSSL_DEFAULT_SECURITY_LEVEL = 1;

    /**
     * Debian 11's /etc/ssl/openssl.cnf (package openssl 1.1.1w) sets "MinProtocol = TLSv1.2" and
     * "CipherString = DEFAULT@SECLEVEL=2" system-wide; nginx and mod_ssl override the minimum protocol
     * with their own protocol setting, but the security level stays unless the cipher string sets one.
     */
    public static final int DEBIAN11_SYSTEM_SECURITY_LEVEL = 2;

    /**
     * The legacy protocols (TLS 1.0, TLS 1.1) an OpenSSL server refuses at security level {@code level}
     * whatever its certificate, as observed with {@code openssl s_server}/{@code s_client}:
     * OpenSSL 3 refuses both at level 1 and above (their handshake signatures use SHA-1/MD5);
     * OpenSSL 1.1.1 completes both at levels 0 to 2 with an RSA certificate, refuses TLS 1.0 from
     * level 3 and TLS 1.1 from level 4 (protocol_version alert). With an ECDSA certificate 1.1.1
     * also refuses both from level 2 on (their SHA-1 signature is below the level).
     */
    public static Set<TlsVersion> legacyProtocolsRefused(OpensslVersion v, int level) {
        EnumSet<TlsVersion> out = EnumSet.noneOf(TlsVersion.class);
        switch (v) {
            case V3_0 -> {
                if (level >= 1) {
                    out.add(TlsVersion.TLSv1);
                    out.add(TlsVersion.TLSv1_1);
                }
            }
            case V1_1_1 -> {
                if (level >= 3) {
                    out.add(TlsVersion.TLSv1);
                }
                if (level >= 4) {
                    out.add(TlsVersion.TLSv1_1);
                }
            }
        }
        return out;
    }
}
