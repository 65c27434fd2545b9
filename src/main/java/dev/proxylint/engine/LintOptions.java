package dev.proxylint.engine;

import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ResolveOptions;
import java.util.List;

/**
 * Everything a lint run needs besides the inputs.
 *
 * @param dialect  forced dialect, or null to detect per file
 * @param resolve  include roots, Apache defines and modules, versions
 * @param settings what rules read (versions, TLS profile, WebSocket mode, rule options)
 * @param selection which rules run, at which level
 * @param minLevel findings below this level are dropped
 * @param excludes glob patterns (relative to the working directory) of paths never linted
 * @param threads  worker threads (both cores by default)
 * @param context  how a named file that is not a main config is checked: {@code ALONE}, or as part of the
 *                 main config above it that includes it ({@code NAMED}: report only the named files;
 *                 {@code ALL}: also the findings in the including config)
 */
public record LintOptions(Dialect dialect, ResolveOptions resolve, RuleSettings settings, Selection selection,
        Level minLevel, List<String> excludes, int threads, Context context) {

    /** How snippets are checked; see {@link LintOptions#context()}. */
    public enum Context { ALONE, NAMED, ALL }

    public LintOptions(Dialect dialect, ResolveOptions resolve, RuleSettings settings, Selection selection,
            Level minLevel, List<String> excludes, int threads) {
        this(dialect, resolve, settings, selection, minLevel, excludes, threads, Context.NAMED);
    }

    public static LintOptions defaults() {
        return new LintOptions(null, ResolveOptions.defaults(), RuleSettings.defaults(), Selection.all(), Level.NOTE,
                List.of(), Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
