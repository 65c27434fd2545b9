package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Differential test: seeded random cipher strings, evaluated by proxylint with each release's table
 * and by that release's {@code openssl ciphers} (OPENSSL_CONF=/dev/null, see {@link OpensslRunner}):
 * the machine's OpenSSL 3.0 and Debian 11's OpenSSL 1.1.1. Both get the same strings (generated from
 * the default table's names, same seed); outputs must be identical suite for suite and in order, and
 * rejections must coincide.
 */
class CipherStringDifferentialTest {
    static final int COUNT = 1000;
    static final long SEED = Long.getLong("proxylint.tls.seed", 20261125L);

    static final String[] ALIASES = {
        "ALL", "COMPLEMENTOFALL", "DEFAULT", "COMPLEMENTOFDEFAULT", "HIGH", "MEDIUM", "LOW", "FIPS", "eNULL",
        "NULL", "aNULL", "kRSA", "RSA", "aRSA", "kECDHE", "ECDHE", "EECDH", "kEECDH", "ECDH", "AECDH", "kDHE",
        "kEDH", "DHE", "EDH", "DH", "ADH", "aECDSA", "ECDSA", "aDSS", "DSS", "PSK", "kPSK", "kRSAPSK", "kDHEPSK",
        "kECDHEPSK", "aPSK", "SRP", "kSRP", "aSRP", "AES", "AES128", "AES256", "AESGCM", "AESCCM", "AESCCM8",
        "CHACHA20", "CAMELLIA", "CAMELLIA128", "CAMELLIA256", "ARIA", "ARIA128", "ARIA256", "ARIAGCM", "3DES",
        "DES", "RC4", "RC2", "IDEA", "SEED", "MD5", "SHA1", "SHA", "SHA256", "SHA384", "SSLv3", "TLSv1",
        "TLSv1.0", "TLSv1.2", "CBC", "EXP", "EXPORT", "SUITEB128", "kECDH", "aECDH", "kDHr", "TLSv1.1",
        "FOO", "all", "high",
    };
    /** Malformed or unusual items: rejected strings, items glued without separators, specials with tails. */
    static final String[] ODD = {"@FOO", "#", "-", "kRSA+", "!!kRSA", "@SECLEVEL=7", "HIGH#x", "kRSA!aNULL",
        "HIGH@STRENGTH", "aRSA-kRSA", "FOO#bar", "@STRENGTH+kRSA", "@SECLEVEL=1x", "AES128-SHA+AES256-SHA",
        "kRSA+FOO+#", "eNULL+aNULL", "ECDHE+AESGCM+", "+", "SUITEB128", "ALL!eNULL+kRSA", "a_b", "_"};
    static final String[] EXTRA_NAMES = {"DES-CBC3-SHA", "RC4-SHA", "IDEA-CBC-SHA", "SEED-SHA", "EXP-RC4-MD5",
        "TLS_AES_128_GCM_SHA256"};

    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void randomStringsMatchOpenssl(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        CipherTable table = CipherTable.of(version);
        List<String> strings = generate(CipherTable.defaultTable(), new Random(SEED), COUNT);
        List<List<String>> expected = OpensslRunner.ciphers(bin, strings, dir, 2);
        List<String> mismatches = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            List<String> mine;
            try {
                mine = CipherString.evaluate(s, table).opensslOrder();
            } catch (CipherStringException e) {
                mine = null;
            }
            List<String> theirs = expected.get(i);
            if (theirs != null) {
                accepted++;
            }
            if (!java.util.Objects.equals(mine, theirs)) {
                mismatches.add("'" + s + "'\n  proxylint: " + mine + "\n  openssl:   " + theirs);
            }
        }
        System.out.printf("cipher-string differential (OpenSSL %s): %d strings (seed %d), %d accepted, %d rejected"
                + " by openssl, %d mismatches%n", version.label(), strings.size(), SEED, accepted,
                strings.size() - accepted, mismatches.size());
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + strings.size() + " strings differ:\n"
                + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
        // the generator must exercise both outcomes substantially
        assertTrue(accepted > COUNT / 2, "accepted " + accepted);
        assertTrue(COUNT - accepted > 50, "rejected " + (COUNT - accepted));
    }

    static List<String> generate(CipherTable table, Random r, int count) {
        List<String> names = new ArrayList<>();
        for (CipherSuite s : table.legacySuites()) {
            names.add(s.name());
        }
        List<String> out = new ArrayList<>();
        String[] seps = {":", ":", ":", ",", " ", ";", "::", ": "};
        while (out.size() < count) {
            StringBuilder b = new StringBuilder();
            if (r.nextInt(6) == 0) {
                b.append("DEFAULT");
            }
            int items = 1 + r.nextInt(7);
            for (int k = 0; k < items; k++) {
                if (b.length() > 0) {
                    b.append(seps[r.nextInt(seps.length)]);
                }
                int kind = r.nextInt(100);
                if (kind < 6) {
                    b.append("@STRENGTH");
                    continue;
                }
                if (kind < 10) {
                    b.append("@SECLEVEL=").append(r.nextInt(3));
                    continue;
                }
                if (kind < 13) {
                    b.append(ODD[r.nextInt(ODD.length)]);
                    continue;
                }
                int op = r.nextInt(10);
                if (op < 2) {
                    b.append('-');
                } else if (op < 4) {
                    b.append('!');
                } else if (op < 5) {
                    b.append('+');
                }
                int words = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
                for (int w = 0; w < words; w++) {
                    if (w > 0) {
                        b.append('+');
                    }
                    int src = r.nextInt(10);
                    if (src < 6) {
                        b.append(ALIASES[r.nextInt(ALIASES.length)]);
                    } else if (src < 9) {
                        b.append(names.get(r.nextInt(names.size())));
                    } else {
                        b.append(EXTRA_NAMES[r.nextInt(EXTRA_NAMES.length)]);
                    }
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void generatorIsDeterministic() {
        CipherTable t = CipherTable.defaultTable();
        assertEquals(generate(t, new Random(SEED), 50), generate(t, new Random(SEED), 50));
    }
}
