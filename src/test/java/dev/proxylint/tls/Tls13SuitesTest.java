package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TLS 1.3 Ciphersuites list: unit cases, and a differential test against
 * {@code openssl ciphers -ciphersuites LIST CIPHERSTRING} of each release (see {@link OpensslRunner};
 * {@link Tls13SuitesDifferentialTest} covers blanks and empty elements).
 */
class Tls13SuitesTest {
    static final CipherTable T = CipherTable.of(OpensslVersion.V3_0);

    static List<String> names(List<CipherSuite> ss) {
        return ss.stream().map(CipherSuite::name).toList();
    }

    @Test
    void tls13NamesInOrderBlanksTrimmedDuplicatesKept() {
        Tls13Suites.Result r = Tls13Suites.parse(" TLS_AES_128_CCM_8_SHA256 :TLS_AES_256_GCM_SHA384::TLS_AES_128_CCM_8_SHA256", T);
        assertEquals(List.of("TLS_AES_128_CCM_8_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_CCM_8_SHA256"),
                names(r.suites()));
        assertEquals(List.of(), r.unknown());
    }

    @Test
    void emptyIsAcceptedAndLeavesNoSuite() {
        Tls13Suites.Result r = Tls13Suites.parse("", T);
        assertTrue(r.suites().isEmpty() && r.tls12().isEmpty() && r.unknown().isEmpty());
    }

