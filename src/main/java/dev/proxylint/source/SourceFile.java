package dev.proxylint.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One configuration file as read from disk (or stdin): its display name, the decoded text and a
 * line index. Text is decoded as UTF-8; a file that is not valid UTF-8 is decoded as ISO-8859-1 so
 * that every byte survives and can be written back unchanged ({@link #charset()}).
 *
 * <p>Offsets are indexes into {@link #text()} (UTF-16 code units). Lines and columns are 1-based;
 * columns count UTF-16 code units, as SARIF's {@code utf16CodeUnits} column kind does.
 */
public final class SourceFile {
    private final Path path;
    private final String name;
    private final String text;
    private final Charset charset;
    private final boolean bom;
    private final int[] lineStarts;

    private SourceFile(Path path, String name, String text, Charset charset, boolean bom) {
        this.path = path;
        this.name = name;
        this.text = text;
        this.charset = charset;
        this.bom = bom;
        this.lineStarts = indexLines(text);
    }

    /** Default largest file read: far above any real config, small enough that a stray include of a huge file is cheap. */
    private volatile String eol;

    public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

    private static volatile long maxFileBytes = DEFAULT_MAX_FILE_BYTES;

    /** Sets the largest file {@link #read} accepts (from {@code --max-file-size}). */
    public static void maxFileBytes(long max) {
        maxFileBytes = max;
    }

    public static long maxFileBytes() {
        return maxFileBytes;
    }

    /**
     * Reads a file from disk. Only regular files are read (a device, FIFO or socket is refused before it
     * is opened, so that a read can never block or run forever), and never more than
     * {@link #maxFileBytes()} bytes, whatever size the file system reports ({@code /proc} files say 0).
     *
     * @throws FileSystemException with a one-line reason for a non-regular or oversized file
     */
    public static SourceFile read(Path path) throws IOException {
        return fromBytes(path, path.toString(), readBounded(path, maxFileBytes));
    }

    /** The bytes of a regular file, at most {@code max} of them (else a {@link FileSystemException}). */
    public static byte[] readBounded(Path path, long max) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new FileSystemException(path.toString(), null, attrs.isDirectory() ? "is a directory"
                    : "not a regular file: a device, FIFO or socket is never read");
        }
        if (attrs.size() > max) {
            throw new FileSystemException(path.toString(), null, "larger than the limit of " + max + " bytes: "
                    + attrs.size() + " bytes, see --max-file-size");
        }
        // Read into an array of the size the file system reports, so that the common file costs one
        // array (readNBytes allocated 8 KiB chunks and a copy: 170 MB of garbage for a tree of 20,000
        // small files). The size is only a hint: a file that grew, or a /proc file that says 0, is
        // read on to its end, never beyond max.
        long limit = Math.min(max, Integer.MAX_VALUE - 16L);
        try (InputStream in = new java.io.FileInputStream(path.toFile())) {
            byte[] buf = new byte[(int) Math.min(attrs.size(), limit)];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    int b = in.read(); // full: one more byte tells whether the file goes on
                    if (b < 0) {
                        return buf;
                    }
                    if (n + 1L > limit) {
                        throw new FileSystemException(path.toString(), null, "larger than the limit of " + max
                                + " bytes, see --max-file-size");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(8192L, 2L * buf.length)));
                    buf[n++] = (byte) b;
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buf, n);
                }
                n += r;
            }
        }
    }

    /** A file with a given name whose bytes came from elsewhere (stdin, a dump, a test). */
    public static SourceFile fromBytes(Path path, String name, byte[] bytes) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF;
        int off = bom ? 3 : 0;
        if (ascii(bytes, off)) {
            // the common case: plain ASCII is valid UTF-8 and decodes by a straight copy
            return new SourceFile(path, name, new String(bytes, off, bytes.length - off, StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8, bom);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, bytes.length - off))
                    .toString();
            return new SourceFile(path, name, text, StandardCharsets.UTF_8, bom);
        } catch (CharacterCodingException e) {
            String text = new String(bytes, off, bytes.length - off, StandardCharsets.ISO_8859_1);
            return new SourceFile(path, name, text, StandardCharsets.ISO_8859_1, bom);
        }
    }

    private static boolean ascii(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** An in-memory file, for tests and generated text. */
    public static SourceFile of(String name, String text) {
        return new SourceFile(null, name, text, StandardCharsets.UTF_8, false);
    }

    public static SourceFile of(Path path, String text) {
        return new SourceFile(path, path.toString(), text, StandardCharsets.UTF_8, false);
    }

    private static int[] indexLines(String text) {
        int[] starts = new int[Math.max(16, text.length() / 32)];
        int n = 0;
        starts[n++] = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = i + 1;
        }
        return Arrays.copyOf(starts, n);
    }

    /** The path on disk, or null for stdin and in-memory files. */
    public Path path() {
        return path;
    }

    /** The name shown to users (the path as given, or the stdin file name). */
    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /**
     * The line break that edits should write: {@code \r\n} when the file uses it anywhere, else
     * {@code \n}. Looked up once per file.
     */
    public String eol() {
        String e = eol;
        if (e == null) {
            e = text.contains("\r\n") ? "\r\n" : "\n";
            eol = e;
        }
        return e;
    }

    /** The spaces and tabs that start the line holding an offset. */
    public String indentAt(int offset) {
        int ls = lineStart(line(offset));
        int i = ls;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(ls, i);
    }

    public Charset charset() {
        return charset;
    }

    /** Whether the file started with a UTF-8 byte-order mark (not part of {@link #text()}). */
    public boolean hasBom() {
        return bom;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** 1-based line of an offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column (UTF-16 code units) of an offset. */
    public int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** Offset of the first character of a 1-based line. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** Offset just past the last character of a 1-based line, before its line break. */
    public int lineEnd(int line) {
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > lineStart(line) && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** The text of a 1-based line without its line break. */
    public String lineText(int line) {
        return text.substring(lineStart(line), lineEnd(line));
    }

    /** Offset of a 1-based line and column. */
    public int offset(int line, int column) {
        return lineStarts[line - 1] + column - 1;
    }

    public Span span(int start, int end) {
        return new Span(this, start, end);
    }

    @Override
    public String toString() {
        return name;
    }
}
