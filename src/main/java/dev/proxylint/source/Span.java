package dev.proxylint.source;

/**
 * A range of a source file: start inclusive, end exclusive, both offsets into the file's text.
 * Lines and columns are 1-based; end line/column point just past the last character (SARIF's
 * convention).
 */
public record Span(SourceFile file, int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int startLine() {
        return file.line(start);
    }

    public int startColumn() {
        return file.column(start);
    }

    public int endLine() {
        return file.line(end);
    }

    public int endColumn() {
        return file.column(end);
    }

    public String text() {
        return file.text().substring(start, end);
    }

    /** The smallest span covering this one and another of the same file. */
    public Span union(Span other) {
        return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    /** {@code name:line:col}, the form every message uses. */
    public String location() {
        return file.name() + ":" + startLine() + ":" + startColumn();
    }

    @Override
    public String toString() {
        return location();
    }
}
