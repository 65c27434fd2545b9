package dev.proxylint.cli;

import dev.proxylint.engine.LintException;
import dev.proxylint.rules.RuleDocsRenderer;
import dev.proxylint.rules.RuleMeta;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code proxylint explain ID}: a rule's documentation. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Show a rule's documentation: why it matters, bad and good examples, references.")
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Rule id (WS101) or name (upgrade-headers-missing).")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String key = id.trim();
        RuleMeta meta = Shared.registry().find(key.toUpperCase(Locale.ROOT)).orElse(null);
        if (meta == null) {
            meta = Shared.registry().all().stream().filter(m -> m.name().equalsIgnoreCase(key)).findFirst().orElse(null);
        }
        if (meta == null) {
            throw new LintException("unknown rule '" + id + "' (see 'proxylint rules')");
        }
        out.print(RuleDocsRenderer.explain(meta));
        out.flush();
        return 0;
    }
}
