package dev.proxylint.cli;

import dev.proxylint.engine.Baseline;
import dev.proxylint.engine.Discovery;
import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintException;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.LintResult;
import dev.proxylint.engine.Linter;
import dev.proxylint.engine.PathScope;
import dev.proxylint.engine.ProjectConfig;
import dev.proxylint.engine.Settings;
import dev.proxylint.fix.FixLoop;
import dev.proxylint.report.ReportInput;
import dev.proxylint.report.ReportOptions;
import dev.proxylint.report.ReportPaths;
import dev.proxylint.report.Reporter;
import dev.proxylint.report.Reporters;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.Rules;
import dev.proxylint.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code proxylint check}: the linter. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lint nginx and Apache configuration files.",
            "PATH is a file, a directory (searched recursively for nginx.conf, *.conf, sites-*/*, conf.d/*, "
                + ".htaccess, httpd.conf, apache2.conf) or - for standard input. Main configs are linted with "
                + "everything they include; other files as fragments. An `nginx -T` dump is split back into its files."},
        footer = {"", "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration, I/O or internal error."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to lint; - reads standard input.")
    List<String> paths;

    @Option(names = "--format", completionCandidates = Candidates.Formats.class, paramLabel = "FORMAT", description = "Output: text, concise, json, sarif, github (default: ${DEFAULT-VALUE}).")
    String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--sarif-output", paramLabel = "FILE", description = "Also write SARIF 2.1.0 to FILE (e.g. text on screen and SARIF for code scanning in one run).")
    Path sarifOutput;

    @Option(names = "--fail-on", completionCandidates = Candidates.FailLevels.class, paramLabel = "LEVEL", description = "Exit 1 when a finding is at or above LEVEL: note, warning, error, none (default: warning).")
    String failOn;

    @Option(names = "--exit-zero", description = "Exit 0 even when findings are reported (errors still exit 2).")
    boolean exitZero;

    @Option(names = "--min-level", completionCandidates = Candidates.Levels.class, paramLabel = "LEVEL", description = "Report only findings at or above LEVEL (default: note).")
    String minLevel;

    @Option(names = "--select", split = ",", paramLabel = "ID", description = "Run only these rule ids, families or id prefixes (WS, CFG12, TLS101, ...).")
    List<String> select = new ArrayList<>();

    @Option(names = "--ignore", split = ",", paramLabel = "ID", description = "Skip these rule ids, families or id prefixes.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--dialect", completionCandidates = Candidates.Dialects.class, paramLabel = "DIALECT", description = "Read every input as nginx or apache instead of detecting it.")
    String dialect;

    @Option(names = "--stdin-filename", paramLabel = "NAME", description = "Name to report for standard input (default: stdin.conf).")
    String stdinName = "stdin.conf";

    @Option(names = "--nginx-version", paramLabel = "V", description = "Target nginx version (e.g. 1.22.1): version-dependent defaults, and which directives and "
            + "variables exist.")
    String nginxVersion;

    @Option(names = "--apache-version", paramLabel = "V", description = "Target Apache httpd version (e.g. 2.4.62).")
    String apacheVersion;

    @Option(names = "--openssl-version", completionCandidates = Candidates.OpenSsl.class, paramLabel = "V", description = "OpenSSL the servers are built with: 3.0 "
            + "(default; any 3.x) or 1.1.1 (also 1.1, 1.1.1w). Selects the cipher table the TLS rules evaluate "
            + "cipher strings with, and what they say about TLS 1.0/1.1 and SSLv3.")
    String opensslVersion;

    @Option(names = "--tls-profile", completionCandidates = Candidates.Profiles.class, paramLabel = "NAME", description = "TLS profile: mozilla-intermediate (default), mozilla-modern, mozilla-old.")
    String tlsProfile;

    @Option(names = "--websocket", completionCandidates = Candidates.AutoAlwaysNever.class, paramLabel = "MODE", description = "auto (infer WebSocket routes), always (every proxied route needs upgrades), never.")
    String websocket;

    @picocli.CommandLine.Mixin
    ResolveArgs resolveArgs = new ResolveArgs();

    @Option(names = "--context", completionCandidates = Candidates.Contexts.class, paramLabel = "MODE", description = "A named snippet included by the main config above it: "
            + "named (default: checked as part of that config, findings of the named files), all (also the including "
            + "config's findings), none (each file alone).")
    String context = "named";

    @Option(names = "--config", paramLabel = "FILE", description = "Use this .proxylint.yml instead of searching upward from the working directory.")
    Path config;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Hide findings recorded in FILE.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record the current findings in FILE and exit 0.")
    Path writeBaseline;

    @Option(names = "--fix", description = "Apply the suggested fixes to the files (atomic writes; files that would not parse are left alone).")
    boolean fix;

    @Option(names = "--diff", description = "Print the fixes as a unified diff (a/ b/ labels, for git apply or patch -p1) instead of applying them; alone it prints only the diff, with --format or -o the report too.")
    boolean diff;

    @Option(names = "--color", completionCandidates = Candidates.AutoAlwaysNever.class, paramLabel = "WHEN", description = "auto (default: on a terminal unless NO_COLOR is set), always, never.")
    String color = "auto";

    @Option(names = {"-q", "--quiet"}, description = "Print findings only: no summary line.")
    boolean quiet;

    @Option(names = "--statistics", description = "Print the number of findings per rule after the report, the most frequent first, with how many have a fix.")
    boolean statistics;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-file-size", paramLabel = "SIZE", description = "Largest file read, e.g. 64m (default), 512k, 1g. "
            + "Larger files are findings (CFG106), never read.")
    String maxFileSize;

    @Option(names = "--max-read", paramLabel = "SIZE", description = "Most bytes read in one run through includes (default: 1g).")
    String maxRead;

    @Option(names = "--debug", description = "Print stack traces for internal errors.")
    boolean debug;

    /** Set by {@link FastCheckArgs} for a run without picocli (then {@link #spec} is null). */
    PrintWriter fastOut;
    PrintWriter fastErr;
    boolean fastFormatGiven;

    private PrintWriter out() {
        return spec != null ? spec.commandLine().getOut() : fastOut;
    }

    private PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : fastErr;
    }

    /** Whether --format was given on the command line (not only its default). */
    private boolean formatGiven() {
        return spec != null ? spec.commandLine().getParseResult().hasMatchedOption("--format") : fastFormatGiven;
    }

    /**
     * Runs the check read by {@link FastCheckArgs}, with the exit codes and error lines picocli's
     * execution gives it ({@link Main#failure}).
     */
    int runFast(PrintWriter out, PrintWriter err) {
        fastOut = out;
        fastErr = err;
        try {
            return call();
        } catch (Exception ex) {
            return Main.failure(ex, err, debug);
        }
    }

    static boolean debugRequested(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p != null) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
            p = p.subcommand();
        }
        return false;
    }

    @Override
    public Integer call() throws IOException {
        dev.proxylint.syntax.Timings.add("start-up: main to check (command line)", Main.mainStart);
        long setUp = dev.proxylint.syntax.Timings.start();
        PrintWriter err = err();
        // configuration: .proxylint.yml, then the command line on top
        Path cfgPath = config != null ? config : ProjectConfig.find(Path.of(""));
        if (config != null && !Files.isRegularFile(config)) {
            throw new LintException(config + ": no such config file");
        }
        ProjectConfig cfg = cfgPath != null ? ProjectConfig.read(cfgPath, Shared::knownId) : new ProjectConfig();
        for (String id : select) {
            check(id);
        }
        for (String id : ignore) {
            check(id);
        }
        if (!Reporters.FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw new LintException("unknown format '" + format + "' (expected one of " + String.join(", ", Reporters.FORMATS) + ")");
        }
        Settings.Merged merged = Settings.merge(cfg, new Settings.CliValues(failOn, minLevel, dialect, websocket,
                tlsProfile, nginxVersion, apacheVersion, opensslVersion, select, ignore, resolveArgs.prefix,
                resolveArgs.serverRoot, Settings.defines(resolveArgs.defines), resolveArgs.modules,
                resolveArgs.pathMaps, context, threads));
        LintOptions options = merged.options();
        Level failLevel = merged.failLevel();

        if (maxFileSize != null) {
            SourceFile.maxFileBytes(size(maxFileSize, "--max-file-size"));
        }
        List<Input> inputs = inputs(cfg);
        Linter linter = new Linter(Rules.all(), id -> Shared.registry().find(id).map(RuleMeta::level).orElse(Level.WARNING),
                Shared::knownId);
        dev.proxylint.syntax.Timings.add("start-up: check's settings, inputs and rules", setUp);
        if (maxRead != null) {
            linter.maxRead(size(maxRead, "--max-read"));
        }
        Baseline bl = baseline != null && writeBaseline == null ? Baseline.read(baseline) : null;
        boolean showProgress = inputs.size() >= 50 && System.console() != null && System.getenv("CI") == null && !quiet;
        if (showProgress) {
            linter.onProgress((done, total) -> {
                if (done % 25 == 0 || done.equals(total)) {
                    synchronized (err) {
                        err.print("\rproxylint: parsed " + done + "/" + total + " files");
                        err.flush();
                    }
                }
            });
        }
        LintResult result = linter.run(inputs, options, bl);
        if (showProgress) {
            err.print("\r\033[K");
            err.flush();
        }
        for (String s : result.skipped()) {
            err.println("proxylint: note: skipped " + s);
        }
        for (String s : result.notes()) {
            err.println("proxylint: note: " + s);
        }
        if (result.skipped().size() == inputs.size() && paths.stream().anyMatch(p -> Files.isDirectory(Path.of(p)))) {
            // a walk that checked nothing is no pass
            throw new LintException("no nginx or Apache configuration found in " + String.join(" ", paths)
                    + " (every candidate file was skipped; use --dialect to force one)");
        }
        if (writeBaseline != null) {
            Baseline.write(writeBaseline, result.findings());
            err.println("proxylint: wrote " + result.findings().size() + " finding(s) to baseline " + writeBaseline);
            return 0;
        }
        PathScope named = PathScope.of(paths);
        if (fix || diff) {
            result = applyFixes(result, inputs, options, linter, bl, named);
        }
        boolean stdinOnly = named.isEmpty();
        ReportOptions ropts = new ReportOptions(useColor(), Main.VERSION, Shared.sourceRoot(), Shared.registry(),
                p -> stdinOnly || named.contains(p));
        ReportInput rin = new ReportInput(result.findings(), result.files().size(), result.suppressed().size());
        boolean diffAlone = diff && output == null && !formatGiven();
        if (diffAlone) {
            // --diff alone prints only the diff (a patch); --format or -o asks for the report as well
        } else if (quiet && format.equalsIgnoreCase("text")) {
            write(Reporters.create("concise", ropts), rin, output);
        } else {
            write(Reporters.create(format, ropts), rin, output);
        }
        if (sarifOutput != null) {
            write(Reporters.create("sarif", new ReportOptions(false, Main.VERSION, Shared.sourceRoot(), Shared.registry())),
                    rin, sarifOutput);
        }
        if (result.baselined() > 0 && !quiet) {
            err.println("proxylint: " + result.baselined() + " finding(s) hidden by the baseline");
        }
        if (statistics) {
            printStatistics(result.findings());
        }
        if (fixWriteFailed) {
            return 2; // an I/O error: the file named on stderr was left as it was
        }
        if (exitZero || failLevel == null) {
            return 0;
        }
        for (Finding f : result.findings()) {
            if (f.level().compareTo(failLevel) >= 0) {
                return 1;
            }
        }
        return 0;
    }

    /** Findings per rule, the most frequent first, with how many of them carry a fix. */
    private void printStatistics(List<Finding> findings) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Finding f : findings) {
            int[] c = counts.computeIfAbsent(f.ruleId(), k -> new int[2]);
            c[0]++;
            if (f.fix() != null) {
                c[1]++;
            }
        }
        List<Map.Entry<String, int[]>> rows = new ArrayList<>(counts.entrySet());
        rows.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        PrintWriter out = out();
        if (!rows.isEmpty()) {
            out.printf("%5s  %-7s  %7s  %s%n", "count", "rule", "fixable", "name");
        }
        for (var e : rows) {
            String name = Shared.registry().find(e.getKey()).map(RuleMeta::name).orElse("");
            out.printf("%5d  %-7s  %7d  %s%n", e.getValue()[0], e.getKey(), e.getValue()[1], name);
        }
        out.flush();
    }

    /** A byte size: a number with an optional k, m or g (binary units). */
    static long size(String s, String opt) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d{1,12})([kmg]?)").matcher(s.trim());
        if (!m.matches()) {
            throw new LintException("bad " + opt + " '" + s + "' (expected a size like 64m, 512k or 1g)");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new LintException("bad " + opt + " '" + s + "' (expected a size like 64m, 512k or 1g)");
        }
        return n << shift;
    }

    private static void check(String id) {
        if (!id.equalsIgnoreCase("all") && !Shared.knownId(id.trim())) {
            throw new LintException("unknown rule, family or id prefix '" + id + "' (see 'proxylint rules')");
        }
    }

    private List<Input> inputs(ProjectConfig cfg) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Input> out = new ArrayList<>();
        boolean stdinSeen = false;
        for (String p : paths) {
            if (p.equals("-")) {
                if (stdinSeen) {
                    throw new LintException("standard input (-) given twice");
                }
                stdinSeen = true;
                out.add(new Input(Path.of(stdinName), System.in.readAllBytes(), true));
            } else {
                files.add(Path.of(p));
            }
        }
        Discovery discovery = new Discovery(cfg.exclude);
        out.addAll(0, discovery.discover(files));
        PrintWriter err = err();
        for (String w : discovery.warnings()) {
            err.println("proxylint: warning: " + w);
        }
        if (out.isEmpty()) {
            throw new LintException("no nginx or Apache configuration files found in " + String.join(" ", paths));
        }
        return out;
    }

    private boolean useColor() {
        switch (color.toLowerCase(Locale.ROOT)) {
            case "always":
                return true;
            case "never":
                return false;
            case "auto":
                String noColor = System.getenv("NO_COLOR");
                return output == null && System.console() != null && (noColor == null || noColor.isEmpty())
                        && !"dumb".equals(System.getenv("TERM"));
            default:
                throw new LintException("unknown --color '" + color + "' (expected auto, always or never)");
        }
    }

    private void write(Reporter r, ReportInput in, Path file) throws IOException {
        long t0 = dev.proxylint.syntax.Timings.start();
        try {
            writeReport(r, in, file);
        } finally {
            dev.proxylint.syntax.Timings.add("phase report", t0);
            dev.proxylint.syntax.Timings.print(System.err);
        }
    }

    private void writeReport(Reporter r, ReportInput in, Path file) throws IOException {
        if (file == null) {
            Writer w = out();
            r.write(in, w);
            w.flush();
            return;
        }
        try {
            dev.proxylint.engine.OutputFile.write(file, os -> {
                Writer w = new dev.proxylint.report.Utf8Writer(os);
                r.write(in, w);
                w.flush();
            });
        } catch (IOException e) {
            throw new LintException(file + ": cannot write: " + e.getMessage());
        }
    }

    private boolean fixWriteFailed;

    /** --fix and --diff: the loop is {@link FixLoop}; this prints what it says. */
    private LintResult applyFixes(LintResult result, List<Input> inputs, LintOptions options, Linter linter,
            Baseline bl, PathScope scope) {
        PrintWriter err = err();
        PrintWriter out = out();
        FixLoop.Outcome o = new FixLoop(linter, inputs, options, bl, scope, diff, ReportPaths::shown,
                new FixLoop.Sink() {
                    @Override
                    public void warning(String message) {
                        err.println("proxylint: warning: " + message);
                    }

                    @Override
                    public void error(String message) {
                        err.println("proxylint: error: " + message);
                    }

                    @Override
                    public void diff(String text) {
                        out.print(text);
                    }
                }).run(result);
        out.flush();
        fixWriteFailed |= o.writeFailed();
        if (o.filesFixed() > 0 && !quiet) {
            err.println("proxylint: applied " + o.applied() + " fix(es) in " + o.filesFixed() + " file(s)");
        }
        return o.result();
    }
}
