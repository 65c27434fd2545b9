package dev.proxylint.tls;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OpenSSL releases proxylint has a cipher table for. Each one names a data file under
 * {@code src/main/resources/dev/proxylint/tls/} generated from a real binary by
 * {@code gen-openssl-table.sh}; where the releases behave differently beyond the table, the
 * difference lives in {@link TlsDefaults} (security levels, SSLv3) or in the evaluator that needs it
 * ({@link Tls13Suites}), keyed by this enum. Adding a release means adding its table, a constant
 * here, and running the differential tests against its binary.
 */
public enum OpensslVersion {
    /** OpenSSL 3.x, as Debian 12 builds 3.0 (default provider only). */
    V3_0("3.0", "openssl-3.0.tsv"),
    /**
     * OpenSSL 1.1.1, as Debian 11 builds 1.1.1w: no SSLv3 and no 3DES/DES/RC4 suites (upstream
     * 1.1.1 disables ssl3, ssl3-method and weak-ssl-ciphers by default), no IDEA (Debian's
     * no-idea), SEED suites in the MEDIUM class.
     */
    V1_1_1("1.1.1", "openssl-1.1.1.tsv");

    /** What proxylint assumes when the user does not say: the OpenSSL 3 behaviour. */
    public static final OpensslVersion DEFAULT = V3_0;

    private final String label;
    private final String resource;

    OpensslVersion(String label, String resource) {
        this.label = label;
        this.resource = resource;
    }

    public String label() {
        return label;
    }

    /** "OpenSSL 3" / "OpenSSL 1.1.1", for messages. */
    public String displayName() {
        return this == V3_0 ? "OpenSSL 3" : "OpenSSL " + label;
    }

    String resource() {
        return resource;
    }

    /**
     * Accepts "3", "3.0", "3.0.22" (any 3.x maps to the 3.0 table: the cipher-string machinery
     * and the TLS 1.2 suite set did not change within 3.x for the suites in the table), and "1.1",
     * "1.1.1", "1.1.1w" (OpenSSL 1.1.1 with any patch letter; 1.1.0 differs, e.g. it has no TLS 1.3,
     * and is not supported). Anything else, including text around the version, is empty.
     */
    public static Optional<OpensslVersion> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        Optional<Versions.Version> pv = Versions.parse(t);
        if (pv.isEmpty() || !pv.get().text().equals(t)) {
            return Optional.empty();
        }
        Versions.Version v = pv.get();
        if (v.part(0) == 3) {
            return Optional.of(V3_0);
        }
        int n = v.parts().size();
        boolean oneOne = v.part(0) == 1 && v.part(1) == 1;
        if (oneOne && n == 2 && v.suffix().isEmpty()) {
            return Optional.of(V1_1_1);
        }
        if (oneOne && n == 3 && v.part(2) == 1) {
            return Optional.of(V1_1_1);
        }
        return Optional.empty();
    }

    /** The supported values for error messages: "3.0, 1.1.1". */
    public static String supported() {
        return Arrays.stream(values()).map(OpensslVersion::label).collect(Collectors.joining(", "));
    }

    /** The one-line error for a version proxylint has no table for. */
    public static String unsupportedMessage(String option, String value) {
        return "unsupported " + option + " '" + value + "' (supported: " + supported()
                + "; any 3.x uses the 3.0 table; 1.1 and 1.1.1 with any patch letter the 1.1.1 table)";
    }
}
