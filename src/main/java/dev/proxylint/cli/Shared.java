package dev.proxylint.cli;

import dev.proxylint.engine.LintException;
import dev.proxylint.rules.RuleDocs;
import dev.proxylint.rules.RuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small things the commands share. */
final class Shared {
    private Shared() {
    }

    private static RuleRegistry registry;

    static synchronized RuleRegistry registry() {
        if (registry == null) {
            try {
                registry = RuleRegistry.builtin();
            } catch (RuleDocs.RuleDocException e) {
                throw new LintException("broken rule documentation: " + e.getMessage(), e, true);
            }
        }
        return registry;
    }

    /** Whether an id or family names something proxylint knows. */
    static boolean knownId(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        if (registry().contains(u) || registry().families().contains(u)) {
            return true;
        }
        for (String id : registry().ids()) {
            if (dev.proxylint.engine.Selection.isPrefix(u, id)) {
                return true; // a prefix such as CFG12 or TLS10
            }
        }
        return false;
    }

    /** The repository root above the working directory (the directory holding .git), else the working directory. */
    static Path sourceRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return cwd;
    }
}
