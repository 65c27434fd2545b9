package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineHashTest {
    /**
     * Expected values published in github/codeql-action's own test suite (src/fingerprints.test.ts),
     * i.e. computed by GitHub's implementation, not by ours.
     */
    @Test
    void matchesGithubsPublishedVectors() {
        assertArrayEquals(new String[] {"c129715d7a2bc9a3:1"}, LineHash.compute(""));
        assertArrayEquals(new String[] {"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
            "a23a3dc5e078b07b:1"}, LineHash.compute(" a\nb\n  \t\tc\n d"));
        assertArrayEquals(new String[] {"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1",
            "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"},
                LineHash.compute(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"));
        String[] withFinalNewline = {"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"};
        assertArrayEquals(withFinalNewline, LineHash.compute(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"));
        assertArrayEquals(withFinalNewline, LineHash.compute(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r"));
        assertArrayEquals(withFinalNewline,
                LineHash.compute(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"));
        assertArrayEquals(withFinalNewline, LineHash.compute(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n"));
        assertArrayEquals(new String[] {"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
            "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1",
            "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"},
                LineHash.compute("Lorem ipsum dolor sit amet.\n".repeat(10)));
    }

    /**
     * A second, deliberately different implementation: normalise the whole text first, then for
     * each line evaluate the polynomial sum(c_i * 37^(99-i)) over the 100 codes from the line's
     * start directly with BigInteger modulo 2^64 (no rolling window).
     */
    static String[] direct(String text) {
        // normalise: CRLF -> CR (a CR followed by LF counts once), drop blanks, CR -> LF, add EOF
        List<Integer> codes = new ArrayList<>();
        List<Integer> lineStarts = new ArrayList<>();
        boolean atLineStart = true;
        boolean lastWasCr = false;
        for (int i = 0; i <= text.length(); i++) {
            int c = i < text.length() ? text.charAt(i) : 65535;
            boolean skip = c == ' ' || c == '\t' || (lastWasCr && c == '\n');
            lastWasCr = !skip && c == '\r';
            if (skip) {
                continue;
            }
            if (c == '\r') {
                c = '\n';
            }
            if (atLineStart) {
                lineStarts.add(codes.size());
            }
            atLineStart = c == '\n';
            codes.add(c);
        }
        BigInteger mod = BigInteger.ONE.shiftLeft(64);
        BigInteger b37 = BigInteger.valueOf(37);
        Map<String, Integer> seen = new HashMap<>();
        String[] out = new String[lineStarts.size()];
        for (int l = 0; l < lineStarts.size(); l++) {
            BigInteger sum = BigInteger.ZERO;
            for (int k = 0; k < 100; k++) {
                int p = lineStarts.get(l) + k;
                int c = p < codes.size() ? codes.get(p) : 0;
                sum = sum.add(BigInteger.valueOf(c).multiply(b37.pow(99 - k)));
            }
            String hex = sum.mod(mod).toString(16);
            int n = seen.merge(hex, 1, Integer::sum);
            out[l] = hex + ":" + n;
        }
        return out;
    }

    @Test
    void agreesWithADirectPolynomialEvaluation() {
        Random rnd = new Random(42);
        String alphabet = "ab \t\r\n;{}日\uD83D\uDE00x";
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(400);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertArrayEquals(direct(s), LineHash.compute(s), () -> "text: " + s.replace("\r", "\\r").replace("\n", "\\n"));
        }
        assertArrayEquals(direct(Fixtures.NGINX_TEXT), LineHash.compute(Fixtures.NGINX));
    }

    @Test
    void aByteOrderMarkIsPartOfTheHashedText() {
        var withBom = dev.proxylint.source.SourceFile.fromBytes(null, "x",
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n'});
        assertEquals(direct("\uFEFFa\n")[0], LineHash.compute(withBom)[0]);
    }
}
