package dev.proxylint.tls;

import java.util.Locale;
import java.util.Optional;

/** SSL/TLS protocol versions, oldest first. {@link #label()} is the spelling nginx, mod_ssl and OpenSSL use. */
public enum TlsVersion {
    SSLv2("SSLv2"), SSLv3("SSLv3"), TLSv1("TLSv1"), TLSv1_1("TLSv1.1"), TLSv1_2("TLSv1.2"), TLSv1_3("TLSv1.3");

    private final String label;

    TlsVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses "TLSv1.2" style labels (case-insensitive); "TLSv1.0" is accepted as TLSv1. */
    public static Optional<TlsVersion> parse(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.equals("tlsv1.0")) {
            return Optional.of(TLSv1);
        }
        for (TlsVersion v : values()) {
            if (v.label.toLowerCase(Locale.ROOT).equals(l)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
