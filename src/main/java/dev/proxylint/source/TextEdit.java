package dev.proxylint.source;

/** Replace {@code [start, end)} of a file with {@code replacement}; an insertion has start == end. */
public record TextEdit(SourceFile file, int start, int end, String replacement) {
    public TextEdit {
        if (start < 0 || end < start || end > file.text().length()) {
            throw new IllegalArgumentException("edit out of range " + start + ".." + end);
        }
        replacement = SharedText.of(replacement);
    }

    public static TextEdit insert(SourceFile file, int at, String text) {
        return new TextEdit(file, at, at, text);
    }

    public static TextEdit replace(Span span, String text) {
        return new TextEdit(span.file(), span.start(), span.end(), text);
    }

    public Span span() {
        return new Span(file, start, end);
    }
}
