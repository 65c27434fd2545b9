package dev.proxylint.tls;

import java.util.List;
import java.util.Optional;

/**
 * From directive arguments to what the server offers. This is the entry point for rules:
 * <pre>
 *   CipherList l = CipherDirectives.apacheSslCipherSuite("HIGH:!aNULL", OpensslVersion.DEFAULT);
 *   l.addedBy("ECDHE-RSA-AES128-SHA")   // Token "HIGH" at [0, 4)
 *   CipherClass.insecure(l)            // the insecure suites, each with its token
 * </pre>
 */
public final class CipherDirectives {
    private CipherDirectives() {
    }

    /**
     * One {@code SSLCipherSuite} / {@code SSLProxyCipherSuite} directive split into its protocol
     * ("SSL" for TLS 1.2 and older, "TLSv1.3") and cipher spec, as mod_ssl reads its 1-2 arguments.
     * The protocol word is case-sensitive; others are rejected like httpd does.
     */
    public record ApacheSpec(boolean tls13, String spec, Optional<String> error) {
    }

    /**
     * httpd's TAKE12 reading: an empty first argument is an error, and an empty second argument
     * counts as absent, so {@code SSLCipherSuite TLSv1.3 ""} is the one-argument form: the TLS 1.2
     * cipher string "TLSv1.3" (which OpenSSL rejects at start; seen on Apache 2.4.71).
     */
    public static ApacheSpec apacheArgs(List<String> args) {
        if (args.isEmpty() || args.size() > 2 || args.get(0).isEmpty()) {
            return new ApacheSpec(false, "", Optional.of("SSLCipherSuite takes 1-2 arguments"));
        }
        if (args.size() == 2 && args.get(1).isEmpty()) {
            args = args.subList(0, 1);
        }
        if (args.size() == 1) {
            return new ApacheSpec(false, args.get(0), Optional.empty());
        }
        String proto = args.get(0);
        if (proto.equals("SSL")) {
            return new ApacheSpec(false, args.get(1), Optional.empty());
        }
        if (proto.equals("TLSv1.3")) {
            return new ApacheSpec(true, args.get(1), Optional.empty());
        }
        return new ApacheSpec(false, args.get(1), Optional.of("protocol '" + proto + "' not supported"));
    }

    /** An Apache TLS 1.2-and-older cipher spec as OpenSSL receives it (mod_ssl's suffix appended). */
    public static CipherList apacheSslCipherSuite(String spec, OpensslVersion v) {
        return CipherString.evaluate(CipherString.modSsl(spec), v);
    }

    /** An Apache {@code SSLCipherSuite TLSv1.3 ...} value. */
    public static Tls13Suites.Result apacheTls13(String spec, OpensslVersion v) {
        return Tls13Suites.parse(spec, v);
    }

    /** nginx {@code ssl_ciphers} / {@code proxy_ssl_ciphers}: passed to OpenSSL unchanged. */
    public static CipherList nginxSslCiphers(String value, OpensslVersion v) {
        return CipherString.evaluate(value, v);
    }

    /** nginx's default {@code ssl_ciphers HIGH:!aNULL:!MD5}. */
    public static CipherList nginxDefault(OpensslVersion v) {
        return CipherString.evaluate(TlsDefaults.NGINX_SSL_CIPHERS, v);
    }

    /** nginx {@code ssl_conf_command Ciphersuites VALUE}. */
    public static Tls13Suites.Result nginxCiphersuites(String value, OpensslVersion v) {
        return Tls13Suites.parse(value, v);
    }
}
