package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;
import java.util.List;

/**
 * A root file after resolution. {@link #items()} are the root's items, with expansions set; walk
 * them with {@link Tree}. {@link #files()} lists every file that took part (root first).
 */
public record Resolved(ParsedFile root, List<Node> items, List<SourceFile> files, List<Problem> problems) {
}
