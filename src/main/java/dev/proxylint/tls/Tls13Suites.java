package dev.proxylint.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TLS 1.3 suites are configured apart from the cipher string: nginx
 * {@code ssl_conf_command Ciphersuites ...}, Apache {@code SSLCipherSuite TLSv1.3 ...} or
 * {@code SSLOpenSSLConfCmd Ciphersuites ...}, OpenSSL {@code -ciphersuites}. The value is a
 * ':'-separated list of IANA names (case-sensitive; blanks around names are trimmed); an empty
 * value is accepted and leaves no TLS 1.3 suite; order and duplicates are kept. OpenSSL looks every
 * name up among ALL the suites it knows by IANA name, not only the TLS 1.3 ones, so:
 * <ul>
 * <li>TLS 1.3 names become the TLS 1.3 list ({@link Result#suites()});</li>
 * <li>IANA names of TLS 1.2-and-older suites are accepted too, and OpenSSL puts those suites in
 * front of the TLS 1.2 list, ahead of what the cipher string selects ({@link Result#tls12()});</li>
 * <li>a few more names are accepted but select nothing the build offers: the two signalling
 * suites and suites whose cipher is not available ({@link Result#inert()}).</li>
 * </ul>
 * Where the releases differ (observed with {@code openssl ciphers -ciphersuites}):
 * <ul>
 * <li>OpenSSL 3 ignores unknown names ({@link Result#unknown()}) and empty elements, and rejects
 * a non-empty value where no name is accepted ("no cipher match"; also a value of only blanks);</li>
 * <li>OpenSSL 1.1.1 rejects the whole value when any element is unknown or empty (a leading,
 * trailing or doubled ':'; {@code ciphersuite_cb: no cipher match}).</li>
 * </ul>
 * The real servers (OpenSSL 3.0) behave the same (testdata/reality/README.md).
 */
public final class Tls13Suites {
    private Tls13Suites() {
    }

    /**
     * Names OpenSSL 3.0's lookup accepts that are not in its cipher table: the signalling suites,
     * and suites whose cipher the default provider lacks (IDEA, SEED) or that need a GOST engine.
     * Found by trying every {@code TLS_*} string of libssl.so.3 (3.0.22) with
     * {@code openssl ciphers -ciphersuites NAME}.
     */
    static final Set<String> INERT_3_0 = Set.of("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_FALLBACK_SCSV",
            "TLS_RSA_WITH_IDEA_CBC_SHA", "TLS_RSA_WITH_SEED_CBC_SHA", "TLS_DHE_DSS_WITH_SEED_CBC_SHA",
            "TLS_DHE_RSA_WITH_SEED_CBC_SHA", "TLS_DH_anon_WITH_SEED_CBC_SHA", "TLS_GOSTR341001_WITH_28147_CNT_IMIT",
            "TLS_GOSTR341001_WITH_NULL_GOSTR3411");
    /**
     * The same for OpenSSL 1.1.1 (libssl.so.1.1 of Debian 11's 1.1.1w), whose table has IDEA and SEED;
     * 1.1.1 even lists the GOST suites in its cipher list, but cannot negotiate them without a GOST engine.
     */
    static final Set<String> INERT_1_1_1 = Set.of("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_FALLBACK_SCSV",
            "TLS_GOSTR341001_WITH_28147_CNT_IMIT", "TLS_GOSTR341001_WITH_NULL_GOSTR3411");

    /** Names the release accepts in the list without offering a suite for them. */
    public static Set<String> inert(OpensslVersion v) {
        return v == OpensslVersion.V1_1_1 ? INERT_1_1_1 : INERT_3_0;
    }

    /**
     * The parse result.
     *
     * @param suites  the TLS 1.3 suites, in the order given: what TLS 1.3 can negotiate
     * @param tls12   suites of TLS 1.2 and older named by their IANA name: accepted, and offered for
     *                TLS 1.2 ahead of the cipher string's suites
     * @param inert   names accepted that select no suite this build offers
     * @param unknown names OpenSSL does not know (skipped silently by OpenSSL 3)
     */
    public record Result(List<CipherSuite> suites, List<CipherSuite> tls12, List<String> inert, List<String> unknown) {
    }

    /** @throws CipherStringException when OpenSSL would reject the value (see the class comment) */
    public static Result parse(String value, CipherTable table) {
        List<CipherSuite> out = new ArrayList<>();
        List<CipherSuite> tls12 = new ArrayList<>();
        List<String> inert = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (value == null || value.isEmpty()) {
            return new Result(List.of(), List.of(), List.of(), List.of());
        }
        boolean strict = table.version() == OpensslVersion.V1_1_1;
        Set<String> inertNames = inert(table.version());
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
            var s = table.byIanaName(name);
            if (s.isPresent()) {
                (s.get().tls13() ? out : tls12).add(s.get());
            } else if (inertNames.contains(name)) {
                inert.add(name);
            } else {
                unknown.add(name);
            }
        }
        if (strict && !unknown.isEmpty()) {
            throw new CipherStringException(CipherStringException.Kind.NO_CIPHER_MATCH, -1,
                    "no cipher match: '" + unknown.get(0) + "' is not a TLS 1.3 cipher suite, and "
                            + table.version().displayName() + " rejects a Ciphersuites list with an unknown name");
        }
        if (out.isEmpty() && tls12.isEmpty() && inert.isEmpty()) {
            throw new CipherStringException(CipherStringException.Kind.NO_CIPHER_MATCH, -1,
                    "no cipher match: '" + value + "' names no cipher suite " + table.version().displayName()
                            + " knows");
        }
        return new Result(List.copyOf(out), List.copyOf(tls12), List.copyOf(inert), List.copyOf(unknown));
    }

    public static Result parse(String value, OpensslVersion version) {
        return parse(value, CipherTable.of(version));
    }
}
