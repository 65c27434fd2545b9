package dev.proxylint.tls;

import java.util.EnumSet;
import java.util.Set;

/**
 * One row of the cipher table (facts about one suite as a given OpenSSL build knows it).
 *
 * @param name       OpenSSL name ("ECDHE-RSA-AES128-GCM-SHA256"; TLS 1.3 suites use the IANA name)
 * @param ianaName   IANA / RFC name
 * @param id         two-byte suite id
 * @param minVersion the protocol version the suite needs (what `openssl ciphers -v` prints)
 * @param preference position in OpenSSL's initial preference order (0 = first); TLS 1.3 rows: -1
 */
public record CipherSuite(String name, String ianaName, int id, TlsVersion minVersion, Kx kx, Au au, Enc enc,
        int bits, int algBits, Mac mac, Strength strength, boolean fips, boolean notDefault,
        boolean tls13Default, int preference) {

    /** Key exchange (OpenSSL's k* aliases). */
    public enum Kx { RSA, DHE, ECDHE, PSK, RSAPSK, DHEPSK, ECDHEPSK, SRP, ANY }

    /** Authentication (a* aliases); NULL is anonymous. */
    public enum Au { RSA, DSS, ECDSA, NULL, PSK, SRP, ANY }

    /** Bulk encryption, with key size where OpenSSL distinguishes it. */
    public enum Enc {
        AES128, AES256, AESGCM128, AESGCM256, AESCCM128, AESCCM256, AESCCM8_128, AESCCM8_256, CHACHA20,
        CAMELLIA128, CAMELLIA256, ARIAGCM128, ARIAGCM256, TRIPLE_DES, DES, RC4, RC2, IDEA, SEED, GOST, NULL;

        /** True for block ciphers in CBC mode (OpenSSL's CBC alias). */
        public boolean cbc() {
            return CBC.contains(this);
        }

        public boolean aead() {
            return AEAD.contains(this);
        }

        static final Set<Enc> CBC = EnumSet.of(AES128, AES256, CAMELLIA128, CAMELLIA256, TRIPLE_DES, DES, RC2, IDEA,
                SEED);
        static final Set<Enc> AEAD = EnumSet.of(AESGCM128, AESGCM256, AESCCM128, AESCCM256, AESCCM8_128,
                AESCCM8_256, CHACHA20, ARIAGCM128, ARIAGCM256);
    }

    /** Message authentication. */
    public enum Mac { AEAD, SHA1, SHA256, SHA384, MD5, GOST }

    /** OpenSSL's strength classes (HIGH/MEDIUM/LOW aliases); NONE for eNULL suites. */
    public enum Strength { HIGH, MEDIUM, LOW, NONE }

    public boolean tls13() {
        return minVersion == TlsVersion.TLSv1_3;
    }

    /** "Kx=ECDH Au=RSA Enc=AESGCM(128) Mac=AEAD"-like one-line description. */
    public String describe() {
        return name + " " + minVersion.label() + " Kx=" + kx + " Au=" + au + " Enc=" + enc + "(" + bits + ") Mac="
                + mac;
    }

    @Override
    public String toString() {
        return name;
    }
}
