package dev.proxylint.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.engine.LintResult;
import dev.proxylint.rules.Finding;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A finding sits where its fix goes: on every testdata case, a finding that offers a fix has its
 * primary location on a directive (or block opener) the fix edits, inside, beside or at the end of,
 * so the annotation a user reads is the line that changes. Fixes whose only edits are elsewhere
 * (another file, a directive far away) would send the reader to the wrong place.
 */
class FindingAtFixTest {
    /**
     * Rules whose fix adds a definition the flagged directive needs where the server requires it:
     * CFG110's map of an unknown variable goes to the http block, the finding stays on the use.
     */
    static final java.util.Set<String> DEFINES_ELSEWHERE = java.util.Set.of("CFG110");

    /**
     * Findings whose fix sets an http-level size the flagged value needs: CFG123's hash buckets
     * (a server name too long for server_names_hash_bucket_size stays flagged on the name).
     */
    static boolean setsElsewhere(Finding f) {
        return f.ruleId().equals("CFG123") && f.message().startsWith("could not build ");
    }

    @Test
    void everyFixingFindingPointsAtWhatItsFixEdits() throws Exception {
        Map<String, Integer> offByRule = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        int checked = 0;
        for (Path p : CaseFile.all(Path.of("testdata"))) {
            CaseFile c = CaseFile.read(p);
            LintResult r = c.lint();
            for (Finding f : r.findings()) {
                if (f.fix() == null || f.fix().edits().isEmpty() || DEFINES_ELSEWHERE.contains(f.ruleId())
                        || setsElsewhere(f)) {
                    continue;
                }
                checked++;
                if (!near(f)) {
                    offByRule.merge(f.ruleId(), 1, Integer::sum);
                    if (examples.size() < 15) {
                        examples.add(f.ruleId() + " at " + f.span().file().name() + ":" + f.span().startLine()
                                + ", edits at " + f.fix().edits().stream().map(e -> e.file().name() + ":"
                                        + e.span().startLine()).toList());
                    }
                }
            }
        }
        assertTrue(checked > 100, "fixing findings checked: " + checked);
        assertTrue(offByRule.isEmpty(), "findings whose fix edits elsewhere, by rule: " + offByRule + "\n"
                + String.join("\n", examples));
    }

    /**
     * Where the fix goes, by the kind of edit. A fix that changes existing text (replaces or deletes)
     * must change the directive at the finding (the finding points at the line that changes). A fix
     * that only inserts must insert into that directive's block, or beside it in the block that
     * holds it (the finding points at the block that gets the new line).
     */
    static boolean near(Finding f) {
        SourceFile file = f.span().file();
        Directive[] at = directiveAt(file, f.span().start());
        Directive d = at[0];
        Directive parent = at[1];
        int lo = d != null ? d.start() : f.span().start();
        int hi = d != null ? Math.max(d.end(), f.span().end()) : f.span().end();
        boolean changes = f.fix().edits().stream().anyMatch(e -> e.end() > e.start());
        for (TextEdit e : f.fix().edits()) {
            if (e.file() != file) {
                continue;
            }
            if (changes) {
                if (e.end() > e.start() && e.start() < hi && e.end() > lo) {
                    return true;
                }
            } else {
                int plo = parent != null ? parent.start() : 0;
                int phi = parent != null ? parent.end() : file.text().length();
                if ((e.start() >= lo && e.start() <= hi) || (e.start() >= plo && e.start() <= phi)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The innermost directive at an offset and the block directive holding it (either may be null). */
    private static Directive[] directiveAt(SourceFile file, int offset) {
        dev.proxylint.syntax.Dialect d = dev.proxylint.engine.DialectDetector.detect(file);
        List<Node> items = dev.proxylint.engine.Frontends.get(d == null ? dev.proxylint.syntax.Dialect.NGINX : d)
                .parse(file).items();
        Directive[] best = new Directive[2];
        find(items, offset, null, best);
        return best;
    }

    private static void find(List<Node> items, int offset, Directive holder, Directive[] best) {
        for (Node n : items) {
            if (n instanceof Directive d) {
                if (d.start() <= offset && offset < Math.max(d.end(), d.start() + 1)) {
                    best[0] = d; // the innermost one wins: children are visited after their parent
                    best[1] = holder;
                }
                if (d.hasBlock()) {
                    find(d.children(), offset, d, best);
                }
            }
        }
    }
}
