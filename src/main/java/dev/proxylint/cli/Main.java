package dev.proxylint.cli;

import dev.proxylint.engine.LintException;
import java.io.PrintWriter;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: wires the subcommands and turns every error into one line and an exit code. */
@Command(name = "proxylint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Static analyzer for nginx and Apache httpd reverse-proxy configuration:",
            "WebSocket upgrades, TLS policy, HSTS, timeouts and syntax, with fixes it can apply.", ""},
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

    /** The launcher's training run for its class archive ({@link Train}); not a user option. */
    static final String TRAIN = "--train-class-archive";

    /** When main began (System.nanoTime), for the timings of the start-up phases. */
    static long mainStart = System.nanoTime();

    public static void main(String[] args) throws java.io.IOException {
        dev.proxylint.syntax.Timings.jvmToMain();
        mainStart = dev.proxylint.syntax.Timings.start(); // the timings' own set-up left out
        if (args.length >= 1 && args.length <= 2 && args[0].equals(TRAIN)) {
            System.exit(Train.run(args.length == 1 || !args[1].equals("check")));
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and the launcher). */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new dev.proxylint.report.Utf8Writer(System.out), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        try {
            CheckCommand fast = FastCheckArgs.parse(args);
            if (fast != null) {
                return fast.runFast(out, err);
            }
            return commandLine(out, err, args.length > 0 ? args[0] : null).execute(args);
        } catch (OutOfMemoryError e) {
            // the last resort: never a trace; the limits that bound every read are the usual way out
            err.println("proxylint: error: out of memory (raise the Java heap with JAVA_TOOL_OPTIONS=-Xmx..., or lower"
                    + " --max-file-size / --max-read)");
            return 2;
        } catch (StackOverflowError e) {
            err.println("proxylint: error: internal error: nesting too deep for the stack (rerun with --debug for details)");
            return 2;
        } catch (RuntimeException e) {
            err.println("proxylint: error: internal error: " + e + " (rerun with --debug for details)");
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The whole command tree (help, completion and tests see every subcommand). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /** The subcommands in the order --help lists them. */
    private static final List<String> SUBCOMMANDS = List.of("check", "dump", "rules", "explain", "tls",
            "completion", "generate-completion");

    /**
     * The command tree for a run whose first argument is {@code first}. When that names a subcommand
     * (other than completion and generate-completion, which describe the whole tree), only that subcommand is
     * built: picocli builds the model of every registered command up front, and skipping the
     * others shortens the start of a pre-commit run. Anything else (help, errors) gets the full tree.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        CommandLine cl = new CommandLine(new Main());
        boolean one = first != null && SUBCOMMANDS.contains(first) && !first.equals("generate-completion")
                && !first.equals("completion");
        for (String name : SUBCOMMANDS) {
            if (!one || name.equals(first)) {
                cl.addSubcommand(name, subcommand(name));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        if (!one) {
            cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("proxylint: error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> failure(ex, c.getErr(), CheckCommand.debugRequested(parsed)));
        return cl;
    }

    /** A command's failure as one line on {@code err} (a stack trace too with --debug); exit code 2. */
    static int failure(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof LintException le && !le.internal()) {
            err.println("proxylint: error: " + le.getMessage());
        } else {
            err.println("proxylint: error: " + (ex instanceof LintException ? ex.getMessage()
                    : "internal error: " + ex) + (debug ? "" : " (rerun with --debug for details)"));
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        return 2;
    }

    private static Object subcommand(String name) {
        return switch (name) {
            case "check" -> new CheckCommand();
            case "dump" -> new DumpCommand();
            case "rules" -> new RulesCommand();
            case "explain" -> new ExplainCommand();
            case "tls" -> new TlsCommand();
            case "completion" -> new CompletionCommand();
            case "generate-completion" -> new AutoComplete.GenerateCompletion();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
