package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every alias alone, negated after ALL, moved with '+', and strength-sorted, and every suite name of
 * the release's table, against each release's openssl (3.0 and 1.1.1, see {@link OpensslRunner}).
 */
class AliasDifferentialTest {
    /** Names from older ciphers(1) pages and other releases, swept here only (not in the random strings). */
    static final String[] EXTRA_ALIASES = {"kECDHr", "kECDHe", "kDHd", "aDH", "aGOST", "aGOST01", "aGOST12", "kGOST",
        "kGOST18", "GOST94", "GOST89MAC", "GOST12", "SSLv2", "TLSv1.3", "DHEPSK", "ECDHEPSK", "RSAPSK", "CHACHA20-POLY1305",
        "SUITEB128ONLY", "SUITEB128C2", "SUITEB192", "COMPLEMENTOFALL+HIGH", "KRB5", "aKRB5", "kKRB5", "EXPORT40",
        "EXPORT56", "eFZA", "aFZA", "kFZA", "SEED", "CAMELLIA", "AESCCM8"};
    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void eachAliasMatchesOpenssl(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        List<String> strings = new ArrayList<>();
        List<String> aliases = new ArrayList<>(List.of(CipherStringDifferentialTest.ALIASES));
        aliases.addAll(List.of(EXTRA_ALIASES));
        for (String a : aliases) {
            strings.add(a);
            strings.add(a + ":@SECLEVEL=0:@STRENGTH");
            strings.add("ALL:COMPLEMENTOFALL:-" + a + ":" + a);
            strings.add("ALL:+" + a);
        }
        for (CipherSuite s : CipherTable.of(version).legacySuites()) {
            strings.add("ALL:+" + s.name() + ":-" + s.name() + ":" + s.name().replace('-', '-'));
        }
        List<List<String>> expected = OpensslRunner.ciphers(bin, strings, dir, 2);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < strings.size(); i++) {
            List<String> mine;
            try {
                mine = CipherString.evaluate(strings.get(i), version).opensslOrder();
            } catch (CipherStringException e) {
                mine = null;
            }
            if (!java.util.Objects.equals(mine, expected.get(i))) {
                diffs.add(strings.get(i));
            }
        }
        System.out.printf("alias differential (OpenSSL %s): %d strings, %d mismatches%n", version.label(),
                strings.size(), diffs.size());
        assertEquals(List.of(), diffs);
    }

    /**
     * '+' combinations of aliases and names (mask intersection is the subtle part), seeded; the same
     * strings (from the default table's names) for every release.
     */
    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void combinationsMatchOpenssl(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        java.util.Random r = new java.util.Random(Long.getLong("proxylint.tls.seed", 7L));
        List<CipherSuite> suites = CipherTable.defaultTable().legacySuites();
        String[] a = CipherStringDifferentialTest.ALIASES;
        List<String> strings = new ArrayList<>();
        String[] prefixes = {"", "ALL:COMPLEMENTOFALL:-", "ALL:+", "ALL:COMPLEMENTOFALL:!", "HIGH:-"};
        while (strings.size() < 250) {
            int words = 2 + r.nextInt(2);
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    b.append('+');
                }
                b.append(r.nextInt(3) == 0 ? suites.get(r.nextInt(suites.size())).name() : a[r.nextInt(a.length)]);
            }
            String item = b.toString();
            String prefix = prefixes[r.nextInt(prefixes.length)];
            strings.add(prefix + item + (prefix.endsWith("-") ? ":" + item : ""));
        }
        List<List<String>> expected = OpensslRunner.ciphers(bin, strings, dir, 2);
        List<String> diffs = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < strings.size(); i++) {
            List<String> mine;
            try {
                mine = CipherString.evaluate(strings.get(i), version).opensslOrder();
            } catch (CipherStringException e) {
                mine = null;
            }
            if (expected.get(i) != null) {
                accepted++;
            }
            if (!java.util.Objects.equals(mine, expected.get(i))) {
                diffs.add(strings.get(i));
            }
        }
        System.out.printf("combination differential (OpenSSL %s): %d strings, %d accepted, %d mismatches%n",
                version.label(), strings.size(), accepted, diffs.size());
        assertEquals(List.of(), diffs);
    }
}
