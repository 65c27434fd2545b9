package dev.proxylint.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * TLS 1.3 suites are configured apart from the cipher string: nginx
 * {@code ssl_conf_command Ciphersuites ...}, Apache {@code SSLCipherSuite TLSv1.3 ...}, OpenSSL
 * {@code -ciphersuites}. The value is a ':'-separated list of IANA names (case-sensitive; blanks
 * around names are trimmed); an empty value disables all TLS 1.3 suites; order and duplicates are
 * kept. Where the releases differ (observed with {@code openssl ciphers -ciphersuites}):
 * <ul>
 * <li>OpenSSL 3 ignores unknown names and empty elements, and rejects a non-empty value with no
 * known name ("no cipher match");</li>
 * <li>OpenSSL 1.1.1 rejects the whole value when any element is unknown or empty (a leading,
 * trailing or doubled ':'; {@code ciphersuite_cb: no cipher match}).</li>
 * </ul>
 */
public final class Tls13Suites {
    private Tls13Suites() {
    }

    /** The parse result: the suites, and names that were ignored. */
    public record Result(List<CipherSuite> suites, List<String> unknown) {
    }

    /** @throws CipherStringException when OpenSSL would reject the value (see the class comment) */
    public static Result parse(String value, CipherTable table) {
        List<CipherSuite> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (value == null || value.isEmpty()) {
            return new Result(out, unknown);
        }
        boolean strict = table.version() == OpensslVersion.V1_1_1;
        for (String part : value.split(":", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                if (strict) {
                    throw new CipherStringException(CipherStringException.Kind.NO_CIPHER_MATCH, -1,
                            "no cipher match: '" + value + "' has an empty element, which "
                                    + table.version().displayName() + " rejects");
                }
                continue;
            }
            table.byIanaName(name).filter(CipherSuite::tls13).ifPresentOrElse(out::add, () -> unknown.add(name));
        }
        if (strict && !unknown.isEmpty()) {
            throw new CipherStringException(CipherStringException.Kind.NO_CIPHER_MATCH, -1,
                    "no cipher match: '" + unknown.get(0) + "' is not a TLS 1.3 cipher suite, and "
                            + table.version().displayName() + " rejects a Ciphersuites list with an unknown name");
        }
        if (out.isEmpty()) {
            throw new CipherStringException(CipherStringException.Kind.NO_CIPHER_MATCH, -1,
                    "no cipher match: '" + value + "' names no TLS 1.3 cipher suite");
        }
        return new Result(List.copyOf(out), List.copyOf(unknown));
    }

    public static Result parse(String value, OpensslVersion version) {
        return parse(value, CipherTable.of(version));
    }
}
