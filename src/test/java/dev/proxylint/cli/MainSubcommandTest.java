package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the subcommand it names, and behaves exactly as with the whole tree. */
class MainSubcommandTest {
    record Out(int code, String out, String err) {
    }

    private static Out run(CommandLine cl, StringWriter out, StringWriter err, String... args) {
        int code = cl.execute(args);
        return new Out(code, out.toString(), err.toString());
    }

    private static Out partial(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        return run(Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args[0]), out, err, args);
    }

    private static Out full(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        return run(Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)), out, err, args);
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        assertEquals(Set.of("check"), Main.commandLine(sink, sink, "check").getSubcommands().keySet());
        assertEquals(Set.of("tls"), Main.commandLine(sink, sink, "tls").getSubcommands().keySet());
        assertEquals(7, Main.commandLine(sink, sink, "generate-completion").getSubcommands().size(),
                "completion describes the whole tree");
        assertEquals(7, Main.commandLine(sink, sink, "completion").getSubcommands().size(),
                "completion describes the whole tree");
        assertEquals(7, Main.commandLine(sink, sink, "--help").getSubcommands().size());
        assertEquals(7, Main.commandLine(sink, sink, "nosuch").getSubcommands().size());
    }

    @Test
    void aPartialTreeBehavesLikeTheWholeOne() {
        for (List<String> args : List.of(List.of("check", "--help"), List.of("check", "--no-such-option"),
                List.of("check", "--format", "concise", "examples"), List.of("rules"), List.of("explain", "WS101"),
                List.of("tls", "ciphers", "HIGH:!aNULL"), List.of("dump", "--help"))) {
            String[] a = args.toArray(String[]::new);
            Out p = partial(a);
            Out f = full(a);
            assertEquals(f, p, String.join(" ", args));
        }
        assertTrue(full("check", "--help").out().contains("Usage: proxylint check"));
    }
}
