package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Arbitrary input never escapes as anything but a CipherStringException, and results are consistent. */
class CipherStringRobustnessProperties {

    @Property(tries = 300)
    void anyStringEvaluatesOrIsRejected(
            @ForAll @StringLength(max = 80) @Chars({'A', 'E', 'S', 'k', 'R', 'a', 'N', 'U', 'L', '1', '2', '8', '-',
                    '+', '!', '@', ':', ',', ' ', ';', '#', '=', '.', '_', '\t'}) String s) {
        try {
            CipherList l = CipherString.evaluate(s);
            assertFalse(l.selected().isEmpty());
            for (CipherList.Selected sel : l.selected()) {
                CipherList.Token t = sel.addedBy();
                assertTrue(t.start() >= 0 && t.end() <= s.length() && t.start() < t.end(), "token in range");
            }
        } catch (CipherStringException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    @Property(tries = 200)
    void arbitraryUnicodeNeverCrashes(@ForAll @StringLength(max = 200) String s) {
        try {
            CipherString.evaluate(s);
        } catch (CipherStringException e) {
            assertTrue(e.offset() >= -1);
        }
    }

    @Example
    void hugeStringsStayFast() {
        StringBuilder b = new StringBuilder("ALL");
        for (int i = 0; i < 5000; i++) {
            b.append(':').append(i % 2 == 0 ? "-kRSA" : "kRSA");
        }
        long t0 = System.nanoTime();
        CipherList l = CipherString.evaluate(b.toString());
        assertTrue(l.contains("AES128-SHA"));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "10k rules over 155 suites took too long");
    }
}
