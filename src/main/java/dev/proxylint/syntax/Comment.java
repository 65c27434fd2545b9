package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;

/** A comment, from its {@code #} to the end of its (logical) line; text includes the {@code #}. */
public final class Comment implements Node {
    private final SourceFile file;
    private final int start;
    private final int end;

    public Comment(SourceFile file, int start, int end) {
        this.file = file;
        this.start = start;
        this.end = end;
    }

    public String text() {
        return file.text().substring(start, end);
    }

    @Override
    public Span span() {
        return new Span(file, start, end);
    }

    @Override
    public String toString() {
        return text();
    }
}
