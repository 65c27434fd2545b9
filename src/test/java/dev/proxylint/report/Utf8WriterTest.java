package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Utf8WriterTest {
    /** What the JDK's own encoder writes for the same pieces: the oracle. */
    private static byte[] jdk(List<String> pieces) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(b, StandardCharsets.UTF_8)) {
            for (String p : pieces) {
                w.write(p);
            }
        }
        return b.toByteArray();
    }

    private static byte[] ours(List<String> pieces, int how) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Utf8Writer w = new Utf8Writer(b)) {
            for (String p : pieces) {
                switch (how % 3) {
                    case 0 -> w.write(p);
                    case 1 -> w.write(p.toCharArray(), 0, p.length());
                    default -> {
                        for (int i = 0; i < p.length(); i++) {
                            w.write(p.charAt(i));
                        }
                    }
                }
                how++;
            }
        }
        return b.toByteArray();
    }

    @Property(tries = 300)
    void writesWhatTheJdkEncoderWrites(@ForAll("pieces") List<String> pieces, @ForAll int how) throws IOException {
        assertArrayEquals(jdk(pieces), ours(pieces, Math.floorMod(how, 3)));
    }

    @Provide
    Arbitrary<List<String>> pieces() {
        // ASCII, Latin-1, BMP, astral (surrogate pairs) and lone surrogates; long enough to cross blocks
        Arbitrary<Character> c = Arbitraries.oneOf(Arbitraries.chars().range(' ', '~'), Arbitraries.chars().range('\u00a0', '\u00ff'),
                Arbitraries.chars().range('\u0100', '\ud7ff'), Arbitraries.chars().range('\ud800', '\udfff'),
                Arbitraries.chars().range('\ue000', '\uffff'));
        Arbitrary<String> s = Arbitraries.oneOf(c.list().ofMaxSize(40).map(Utf8WriterTest::join),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(16_000).ofMaxLength(40_000),
                Arbitraries.just("\ud83d\ude00"), Arbitraries.just("\ud83d"), Arbitraries.just("\ude00"));
        return s.list().ofMaxSize(12);
    }

    private static String join(List<Character> cs) {
        StringBuilder sb = new StringBuilder();
        cs.forEach(sb::append);
        return sb.toString();
    }

    @Test
    void aPairSplitAtTheBlockEdgeStaysOneCharacter() throws IOException {
        String before = "x".repeat((1 << 14) - 1);
        List<String> pieces = List.of(before + "\ud83d", "\ude00 end");
        byte[] got = ours(pieces, 0);
        assertArrayEquals(jdk(pieces), got);
        String back = new String(got, StandardCharsets.UTF_8);
        assertTrue(back.endsWith("\ud83d\ude00 end"), "the emoji survives the block edge");
        assertEquals(before.length() + 6, back.length());
    }

    @Test
    void flushWritesEverythingGathered() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Utf8Writer w = new Utf8Writer(b);
        w.write("caf\u00e9 \u2192 ok");
        assertEquals(0, b.size(), "gathered, not written yet");
        w.flush();
        assertEquals("caf\u00e9 \u2192 ok", b.toString(StandardCharsets.UTF_8));
    }
}
