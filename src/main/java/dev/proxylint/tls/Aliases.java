package dev.proxylint.tls;

import dev.proxylint.tls.CipherSuite.Au;
import dev.proxylint.tls.CipherSuite.Enc;
import dev.proxylint.tls.CipherSuite.Kx;
import dev.proxylint.tls.CipherSuite.Mac;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The cipher-string aliases of OpenSSL 3.0 and 1.1.1 as documented in ciphers(1), expressed as
 * constraints over the table's columns. Names are case-sensitive. Aliases for algorithms the build
 * lacks (3DES, RC4, ...) are defined too: they simply match no row of a table without such suites.
 * The releases share every alias but {@code CBC}, which OpenSSL 3.0 added: 1.1.1 ignores it as an
 * unknown word (found by the differential tests against both binaries).
 */
final class Aliases {
    private static final Map<String, Selector> MAP = new HashMap<>();
    /** Aliases OpenSSL 1.1.1 does not know. */
    private static final Set<String> SINCE_3_0 = Set.of("CBC");

    private Aliases() {
    }

    static Selector lookup(String word, OpensslVersion version) {
        if (version == OpensslVersion.V1_1_1 && SINCE_3_0.contains(word)) {
            return null;
        }
        Selector s = MAP.get(word);
        return s == null ? null : s.copy();
    }

    private static Selector sel() {
        return new Selector();
    }

    private static void put(Selector s, String... names) {
        for (String n : names) {
            MAP.put(n, s);
        }
    }

    private static Selector kx(Kx... k) {
        Selector s = sel();
        s.kx = EnumSet.of(k[0], k);
        return s;
    }

    private static Selector au(Au... a) {
        Selector s = sel();
        s.au = EnumSet.of(a[0], a);
        return s;
    }

    private static Selector enc(Enc... e) {
        Selector s = sel();
        s.enc = EnumSet.of(e[0], e);
        return s;
    }

    private static Selector enc(Set<Enc> e) {
        Selector s = sel();
        s.enc = EnumSet.copyOf(e);
        return s;
    }

    private static Selector mac(Mac m) {
        Selector s = sel();
        s.mac = EnumSet.of(m);
        return s;
    }

    private static Selector version(TlsVersion v) {
        Selector s = sel();
        s.minVersion = v;
        return s;
    }

    private static Selector strength(String cls) {
        Selector s = sel();
        s.strength = new java.util.HashSet<>(Set.of(cls));
        return s;
    }

    static {
        put(enc(EnumSet.complementOf(EnumSet.of(Enc.NULL))), "ALL");
        put(enc(Enc.NULL), "COMPLEMENTOFALL", "eNULL", "NULL");
        Selector cd = sel();
        cd.notDefault = true;
        put(cd, "COMPLEMENTOFDEFAULT");
        put(strength("HIGH"), "HIGH");
        put(strength("MEDIUM"), "MEDIUM");
        put(strength("LOW"), "LOW");
        put(strength("FIPS"), "FIPS");

        EnumSet<Au> authenticated = EnumSet.complementOf(EnumSet.of(Au.NULL));
        put(kx(Kx.RSA), "kRSA", "RSA");
        put(au(Au.RSA), "aRSA");
        put(kx(Kx.DHE), "kDHE", "kEDH", "DH");
        Selector dhe = kx(Kx.DHE);
        dhe.au = EnumSet.copyOf(authenticated);
        put(dhe, "DHE", "EDH");
        Selector adh = kx(Kx.DHE);
        adh.au = EnumSet.of(Au.NULL);
        put(adh, "ADH");
        put(kx(Kx.ECDHE), "kECDHE", "kEECDH", "ECDH");
        Selector ecdhe = kx(Kx.ECDHE);
        ecdhe.au = EnumSet.copyOf(authenticated);
        put(ecdhe, "ECDHE", "EECDH");
        Selector aecdh = kx(Kx.ECDHE);
        aecdh.au = EnumSet.of(Au.NULL);
        put(aecdh, "AECDH");
        put(au(Au.NULL), "aNULL");
        put(au(Au.DSS), "aDSS", "DSS");
        put(au(Au.ECDSA), "aECDSA", "ECDSA");
        put(kx(Kx.PSK, Kx.RSAPSK, Kx.DHEPSK, Kx.ECDHEPSK), "PSK");
        put(kx(Kx.PSK), "kPSK");
        put(kx(Kx.RSAPSK), "kRSAPSK");
        put(kx(Kx.DHEPSK), "kDHEPSK");
        put(kx(Kx.ECDHEPSK), "kECDHEPSK");
        put(au(Au.PSK), "aPSK");
        put(kx(Kx.SRP), "SRP", "kSRP");
        put(au(Au.SRP), "aSRP");

        put(version(TlsVersion.SSLv3), "SSLv3");
        put(version(TlsVersion.TLSv1), "TLSv1", "TLSv1.0");
        put(version(TlsVersion.TLSv1_2), "TLSv1.2");

        put(enc(Enc.AES128, Enc.AESGCM128, Enc.AESCCM128, Enc.AESCCM8_128), "AES128");
        put(enc(Enc.AES256, Enc.AESGCM256, Enc.AESCCM256, Enc.AESCCM8_256), "AES256");
        put(enc(Enc.AES128, Enc.AESGCM128, Enc.AESCCM128, Enc.AESCCM8_128, Enc.AES256, Enc.AESGCM256,
                Enc.AESCCM256, Enc.AESCCM8_256), "AES");
        put(enc(Enc.AESGCM128, Enc.AESGCM256), "AESGCM");
        put(enc(Enc.AESCCM128, Enc.AESCCM256, Enc.AESCCM8_128, Enc.AESCCM8_256), "AESCCM");
        put(enc(Enc.AESCCM8_128, Enc.AESCCM8_256), "AESCCM8");
        put(enc(Enc.ARIAGCM128), "ARIA128");
        put(enc(Enc.ARIAGCM256), "ARIA256");
        put(enc(Enc.ARIAGCM128, Enc.ARIAGCM256), "ARIA", "ARIAGCM");
        put(enc(Enc.CAMELLIA128), "CAMELLIA128");
        put(enc(Enc.CAMELLIA256), "CAMELLIA256");
        put(enc(Enc.CAMELLIA128, Enc.CAMELLIA256), "CAMELLIA");
        put(enc(Enc.CHACHA20), "CHACHA20");
        put(enc(Enc.TRIPLE_DES), "3DES");
        put(enc(Enc.DES), "DES");
        put(enc(Enc.RC4), "RC4");
        put(enc(Enc.RC2), "RC2");
        put(enc(Enc.IDEA), "IDEA");
        put(enc(Enc.SEED), "SEED");
        put(enc(Enc.CBC), "CBC");

        put(mac(Mac.MD5), "MD5");
        put(mac(Mac.SHA1), "SHA1", "SHA");
        put(mac(Mac.SHA256), "SHA256");
        put(mac(Mac.SHA384), "SHA384");
    }
}
