package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;
import java.util.List;
import java.util.Set;

/**
 * A root file after resolution. {@link #items()} are the root's items, with expansions set; walk
 * them with {@link Tree}. {@link #files()} lists every file that took part (root first).
 * {@link #includes()} says, for each include directive met, where its path was read from.
 */
public record Resolved(ParsedFile root, List<Node> items, List<SourceFile> files, List<Problem> problems,
        List<Include> includes) {

    /**
     * Problems that mean an include was not read (missing, unreadable, over a limit, or outside the
     * scanned tree): what it holds is unknown, so the config is incomplete.
     */
    private static final Set<String> NOT_READ = Set.of("CFG101", "CFG103", "CFG106", "CFG107");

    /** An include directive and the mapping its path went through. */
    public record Include(Directive at, ResolveOptions.Mapped mapped) {
    }

    public Resolved(ParsedFile root, List<Node> items, List<SourceFile> files, List<Problem> problems) {
        this(root, items, files, problems, List.of());
    }

    /**
     * Whether some included content was not read: rules that decide something is never defined
     * (a variable, a zone, a named location) hold back, since the unread part may define it.
     */
    public boolean incomplete() {
        for (Problem p : problems) {
            if (notRead(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code p} says an include was not read (its span is that include directive's). */
    public static boolean notRead(Problem p) {
        return NOT_READ.contains(p.ruleId());
    }
}
