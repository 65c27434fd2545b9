package dev.proxylint.rules;

import dev.proxylint.source.SharedText;
import dev.proxylint.source.TextEdit;
import java.util.ArrayList;
import java.util.List;

/** A mechanical fix: a one-line title and the edits (possibly in several files). */
public record Fix(String title, List<TextEdit> edits) {
    public Fix {
        title = SharedText.of(title);
    }

    /**
     * A fix of these edits, or none when one of them is null: an edit helper returns null where it
     * cannot edit safely (e.g. a directive whose last word is an unterminated quote).
     */
    public static Fix ofEdits(String title, List<TextEdit> edits) {
        for (TextEdit e : edits) {
            if (e == null) {
                return null;
            }
        }
        return new Fix(title, new ArrayList<>(edits));
    }

    /** {@link #ofEdits} of one edit. */
    public static Fix of(String title, TextEdit edit) {
        return edit == null ? null : new Fix(title, List.of(edit));
    }
}
