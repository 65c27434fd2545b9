package dev.proxylint.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.proxylint.source.SourceFile;
import org.junit.jupiter.api.Test;

class ArgTest {
    @Test
    void equalValuesAreOneStringAndRawStaysTheSourceText() {
        SourceFile f = SourceFile.of("t.conf", "on on \"on\" o\\n");
        Arg a = Arg.plain(f, 0, 2);
        Arg b = Arg.plain(f, 3, 5);
        Arg quoted = new Arg(f, 6, 10, "on", Quote.DOUBLE);
        Arg escaped = new Arg(f, 11, 14, "on", Quote.NONE);
        assertSame(a.value(), b.value());
        assertSame(a.value(), quoted.value());
        assertEquals("on", a.raw());
        assertEquals("\"on\"", quoted.raw());
        assertEquals("o\\n", escaped.raw());
        assertEquals("on", escaped.value());
    }

    @Test
    void aSubstitutedValueOfTheSameLengthKeepsItsRawText() {
        // Apache ${A} -> "abcd": same length as the raw text, different characters
        SourceFile f = SourceFile.of("t.conf", "${A}");
        Arg a = new Arg(f, 0, 4, "abcd", Quote.NONE);
        assertEquals("abcd", a.value());
        assertEquals("${A}", a.raw());
    }

    @Test
    void longValuesAreCutFromTheSourceWhenAskedFor() {
        String code = "x".repeat(Interner.MAX_LENGTH + 10);
        SourceFile f = SourceFile.of("t.conf", code + " " + code);
        Arg a = Arg.plain(f, 0, code.length());
        Arg b = Arg.plain(f, code.length() + 1, 2 * code.length() + 1);
        assertEquals(code, a.value());
        assertEquals(code, b.raw());
        assertNotSame(a.value(), b.value());
    }
}
