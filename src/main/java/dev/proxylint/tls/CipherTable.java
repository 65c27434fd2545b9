package dev.proxylint.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cipher suites one OpenSSL build offers, loaded from a TSV resource (see
 * {@code gen-openssl-table.sh} next to it). TLS 1.2-and-older rows are kept in OpenSSL's initial
 * preference order, which is the order a single cipher-string rule adds a group in.
 */
public final class CipherTable {
    private static final Map<OpensslVersion, CipherTable> CACHE = new EnumMap<>(OpensslVersion.class);

    private final OpensslVersion version;
    private final String describedRelease;
    private final List<CipherSuite> legacy;
    private final List<CipherSuite> tls13;
    private final Map<String, CipherSuite> byName = new HashMap<>();
    private final Map<String, CipherSuite> byIana = new HashMap<>();

    private CipherTable(OpensslVersion version, String describedRelease, List<CipherSuite> legacy,
            List<CipherSuite> tls13) {
        this.version = version;
        this.describedRelease = describedRelease;
        this.legacy = List.copyOf(legacy);
        this.tls13 = List.copyOf(tls13);
        for (CipherSuite s : legacy) {
            byName.put(s.name(), s);
            byIana.put(s.ianaName(), s);
        }
        for (CipherSuite s : tls13) {
            byName.put(s.name(), s);
            byIana.put(s.ianaName(), s);
        }
    }

    public static CipherTable of(OpensslVersion version) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(version, CipherTable::load);
        }
    }

    public static CipherTable defaultTable() {
        return of(OpensslVersion.DEFAULT);
    }

    public OpensslVersion version() {
        return version;
    }

    /** The exact OpenSSL release the data was taken from, e.g. "3.0.22". */
    public String describedRelease() {
        return describedRelease;
    }

    /** SSLv3..TLS 1.2 suites in OpenSSL's initial preference order. */
    public List<CipherSuite> legacySuites() {
        return legacy;
    }

    /** TLS 1.3 suites the build knows (configured with Ciphersuites, not the cipher string). */
    public List<CipherSuite> tls13Suites() {
        return tls13;
    }

    /** OpenSSL's default TLS 1.3 Ciphersuites list, in order. */
    public List<CipherSuite> tls13Defaults() {
        List<CipherSuite> out = new ArrayList<>();
        for (CipherSuite s : tls13) {
            if (s.tls13Default()) {
                out.add(s);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public Optional<CipherSuite> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<CipherSuite> byIanaName(String name) {
        return Optional.ofNullable(byIana.get(name));
    }

    private static CipherTable load(OpensslVersion version) {
        String res = version.resource();
        try (InputStream in = CipherTable.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing cipher table resource " + res);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<CipherSuite> legacy = new ArrayList<>();
            List<CipherSuite> tls13 = new ArrayList<>();
            String release = version.label();
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    int at = line.indexOf("openssl_version=");
                    if (at >= 0) {
                        int end = line.indexOf(' ', at);
                        release = line.substring(at + 16, end < 0 ? line.length() : end);
                    }
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 11) {
                    throw new IllegalStateException(res + ":" + lineNo + ": expected 11 columns, got " + f.length);
                }
                TlsVersion v = TlsVersion.parse(f[3])
                        .orElseThrow(() -> new IllegalStateException("bad version " + f[3]));
                boolean fips = false;
                boolean notDefault = false;
                boolean t13def = false;
                CipherSuite.Strength strength = null;
                for (String flag : f[10].split(",")) {
                    switch (flag) {
                        case "FIPS" -> fips = true;
                        case "NOTDEFAULT" -> notDefault = true;
                        case "TLS13DEFAULT" -> t13def = true;
                        default -> strength = CipherSuite.Strength.valueOf(flag);
                    }
                }
                if (strength == null) {
                    throw new IllegalStateException(res + ":" + lineNo + ": no strength class");
                }
                boolean is13 = v == TlsVersion.TLSv1_3;
                CipherSuite s = new CipherSuite(f[0], f[1], Integer.parseInt(f[2].substring(2), 16), v, kx(f[4]),
                        au(f[5]), enc(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]), mac(f[9]), strength,
                        fips, notDefault, t13def, is13 ? -1 : legacy.size());
                (is13 ? tls13 : legacy).add(s);
            }
            return new CipherTable(version, release, legacy, tls13);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CipherSuite.Kx kx(String s) {
        return switch (s) {
            case "RSA" -> CipherSuite.Kx.RSA;
            case "DH" -> CipherSuite.Kx.DHE;
            case "ECDH" -> CipherSuite.Kx.ECDHE;
            case "PSK" -> CipherSuite.Kx.PSK;
            case "RSAPSK" -> CipherSuite.Kx.RSAPSK;
            case "DHEPSK" -> CipherSuite.Kx.DHEPSK;
            case "ECDHEPSK" -> CipherSuite.Kx.ECDHEPSK;
            case "SRP" -> CipherSuite.Kx.SRP;
            case "any" -> CipherSuite.Kx.ANY;
            default -> throw new IllegalStateException("unknown key exchange " + s);
        };
    }

    private static CipherSuite.Au au(String s) {
        return s.equals("any") ? CipherSuite.Au.ANY : CipherSuite.Au.valueOf(s);
    }

    private static CipherSuite.Enc enc(String s) {
        return switch (s) {
            case "eNULL" -> CipherSuite.Enc.NULL;
            case "3DES" -> CipherSuite.Enc.TRIPLE_DES;
            case "AESCCM8128" -> CipherSuite.Enc.AESCCM8_128;
            case "AESCCM8256" -> CipherSuite.Enc.AESCCM8_256;
            default -> CipherSuite.Enc.valueOf(s);
        };
    }

    private static CipherSuite.Mac mac(String s) {
        return CipherSuite.Mac.valueOf(s);
    }
}
