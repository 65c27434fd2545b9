package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS 1.3 Ciphersuites lists ({@link Tls13Suites}) against {@code openssl ciphers -ciphersuites LIST
 * kRSA+AESGCM} of each release: seeded lists of known names, unknown or mis-cased names, blanks and
 * empty elements, the same lists for every release. This is where 1.1.1 and 3.0 differ most: 1.1.1
 * rejects a list with any unknown name or empty element, 3.0 skips them.
 */
class Tls13SuitesDifferentialTest {
    static final String[] NAMES = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
        "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256"};
    static final String[] ODD = {"FOO", "AES128-SHA", "tls_aes_128_gcm_sha256", "TLS_AES_128_GCM_SHA256,X", " ", "",
        "TLS_AES_256_GCM_SHA384 ", "\tTLS_AES_128_CCM_SHA256", "ALL", "HIGH", "TLS_SM4_GCM_SM3"};

    static List<String> generate(Random r, int count) {
        List<String> out = new ArrayList<>(List.of("", ":", " ", "::", String.join(":", NAMES)));
        while (out.size() < count) {
            int n = 1 + r.nextInt(4);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append(r.nextInt(8) == 0 ? "::" : ":");
                }
                b.append(r.nextInt(4) == 0 ? ODD[r.nextInt(ODD.length)] : NAMES[r.nextInt(NAMES.length)]);
            }
            if (r.nextInt(10) == 0) {
                b.insert(0, ':');
            }
            if (r.nextInt(10) == 0) {
                b.append(':');
            }
            out.add(b.toString());
        }
        return out;
    }

    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void listsMatchOpenssl(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        List<String> lists = generate(new Random(Long.getLong("proxylint.tls.seed", 13L)), 300);
        List<List<String>> expected = OpensslRunner.ciphersuites(bin, lists, dir);
        CipherList base = CipherString.evaluate("kRSA+AESGCM", version);
        List<String> diffs = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < lists.size(); i++) {
            List<String> mine;
            try {
                mine = base.withTls13(Tls13Suites.parse(lists.get(i), version).suites()).opensslOrder();
            } catch (CipherStringException e) {
                mine = null;
            }
            if (expected.get(i) != null) {
                accepted++;
            }
            if (!Objects.equals(mine, expected.get(i))) {
                diffs.add("'" + lists.get(i) + "': proxylint " + mine + ", openssl " + expected.get(i));
            }
        }
        System.out.printf("ciphersuites differential (OpenSSL %s): %d lists, %d accepted, %d mismatches%n",
                version.label(), lists.size(), accepted, diffs.size());
        assertEquals(List.of(), diffs);
        assertTrue(accepted > 100 && lists.size() - accepted >= 10, "accepted " + accepted); // both outcomes exercised
    }
}
