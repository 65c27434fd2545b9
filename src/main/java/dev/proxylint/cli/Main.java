package dev.proxylint.cli;

import dev.proxylint.engine.LintException;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: wires the subcommands and turns every error into one line and an exit code. */
@Command(name = "proxylint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Static analyzer for nginx and Apache httpd reverse-proxy configuration:",
            "WebSocket upgrades, TLS policy, HSTS, timeouts and syntax, with fixes it can apply.", ""},
        subcommands = {CheckCommand.class, DumpCommand.class, RulesCommand.class, ExplainCommand.class,
            TlsCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration, I/O or "
                + "internal error.", "Run 'proxylint check --help' for the linter's options."})
public final class Main implements Runnable {
    public static final String VERSION = "0.1.0";

    /** --version text. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"proxylint " + VERSION};
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and the launcher). */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        try {
            return commandLine(out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("proxylint: error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            boolean debug = CheckCommand.debugRequested(parsed);
            if (ex instanceof LintException le && !le.internal()) {
                c.getErr().println("proxylint: error: " + le.getMessage());
            } else {
                c.getErr().println("proxylint: error: " + (ex instanceof LintException ? ex.getMessage()
                        : "internal error: " + ex) + (debug ? "" : " (rerun with --debug for details)"));
            }
            if (debug) {
                ex.printStackTrace(c.getErr());
            }
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
