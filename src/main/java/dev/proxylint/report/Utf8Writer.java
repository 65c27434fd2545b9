package dev.proxylint.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 writer for reports. An {@code OutputStreamWriter} goes through a charset encoder
 * for every few thousand characters; a 20 MB fleet's text report is 97 MB and its SARIF 231 MB, and
 * that encoder was 0.4 s of the text one. This one copies text into a char block and encodes the
 * block in one loop (ASCII byte for byte). A surrogate pair split between two writes is joined; a
 * lone surrogate becomes {@code ?}, as the JDK's encoder writes it. {@link #flush} writes what is
 * gathered and flushes the stream; {@link #close} closes it.
 */
public final class Utf8Writer extends Writer {
    private static final int BLOCK = 1 << 14;
    private final OutputStream out;
    private final char[] chars = new char[BLOCK];
    private final byte[] bytes = new byte[BLOCK * 3 + 4];
    private int n;

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        if (n == BLOCK) {
            spill(false);
        }
        chars[n++] = (char) c;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        while (len > 0) {
            if (n == BLOCK) {
                spill(false);
            }
            int k = Math.min(len, BLOCK - n);
            System.arraycopy(cbuf, off, chars, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        while (len > 0) {
            if (n == BLOCK) {
                spill(false);
            }
            int k = Math.min(len, BLOCK - n);
            s.getChars(off, off + k, chars, n);
            n += k;
            off += k;
            len -= k;
        }
    }

    @Override
    public Writer append(CharSequence csq) throws IOException {
        String s = String.valueOf(csq);
        write(s, 0, s.length());
        return this;
    }

    /** Encodes and writes the block; a high surrogate at its end waits for its low half unless {@code all}. */
    private void spill(boolean all) throws IOException {
        int end = n;
        if (!all && end > 0 && Character.isHighSurrogate(chars[end - 1])) {
            end--;
        }
        int b = 0;
        for (int i = 0; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                bytes[b++] = (byte) c;
            } else if (c < 0x800) {
                bytes[b++] = (byte) (0xc0 | (c >> 6));
                bytes[b++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                bytes[b++] = (byte) (0xf0 | (cp >> 18));
                bytes[b++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                bytes[b++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                bytes[b++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                bytes[b++] = '?';
            } else {
                bytes[b++] = (byte) (0xe0 | (c >> 12));
                bytes[b++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[b++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        out.write(bytes, 0, b);
        if (end < n) {
            chars[0] = chars[end];
        }
        n -= end;
    }

    @Override
    public void flush() throws IOException {
        spill(true);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
