package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every alias alone, negated after ALL, moved with '+', and strength-sorted, against openssl. */
class AliasDifferentialTest {
    @Test
    void eachAliasMatchesOpenssl(@TempDir Path dir) throws Exception {
        OpensslRunner.requireOpenssl();
        List<String> strings = new ArrayList<>();
        for (String a : CipherStringDifferentialTest.ALIASES) {
            strings.add(a);
            strings.add(a + ":@SECLEVEL=0:@STRENGTH");
            strings.add("ALL:COMPLEMENTOFALL:-" + a + ":" + a);
            strings.add("ALL:+" + a);
        }
        for (CipherSuite s : CipherTable.defaultTable().legacySuites()) {
            strings.add("ALL:+" + s.name() + ":-" + s.name() + ":" + s.name().replace('-', '-'));
        }
        List<List<String>> expected = OpensslRunner.ciphers(strings, dir, 2);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < strings.size(); i++) {
            List<String> mine;
            try {
                mine = CipherString.evaluate(strings.get(i)).opensslOrder();
            } catch (CipherStringException e) {
                mine = null;
            }
            if (!java.util.Objects.equals(mine, expected.get(i))) {
                diffs.add(strings.get(i));
            }
        }
        assertEquals(List.of(), diffs);
    }

    /** '+' combinations of aliases and names (mask intersection is the subtle part), seeded. */
    @Test
    void combinationsMatchOpenssl(@TempDir Path dir) throws Exception {
        OpensslRunner.requireOpenssl();
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
        List<List<String>> expected = OpensslRunner.ciphers(strings, dir, 2);
        List<String> diffs = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < strings.size(); i++) {
            List<String> mine;
            try {
                mine = CipherString.evaluate(strings.get(i)).opensslOrder();
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
        System.out.printf("combination differential: %d strings, %d accepted, %d mismatches%n", strings.size(),
                accepted, diffs.size());
        assertEquals(List.of(), diffs);
    }
}
