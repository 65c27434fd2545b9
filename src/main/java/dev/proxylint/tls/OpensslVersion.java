package dev.proxylint.tls;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OpenSSL releases proxylint has a cipher table for. Each one names a data file under
 * {@code src/main/resources/dev/proxylint/tls/}; adding a release means adding its table and a
 * constant here (OpenSSL 1.1.1 is not there yet: its facts are not sourced).
 */
public enum OpensslVersion {
    V3_0("3.0", "openssl-3.0.tsv");

    /** What proxylint assumes when the user does not say. */
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

    String resource() {
        return resource;
    }

    /**
     * Accepts "3", "3.0", "3.0.22" (any 3.x maps to the 3.0 table: the cipher-string machinery
     * and the TLS 1.2 suite set did not change within 3.x for the suites in the table).
     */
    public static Optional<OpensslVersion> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Optional<Versions.Version> v = Versions.parse(s.trim());
        if (v.isPresent() && v.get().part(0) == 3) {
            return Optional.of(V3_0);
        }
        return Optional.empty();
    }

    public static String supported() {
        return Arrays.stream(values()).map(OpensslVersion::label).collect(Collectors.joining(", "));
    }
}
