package dev.proxylint.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SourceFileTest {
    @Test
    void linesAndUtf16Columns() {
        SourceFile f = SourceFile.of("t.conf", "a b;\r\n\u00e9\uD83D\uDE00x;\nlast");
        assertEquals(3, f.lineCount());
        assertEquals(1, f.line(0));
        assertEquals(2, f.line(6));
        assertEquals(1, f.column(6));
        // the emoji is two UTF-16 code units, so 'x' sits at column 4
        assertEquals(4, f.column(f.text().indexOf('x')));
        assertEquals("a b;", f.lineText(1));
        assertEquals("last", f.lineText(3));
    }

    @Test
    void invalidUtf8KeepsEveryByte() {
        byte[] bytes = {'a', ' ', (byte) 0xff, (byte) 0xfe, ';', '\n'};
        SourceFile f = SourceFile.fromBytes(null, "bin.conf", bytes);
        assertEquals(StandardCharsets.ISO_8859_1, f.charset());
        assertEquals(6, f.text().length());
        assertTrue(java.util.Arrays.equals(bytes, f.text().getBytes(f.charset())));
    }

    @Test
    void bomIsRememberedAndNotText() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', ';'};
        SourceFile f = SourceFile.fromBytes(null, "bom.conf", bytes);
        assertTrue(f.hasBom());
        assertEquals("x;", f.text());
    }

    @Property
    void lineAndColumnRoundTrip(@ForAll String text) {
        SourceFile f = SourceFile.of("p", text);
        for (int i = 0; i <= text.length(); i++) {
            assertEquals(i, f.offset(f.line(i), f.column(i)));
        }
    }
}
