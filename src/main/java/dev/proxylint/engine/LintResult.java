package dev.proxylint.engine;

import dev.proxylint.rules.Finding;
import dev.proxylint.source.SourceFile;
import java.util.List;
import java.util.Map;

/**
 * What a run found.
 *
 * @param findings   reported findings, sorted ({@link Finding#ORDER})
 * @param suppressed findings hidden by inline suppressions
 * @param baselined  findings hidden by the baseline
 * @param files      every file read (inputs and included files), in name order
 * @param skipped    inputs that were neither nginx nor Apache, with the reason
 * @param syntaxProblems for every file parsed in the run, how many syntax (SYN) problems its parse
 *                   had, before any selection or suppression (so --fix need not parse it again)
 * @param notes      what the user should know about how inputs were read (e.g. a snippet checked as part
 *                   of the main config that includes it)
 */
public record LintResult(List<Finding> findings, List<Finding> suppressed, int baselined, List<SourceFile> files,
        List<String> skipped, Map<SourceFile, Integer> syntaxProblems, List<String> notes) {
}
