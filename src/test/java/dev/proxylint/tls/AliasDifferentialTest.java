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
            strings.add("ALL:!" + a);
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
}
