package dev.proxylint.nginx;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * An ANTLR character stream over a Java string that counts UTF-16 code units, so token offsets
 * are offsets into {@link dev.proxylint.source.SourceFile#text()} directly, and nothing is copied.
 */
final class StringCharStream implements CharStream {
    private final String text;
    private final int n;
    private int p;

    StringCharStream(String text) {
        this.text = text;
        this.n = text.length();
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.max(0, interval.a);
        int stop = Math.min(n - 1, interval.b);
        return start > stop ? "" : text.substring(start, stop + 1);
    }

    @Override
    public void consume() {
        if (p >= n) {
            throw new IllegalStateException("cannot consume EOF");
        }
        p++;
    }

    @Override
    public int LA(int i) {
        if (i > 0) {
            int at = p + i - 1;
            return at < n ? text.charAt(at) : IntStream.EOF;
        }
        if (i < 0) {
            int at = p + i;
            return at >= 0 ? text.charAt(at) : IntStream.EOF;
        }
        return 0;
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
    }

    @Override
    public int index() {
        return p;
    }

    @Override
    public void seek(int index) {
        p = Math.max(0, Math.min(index, n));
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public String getSourceName() {
        return IntStream.UNKNOWN_SOURCE_NAME;
    }
}
