package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CipherTableTest {
    @Test
    void tableIsWellFormed() {
        CipherTable t = CipherTable.defaultTable();
        assertEquals(155, t.legacySuites().size());
        assertEquals(5, t.tls13Suites().size());
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (CipherSuite s : t.legacySuites()) {
            assertTrue(ids.add(s.id()), "duplicate id " + s);
            assertTrue(names.add(s.name()), "duplicate name " + s);
            assertEquals(s, t.byIanaName(s.ianaName()).orElseThrow());
            assertEquals(s.enc() == CipherSuite.Enc.NULL, s.bits() == 0, s.name());
        }
        for (int i = 0; i < t.legacySuites().size(); i++) {
            assertEquals(i, t.legacySuites().get(i).preference());
        }
        CipherSuite s = t.byName("ECDHE-RSA-AES128-GCM-SHA256").orElseThrow();
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", s.ianaName());
        assertEquals(0xC02F, s.id());
        assertEquals(CipherSuite.Kx.ECDHE, s.kx());
        assertEquals(CipherSuite.Au.RSA, s.au());
        assertEquals(CipherSuite.Enc.AESGCM128, s.enc());
        assertEquals(CipherSuite.Mac.AEAD, s.mac());
        assertEquals(TlsVersion.TLSv1_2, s.minVersion());
        assertTrue(s.fips());
        assertEquals(3, t.tls13Defaults().size());
    }

    /** The 1.1.1 table: the 3.0 rows plus Debian's four SEED suites, MEDIUM and outside DEFAULT. */
    @Test
    void table111HasSeedAndNoTripleDes() {
        CipherTable t = CipherTable.of(OpensslVersion.V1_1_1);
        assertEquals(159, t.legacySuites().size());
        assertEquals(5, t.tls13Suites().size());
        for (String n : List.of("SEED-SHA", "DHE-RSA-SEED-SHA", "DHE-DSS-SEED-SHA", "ADH-SEED-SHA")) {
            CipherSuite s = t.byName(n).orElseThrow();
            assertEquals(CipherSuite.Strength.MEDIUM, s.strength(), n);
            assertTrue(s.notDefault(), n);
            assertEquals(CipherSuite.Enc.SEED, s.enc(), n);
            assertTrue(CipherTable.defaultTable().byName(n).isEmpty(), n);
        }
        assertTrue(t.byName("DES-CBC3-SHA").isEmpty());
        List<String> without = new ArrayList<>();
        for (CipherSuite s : t.legacySuites()) {
            if (s.enc() != CipherSuite.Enc.SEED) {
                without.add(s.name());
            }
        }
        assertEquals(CipherTable.defaultTable().legacySuites().stream().map(CipherSuite::name).toList(), without);
        assertEquals(CipherTable.defaultTable().tls13Defaults(), t.tls13Defaults());
    }

    /** The data file agrees with the binary: id, IANA name and version of every suite it knows. */
    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void tableMatchesOpensslBinary(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        ProcessBuilder pb = bin.process("ciphers", "-V", "-stdname", "-ciphersuites",
                "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:"
                        + "TLS_AES_128_CCM_8_SHA256",
                "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
        pb.redirectErrorStream(true);
        Path out = dir.resolve("v.txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl timed out");
        assertEquals(0, p.exitValue());
        List<String> rows = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            // 0x13,0x02 - IANA - NAME VERSION Kx= Au= Enc= Mac=
            rows.add(f[0] + " " + f[2] + " " + f[4] + " " + f[5]);
        }
        CipherTable t = CipherTable.of(version);
        List<String> mine = new ArrayList<>();
        List<CipherSuite> all = new ArrayList<>(t.tls13Suites());
        all.addAll(CipherString.evaluate("ALL:COMPLEMENTOFALL", version).suites());
        for (CipherSuite s : all) {
            mine.add(String.format("0x%02X,0x%02X", s.id() >> 8, s.id() & 0xff) + " " + s.ianaName() + " " + s.name()
                    + " " + s.minVersion().label());
        }
        assertEquals(rows, mine);
        assertEquals(t.legacySuites().size() + t.tls13Suites().size(), rows.size());
    }
}
