package dev.proxylint.report;

import dev.proxylint.rules.RuleRegistry;
import java.nio.file.Path;

/**
 * Settings shared by the reporters.
 *
 * @param color       ANSI colours in text output (the CLI decides from --color, NO_COLOR and isatty)
 * @param toolVersion proxylint's version, e.g. {@code 0.1.0}
 * @param sourceRoot  the repository root: SARIF and GitHub paths are relative to it (null: the
 *                    current directory)
 * @param registry    rule metadata for doc links, titles and SARIF rules (null: none)
 * @param shown       files whose lines the text format may print: those under the paths the user
 *                    named; a file reached through an absolute include from elsewhere (a docker
 *                    config.json with credentials) is located, never quoted
 */
public record ReportOptions(boolean color, String toolVersion, Path sourceRoot, RuleRegistry registry,
        java.util.function.Predicate<Path> shown) {

    public ReportOptions(boolean color, String toolVersion, Path sourceRoot, RuleRegistry registry) {
        this(color, toolVersion, sourceRoot, registry, p -> true);
    }

    public static final String TOOL_NAME = "proxylint";
    public static final String INFORMATION_URI = "https://github.com/proxylint/proxylint";

    public ReportOptions {
        if (toolVersion == null || toolVersion.isBlank()) {
            throw new IllegalArgumentException("toolVersion is required");
        }
        if (sourceRoot == null) {
            sourceRoot = Path.of("").toAbsolutePath();
        }
        sourceRoot = sourceRoot.toAbsolutePath().normalize();
        if (shown == null) {
            shown = p -> true;
        }
    }
}
