package dev.proxylint.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.proxylint.engine.LintException;
import dev.proxylint.rules.RuleMeta;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code proxylint rules}: every rule with its level and title. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List every rule: id, level, dialects, name and title.")
public final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", completionCandidates = Candidates.RuleFormats.class, paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
            g.writeStartArray();
            for (RuleMeta m : Shared.registry().all()) {
                g.writeStartObject();
                g.writeStringField("id", m.id());
                g.writeStringField("name", m.name());
                g.writeStringField("title", m.title());
                g.writeStringField("level", m.level().id());
                g.writeArrayFieldStart("dialects");
                for (String d : m.dialects()) {
                    g.writeString(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("tags");
                for (String t : m.tags()) {
                    g.writeString(t);
                }
                g.writeEndArray();
                g.writeStringField("helpUri", m.helpUri());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.flush();
            out.println();
        } else if (format.equals("text")) {
            for (RuleMeta m : Shared.registry().all()) {
                out.printf("%-7s %-8s %-14s %-34s %s%n", m.id(), m.level().id(), String.join(",", m.dialects()),
                        m.name(), m.title());
            }
        } else {
            throw new LintException("unknown format '" + format + "' (expected text or json)");
        }
        out.flush();
        return 0;
    }
}