    @Test
    void blanksOnlyOrNoKnownNameIsRejected() {
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse(" ", T));
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse("TLS_FOO:tls_aes_128_gcm_sha256", T));
        // OpenSSL names are not IANA names
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse("AES128-SHA", T));
    }

    @Test
    void namesAreCaseSensitiveAndUnknownOnesAreSkipped() {
        Tls13Suites.Result r = Tls13Suites.parse("tls_aes_128_gcm_sha256:TLS_AES_256_GCM_SHA384:TLS_AES_256_GCM_SHA348", T);
        assertEquals(List.of("TLS_AES_256_GCM_SHA384"), names(r.suites()));
        assertEquals(List.of("tls_aes_128_gcm_sha256", "TLS_AES_256_GCM_SHA348"), r.unknown());
    }

    @Test
    void tls12IanaNamesAreAcceptedAndGoToTheTls12List() {
        Tls13Suites.Result r = Tls13Suites.parse("TLS_RSA_WITH_AES_128_CBC_SHA", T);
        assertEquals(List.of(), r.suites());
        assertEquals(List.of("AES128-SHA"), names(r.tls12()));
    }

    @Test
    void signallingAndUnavailableSuitesAreAcceptedButInert() {
        Tls13Suites.Result r = Tls13Suites.parse("TLS_FALLBACK_SCSV:TLS_RSA_WITH_IDEA_CBC_SHA", T);
        assertEquals(List.of("TLS_FALLBACK_SCSV", "TLS_RSA_WITH_IDEA_CBC_SHA"), r.inert());
        assertTrue(r.suites().isEmpty() && r.tls12().isEmpty());
    }

    @Test
    void openssl111AcceptsTls12NamesButRejectsUnknownOnes() {
        CipherTable t111 = CipherTable.of(OpensslVersion.V1_1_1);
        Tls13Suites.Result r = Tls13Suites.parse("TLS_RSA_WITH_AES_128_CBC_SHA:TLS_FALLBACK_SCSV", t111);
        assertEquals(List.of("AES128-SHA"), names(r.tls12()));
        assertEquals(List.of("TLS_FALLBACK_SCSV"), r.inert());
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse("TLS_AES_128_GCM_SHA256:TLS_FOO", t111));
    }

    // ------------------------------------------------------------------ differential

    static final long SEED = Long.getLong("proxylint.tls.seed", 20261125L);
    static final int COUNT = 300;

    /**
     * Seeded lists mixing TLS 1.3 names, IANA names of the release's TLS 1.2 suites, names it accepts
     * without offering a suite, and unknown names (mis-cased, typos, OpenSSL names, aliases), against
     * {@code openssl ciphers -ciphersuites LIST kRSA+AESGCM}: what comes before the cipher string's
     * suites is the list's contribution, TLS 1.3 suites and TLS 1.2 suites in the order given.
     */
    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void randomListsMatchOpenssl(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        CipherTable table = CipherTable.of(version);
        List<String> t13 = new ArrayList<>();
        List<String> unknown = new ArrayList<>(List.of("TLS_AES_256_GCM_SHA348", "TLS_FOO", "AES128-SHA", "DEFAULT",
                "TLS_AES_128_CCM_8_SHA25", "TLSv1.3", "ECDHE-RSA-AES128-GCM-SHA256"));
        for (CipherSuite s : table.tls13Suites()) {
            t13.add(s.ianaName());
            unknown.add(s.ianaName().toLowerCase(Locale.ROOT));
        }
        List<String> t12 = new ArrayList<>();
        for (CipherSuite s : table.legacySuites()) {
            t12.add(s.ianaName());
        }
        List<String> inert = new ArrayList<>(Tls13Suites.inert(version));
        inert.sort(null);
        List<List<String>> kinds = List.of(t13, t13, t13, unknown, unknown, t12, t12, inert);
        Random r = new Random(SEED);
        List<String> lists = new ArrayList<>(List.of("", " ", "TLS_FOO", "TLS_FALLBACK_SCSV", ":",
                "TLS_AES_128_GCM_SHA256 ", "TLS_RSA_WITH_AES_128_CBC_SHA"));
        String[] seps = {":", ":", ":", " : ", "::"};
        while (lists.size() < COUNT) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append(seps[r.nextInt(seps.length)]);
                }
                List<String> kind = kinds.get(r.nextInt(kinds.size()));
                b.append(kind.get(r.nextInt(kind.size())));
            }
            lists.add(b.toString());
        }
        List<List<String>> theirs = OpensslRunner.ciphersuites(bin, lists, dir);
        List<String> tail = theirs.get(0); // the empty list: the cipher string alone
        List<String> mismatches = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < lists.size(); i++) {
            List<String> mine;
            try {
                Tls13Suites.Result res = Tls13Suites.parse(lists.get(i), table);
                mine = new ArrayList<>(names(res.suites()));
                mine.add("|");
                mine.addAll(names(res.tls12()));
            } catch (CipherStringException e) {
                mine = null;
            }
            List<String> expected = null;
            if (theirs.get(i) == null) {
                rejected++;
            } else {
                List<String> all = theirs.get(i);
                assertEquals(tail, all.subList(all.size() - tail.size(), all.size()), "tail of " + lists.get(i));
                expected = new ArrayList<>();
                List<String> twelve = new ArrayList<>();
                for (String x : all.subList(0, all.size() - tail.size())) {
                    if (table.byName(x).map(CipherSuite::tls13).orElse(false)) {
                        expected.add(x);
                    } else if (table.byName(x).isPresent()) {
                        twelve.add(x);
                    } else {
                        // accepted without a usable suite: the signalling suites (both releases print
                        // them), and 1.1.1 also prints the GOST suites it has no engine for
                        assertTrue(Tls13Suites.inert(version).contains(x) || x.startsWith("GOST2001-"),
                                "openssl listed " + x + " for '" + lists.get(i) + "'");
                    }
                }
                expected.add("|");
                expected.addAll(twelve);
            }
            if (!Objects.equals(mine, expected)) {
                mismatches.add("'" + lists.get(i) + "'\n  proxylint: " + mine + "\n  openssl:   " + expected);
            }
        }
        System.out.printf("TLS 1.3 list differential (OpenSSL %s, TLS 1.2 and inert names included): %d lists "
                + "(seed %d), %d rejected by openssl, %d mismatches%n", version.label(), lists.size(), SEED, rejected,
                mismatches.size());
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
        assertTrue(rejected > 10 && rejected < COUNT - 50, "rejected " + rejected);
    }
}
