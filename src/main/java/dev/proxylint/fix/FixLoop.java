package dev.proxylint.fix;

import dev.proxylint.engine.Baseline;
import dev.proxylint.engine.DialectDetector;
import dev.proxylint.engine.Frontends;
import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.LintResult;
import dev.proxylint.engine.Linter;
import dev.proxylint.engine.PathScope;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ParsedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code --fix} and {@code --diff}: applies the findings' fixes, then runs the rules again on the
 * files as they are now (a fix may enable the next one), up to {@link #MAX_PASSES} times (like ruff,
 * bounded). Only files in the scope are written; with {@code diff} nothing is written and one pass
 * gives the patch. What the user should read goes to the {@link Sink}.
 */
public final class FixLoop {
    /** How many times --fix re-runs the rules on its own result before it stops. */
    public static final int MAX_PASSES = 5;

    /** Where the loop's messages and the diff go. */
    public interface Sink {
        /** A file not fixed, and why (a warning). */
        void warning(String message);

        /** A fix that could not be written (an I/O error; the file is unchanged). */
        void error(String message);

        /** A part of the unified diff ({@code --diff}). */
        void diff(String text);
    }

    /**
     * What the loop did.
     *
     * @param result       the findings after the last pass
     * @param applied      fixes written
     * @param filesFixed   files written (counted once however many passes wrote them)
     * @param writeFailed  whether a write failed (the run must exit 2)
     */
    public record Outcome(LintResult result, int applied, int filesFixed, boolean writeFailed) {
    }

    private final Linter linter;
    private final List<Input> inputs;
    private final LintOptions options;
    private final Baseline baseline;
    private final PathScope scope;
    private final boolean diff;
    private final Function<SourceFile, String> diffName;
    private final Sink sink;

    /**
     * @param baseline the baseline of the run, or null
     * @param diff     print the fixes as a diff instead of writing them
     * @param diffName the name a file has in the diff's a/ b/ labels
     */
    public FixLoop(Linter linter, List<Input> inputs, LintOptions options, Baseline baseline, PathScope scope,
            boolean diff, Function<SourceFile, String> diffName, Sink sink) {
        this.linter = linter;
        this.inputs = inputs;
        this.options = options;
        this.baseline = baseline;
        this.scope = scope;
        this.diff = diff;
        this.diffName = diffName;
        this.sink = sink;
    }

    /** Runs the loop from the findings of the first run. */
    public Outcome run(LintResult first) {
        Function<SourceFile, ParsedFile> parse = f -> Frontends.get(dialectOf(f)).parse(f);
        LintResult result = first;
        int applied = 0;
        boolean writeFailed = false;
        Set<Path> filesFixed = new HashSet<>();
        Set<String> warned = new HashSet<>();
        for (int pass = 0; pass < (diff ? 1 : MAX_PASSES); pass++) {
            Map<SourceFile, Integer> known = result.syntaxProblems();
            List<Fixer.FileFix> plan = Fixer.planChecked(result.findings(),
                    f -> known.containsKey(f) ? known.get(f) : (int) parse.apply(f).problems().stream()
                            .filter(p -> p.ruleId().startsWith("SYN")).count(), parse);
            int written = 0;
            for (Fixer.FileFix ff : plan) {
                String name = ff.file().name();
                if (ff.refusal() != null) {
                    if (warned.add(name + ff.refusal())) {
                        sink.warning(name + ": " + ff.refusal());
                    }
                    continue;
                }
                if (!ff.changed()) {
                    continue;
                }
                if (diff) {
                    sink.diff(Fixer.diff(ff, diffName.apply(ff.file())));
                    continue;
                }
                if (ff.file().path() == null) {
                    sink.warning(name + ": standard input cannot be fixed in place; use --diff");
                    continue;
                }
                if (!scope.contains(ff.file().path())) {
                    if (warned.add(name + "scope")) {
                        sink.warning(name + ": not edited: outside the paths given "
                                + "(reached through an include); name it to fix it");
                    }
                    continue;
                }
                try {
                    Fixer.write(ff);
                } catch (IOException e) {
                    writeFailed = true;
                    sink.error(name + ": fix not written, file unchanged: " + e.getMessage());
                    continue;
                }
                applied += ff.applied();
                filesFixed.add(ff.file().path().toAbsolutePath().normalize());
                written++;
            }
            if (diff || written == 0) {
                break;
            }
            // the rules again, on the files as they are now: a fix may enable the next one
            result = linter.run(inputs, options, baseline);
        }
        return new Outcome(result, applied, filesFixed.size(), writeFailed);
    }

    private Dialect dialectOf(SourceFile f) {
        if (options.dialect() != null) {
            return options.dialect();
        }
        Dialect d = DialectDetector.detect(f);
        return d == null ? Dialect.NGINX : d;
    }
}
