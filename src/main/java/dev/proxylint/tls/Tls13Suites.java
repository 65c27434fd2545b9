package dev.proxylint.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * TLS 1.3 suites are configured apart from the cipher string: nginx
 * {@code ssl_conf_command Ciphersuites ...}, Apache {@code SSLCipherSuite TLSv1.3 ...}, OpenSSL
 * {@code -ciphersuites}. The value is a ':'-separated list of IANA names (blanks around names are
 * trimmed); unknown names are ignored; a non-empty value with no known name is rejected ("no
 * cipher match"); an empty value disables all TLS 1.3 suites. Order and duplicates are kept.
 */
public final class Tls13Suites {
    private Tls13Suites() {
    }

    /** The parse result: the suites, and names that were ignored. */
    public record Result(List<CipherSuite> suites, List<String> unknown) {
    }

    /** @throws CipherStringException when the value names no known TLS 1.3 suite */
    public static Result parse(String value, CipherTable table) {
        List<CipherSuite> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (value == null || value.isEmpty()) {
            return new Result(out, unknown);
        }
        for (String part : value.split(":", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            table.byIanaName(name).filter(CipherSuite::tls13).ifPresentOrElse(out::add, () -> unknown.add(name));
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
