package dev.proxylint.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SourceFileTest {
    @Test
    void readBoundedReadsWholeFilesOfEverySizeAndRefusesLargerOnes(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        for (int size : new int[] {0, 1, 100, 8191, 8192, 8193, 70_000}) {
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) ('a' + i % 26);
            }
            Path f = Files.write(dir.resolve("f" + size), bytes);
            assertArrayEquals(bytes, SourceFile.readBounded(f, 70_000), "size " + size);
        }
        Path big = Files.write(dir.resolve("big"), new byte[1001]);
        assertArrayEquals(new byte[1000], SourceFile.readBounded(Files.write(dir.resolve("edge"), new byte[1000]), 1000));
        FileSystemException e = assertThrows(FileSystemException.class, () -> SourceFile.readBounded(big, 1000));
        assertTrue(e.getReason().startsWith("larger than the limit of 1000 bytes"), e.getReason());
        assertEquals("is a directory", assertThrows(FileSystemException.class,
                () -> SourceFile.readBounded(dir, 1000)).getReason());
    }

    @Test
    void readBoundedReadsAFileWhoseReportedSizeIsZero() throws Exception {
        // /proc files report size 0 and still have content: the size is a hint, not the end
        Path status = Path.of("/proc/self/status");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(status) && Files.size(status) == 0,
                "needs Linux /proc");
        byte[] b = SourceFile.readBounded(status, 1 << 20);
        assertTrue(new String(b, StandardCharsets.ISO_8859_1).startsWith("Name:"), new String(b, StandardCharsets.ISO_8859_1));
        FileSystemException e = assertThrows(FileSystemException.class, () -> SourceFile.readBounded(status, 10));
        assertTrue(e.getReason().startsWith("larger than the limit of 10 bytes"), e.getReason());
    }

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
