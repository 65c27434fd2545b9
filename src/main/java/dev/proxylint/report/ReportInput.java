package dev.proxylint.report;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reporter prints: the findings that survived suppressions and baseline (the engine's order,
 * re-sorted here with {@link Finding#ORDER}), how many files were checked and how many findings
 * were suppressed. Suppressed findings are only counted, never printed (nor written to SARIF).
 */
public record ReportInput(List<Finding> findings, int filesChecked, int suppressed) {
    public ReportInput {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        findings = List.copyOf(sorted);
        if (filesChecked < 0 || suppressed < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    public int count(Level level) {
        int n = 0;
        for (Finding f : findings) {
            if (f.level() == level) {
                n++;
            }
        }
        return n;
    }

    /** {@code 3 errors, 1 warning, 0 notes in 2 files (1 suppressed)}; the suppressed part only when non-zero. */
    public String summaryLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(plural(count(Level.ERROR), "error")).append(", ")
                .append(plural(count(Level.WARNING), "warning")).append(", ")
                .append(plural(count(Level.NOTE), "note")).append(" in ")
                .append(plural(filesChecked, "file"));
        if (suppressed > 0) {
            sb.append(" (").append(suppressed).append(" suppressed)");
        }
        return sb.toString();
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
