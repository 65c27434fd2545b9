package dev.proxylint.rules;

import dev.proxylint.source.TextEdit;
import java.util.List;

/** A mechanical fix: a one-line title and the edits (possibly in several files). */
public record Fix(String title, List<TextEdit> edits) {
}
