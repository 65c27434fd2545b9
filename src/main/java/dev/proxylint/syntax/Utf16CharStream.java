package dev.proxylint.syntax;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A CharStream over a String (or a part of one) whose symbols are UTF-16 code units, so that ANTLR
 * token indexes are exactly String offsets (the project counts columns in UTF-16 units). No copy.
 */
public final class Utf16CharStream implements CharStream {
    private final String text;
    private final int begin;
    private final int end;
    private int p;

    /** A stream over all of a text. */
    public Utf16CharStream(String text) {
        this(text, 0, text.length());
    }

    /** A stream over {@code text[begin, end)}; indexes stay offsets into the whole text. */
    public Utf16CharStream(String text, int begin, int end) {
        this.text = text;
        this.begin = begin;
        this.end = end;
        this.p = begin;
    }

    @Override
    public String getText(Interval interval) {
        int a = Math.max(begin, interval.a);
        int b = Math.min(end - 1, interval.b);
        return a > b ? "" : text.substring(a, b + 1);
    }

    @Override
    public void consume() {
        if (p >= end) {
            throw new IllegalStateException("cannot consume EOF");
        }
        p++;
    }

    @Override
    public int LA(int i) {
        if (i == 0) {
            return 0;
        }
        int idx = i > 0 ? p + i - 1 : p + i;
        if (idx < begin || idx >= end) {
            return IntStream.EOF;
        }
        return text.charAt(idx);
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
        p = Math.max(begin, Math.min(index, end));
    }

    @Override
    public int size() {
        return end;
    }

    @Override
    public String getSourceName() {
        return IntStream.UNKNOWN_SOURCE_NAME;
    }
}
