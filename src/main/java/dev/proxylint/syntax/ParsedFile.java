package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;
import java.util.List;

/** One file after parsing: its top-level items and the syntax problems found (empty when clean). */
public record ParsedFile(SourceFile source, Dialect dialect, List<Node> items, List<Problem> problems) {
}
