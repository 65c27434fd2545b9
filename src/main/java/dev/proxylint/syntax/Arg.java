package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;

/**
 * One argument of a directive. {@link #raw()} is the text exactly as written in the file (quotes,
 * escapes and, for Apache, line continuations included); {@link #value()} is what the server sees
 * (quotes removed, escapes resolved, Apache {@code ${VAR}} substituted).
 *
 * <p>Kept small on purpose: large configs hold millions of arguments, so the value is one shared
 * string (equal values of a config are one string) and the raw text is cut from the source only
 * when asked for and different from the value.
 */
public final class Arg {
    private final SourceFile file;
    private final int start;
    private final int end;
    // interned (Interner): rules read values millions of times; null for a long value equal to the raw text
    private final String value;
    private final Quote quote;

    public Arg(SourceFile file, int start, int end, String value, Quote quote) {
        this.file = file;
        this.start = start;
        this.end = end;
        this.quote = quote;
        this.value = value != null ? Interner.of(value)
                : end - start > Interner.MAX_LENGTH ? null : Interner.of(file.text(), start, end);
    }

    /** An unquoted argument whose value is its raw text. */
    public static Arg plain(SourceFile file, int start, int end) {
        return new Arg(file, start, end, null, Quote.NONE);
    }

    public String raw() {
        int len = end - start;
        if (value == null) {
            return file.text().substring(start, end);
        }
        if (quote == Quote.NONE && value.length() == len && file.text().regionMatches(start, value, 0, len)) {
            return value;
        }
        return file.text().substring(start, end);
    }

    public String value() {
        return value != null ? value : file.text().substring(start, end);
    }

    public Quote quote() {
        return quote;
    }

    public boolean quoted() {
        return quote != Quote.NONE;
    }

    public SourceFile file() {
        return file;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    public Span span() {
        return new Span(file, start, end);
    }

    /** A copy of this argument with another value, same place and quoting (substitution, macros). */
    public Arg withValue(String newValue) {
        return new Arg(file, start, end, newValue, quote);
    }

    @Override
    public String toString() {
        return value();
    }
}
