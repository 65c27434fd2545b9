package dev.proxylint.engine;

import dev.proxylint.syntax.ParseCache;
import dev.proxylint.facts.Facts;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.ReadFailure;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.Timings;
import dev.proxylint.nginx.NginxDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One lint run: read and parse every input in parallel (each file once), resolve main configs
 * first so that the files they include are linted as part of them, then the remaining files as
 * fragments, run the rules on every resolved root in parallel, and filter the findings through
 * selection, levels, suppressions and the baseline.
 */
public final class Linter {
    private final List<Rule> rules;
    private final Function<String, Level> defaultLevel;
    private final Predicate<String> knownId;

    /**
     * @param rules        the rules to run
     * @param defaultLevel a rule id's level from its doc
     * @param knownId      whether an id or family names a documented rule
     */
    public Linter(List<Rule> rules, Function<String, Level> defaultLevel, Predicate<String> knownId) {
        this.rules = rules;
        this.defaultLevel = defaultLevel;
        this.knownId = knownId;
    }

    private volatile java.util.function.BiConsumer<Integer, Integer> progress = (done, total) -> { };

    /** Called as inputs finish parsing (done, total), from worker threads; for a terminal progress line. */
    public void onProgress(java.util.function.BiConsumer<Integer, Integer> listener) {
        this.progress = listener;
    }

    private record Parsed(Input input, ParsedFile file, boolean nginxDump) {
    }

    private long maxRead = ParseCache.DEFAULT_MAX_TOTAL_BYTES;

    /** The most bytes a run reads through includes, in all ({@code --max-read}). */
    public Linter maxRead(long bytes) {
        this.maxRead = bytes;
        return this;
    }

    public LintResult run(List<Input> inputs, LintOptions options, Baseline baseline) {
        ParseCache loader = new ParseCache(Frontends::get, maxRead);
        List<String> skipped = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(null, r, "proxylint-worker", 64L << 20);
            t.setDaemon(true);
            return t;
        });
        try {
            // 1. read, detect and parse every input in parallel
            long t0 = Timings.start();
            List<Future<Object>> futures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            for (Input in : inputs) {
                futures.add(pool.submit(() -> {
                    Object o = readAndParse(in, options, loader);
                    progress.accept(done.incrementAndGet(), inputs.size());
                    return o;
                }));
            }
            List<Parsed> parsed = new ArrayList<>();
            for (Future<Object> f : futures) {
                Object o = await(f);
                if (o instanceof Parsed p) {
                    parsed.add(p);
                } else if (o instanceof String s) {
                    skipped.add(s);
                }
            }
            // 2. resolve: main configs first; what they include is covered by them
            parsed.sort(Comparator.comparing((Parsed p) -> isMain(p.file) ? 0 : 1)
                    .thenComparing(p -> p.file.source().name()));
            Set<Object> covered = new HashSet<>(); // real paths of files on disk, else the SourceFile
            List<ParsedFile> dumpParts = new ArrayList<>();
            List<Resolved> roots = new ArrayList<>();
            // a named snippet (sites-enabled/x, conf.d/y.conf) is checked as part of the main config above
            // it that includes it, as the server reads it; only the named files' findings are reported
            List<String> notes = new ArrayList<>();
            Set<Object> named = new HashSet<>();
            for (Parsed p : parsed) {
                if (p.input().explicit()) {
                    named.add(identity(p.file.source()));
                }
            }
            Set<Object> contextOnly = new HashSet<>();
            if (options.context() != LintOptions.Context.ALONE) {
                for (Parsed p : parsed) {
                    if (!p.input().explicit() || p.nginxDump() || isMain(p.file) || p.file.source().path() == null
                            || covered.contains(identity(p.file.source()))) {
                        continue;
                    }
                    Resolved ctxRoot = contextOf(p.file, options, loader);
                    if (ctxRoot == null) {
                        continue;
                    }
                    roots.add(ctxRoot);
                    for (SourceFile f : ctxRoot.files()) {
                        Object id = identity(f);
                        covered.add(id);
                        if (!named.contains(id)) {
                            contextOnly.add(id);
                        }
                    }
                    notes.add(p.file.source().name() + " is checked as part of " + shown(ctxRoot.root().source())
                            + ", which includes it");
                }
            }
            for (Parsed p : parsed) {
                if (covered.contains(identity(p.file.source()))) {
                    if (!p.input().explicit() || !contextOnly.contains(identity(p.file.source()))) {
                        continue; // included by a main config (maybe through a symlink such as sites-enabled/x)
                    }
                }
                Resolved r;
                if (p.nginxDump()) {
                    List<SourceFile> parts = NginxDump.split(p.file.source());
                    NginxDump.Loader dl = NginxDump.loader(parts);
                    for (SourceFile part : parts) {
                        dumpParts.add(dl.parsed(part));
                    }
                    r = Frontends.get(Dialect.NGINX).resolve(dumpParts.get(dumpParts.size() - parts.size()),
                            options.resolve(), dl);
                } else {
                    r = Frontends.get(p.file.dialect()).resolve(p.file, resolveOptions(p.file, options.resolve()), loader);
                }
                roots.add(r);
                for (SourceFile f : r.files()) {
                    covered.add(identity(f));
                }
                covered.add(identity(p.file.source()));
            }
            Timings.add("phase read, parse, resolve", t0);
            // what the rest needs of each parsed file is its source and problems; the parsed trees that
            // resolution copied (every Apache file, nginx files read through include) become garbage
            // here instead of living to the end beside their copies
            List<ParsedFile> allParsed = new ArrayList<>();
            for (ParsedFile pf : loader.all()) {
                allParsed.add(withoutTree(pf));
            }
            parsed.forEach(p -> allParsed.add(withoutTree(p.file)));
            dumpParts.forEach(pf -> allParsed.add(withoutTree(pf)));
            loader.clear();
            parsed.clear();
            dumpParts.clear();
            roots.replaceAll(r -> new Resolved(withoutTree(r.root()), r.items(), r.files(), r.problems(), r.includes()));
            if (loader.bytesRead() >= COLLECT_AFTER_RESOLVE) {
                // the parse's temporaries and the trees released above were promoted with the live data;
                // one full collection here lets the rule phase reuse that memory instead of touching
                // more (20 MB configs: 12 to 25 MiB less peak RSS for about 120 ms of the check)
                long tg = Timings.start();
                System.gc();
                Timings.add("collection after resolve", tg);
            }
            long t1 = Timings.start();
            // 3. rules on every root, in parallel
            // (each rule of each root is a task of its own; the root's facts are computed once and
            // shared; results are collected in root and rule order, so the output is deterministic)
            List<Future<List<Finding>>> ruleRuns = new ArrayList<>();
            Map<Dialect, List<Rule>> wantedBy = new java.util.EnumMap<>(Dialect.class);
            for (Resolved r : roots) {
                Dialect d = r.root().dialect();
                Facts facts = new Facts(r, d, options.settings().facts());
                List<Rule> wanted = wantedBy.computeIfAbsent(d, k -> wanted(k, options));
                if (small(r)) {
                    // a small root's rules run as one task: for a tree of many small files, a task per
                    // rule and file cost more in hand-offs than the rules' own work
                    ruleRuns.add(pool.submit(() -> {
                        List<Finding> out = new ArrayList<>();
                        for (Rule rule : wanted) {
                            out.addAll(check(rule, r, facts, options));
                        }
                        return out;
                    }));
                    continue;
                }
                List<Future<List<Finding>>> runs = new ArrayList<>(java.util.Collections.nCopies(wanted.size(), null));
                for (int i : startOrder(wanted)) {
                    Rule rule = wanted.get(i);
                    runs.set(i, pool.submit(() -> check(rule, r, facts, options)));
                }
                ruleRuns.addAll(runs); // collected in registry order whatever the start order
            }
            boolean all = options.context() == LintOptions.Context.ALL;
            java.util.function.Predicate<Finding> reported = f -> all || contextOnly.isEmpty()
                    || !contextOnly.contains(identity(f.span().file()));
            Map<Key, Finding> unique = new LinkedHashMap<>();
            for (Resolved r : roots) {
                for (Problem pr : r.problems()) {
                    Finding f = fromProblem(pr);
                    if (reported.test(f)) {
                        add(unique, f);
                    }
                }
            }
            for (ParsedFile pf : allParsed) {
                for (Problem pr : pf.problems()) {
                    Finding f = fromProblem(pr);
                    if (reported.test(f)) {
                        add(unique, f);
                    }
                }
            }
            for (Future<List<Finding>> f : ruleRuns) {
                for (Finding fi : await(f)) {
                    if (reported.test(fi)) {
                        add(unique, fi);
                    }
                }
            }
            Timings.add("phase rules (wall)", t1);
            long t2 = Timings.start();
            LintResult out = filter(unique.values(), allParsed, options, baseline, skipped, notes);
            Timings.add("phase filter", t2);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Source bytes under which a root's rules run as one task rather than one task each. */
    static final long SMALL_ROOT = 64 << 10;

    private static boolean small(Resolved r) {
        long bytes = 0;
        for (SourceFile f : r.files()) {
            bytes += f.text().length();
            if (bytes >= SMALL_ROOT) {
                return false;
            }
        }
        return true;
    }

    /** The rules of a dialect that the selection enables, in registry order. */
    private List<Rule> wanted(Dialect d, LintOptions options) {
        List<Rule> wanted = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.dialects().contains(d) && rule.ids().stream().anyMatch(options.selection()::enabled)) {
                wanted.add(rule);
            }
        }
        return wanted;
    }

    /** Bytes read at which a full collection after resolution pays for itself in peak memory. */
    static final long COLLECT_AFTER_RESOLVE = 8L << 20;

    /** The file without its syntax tree: what reporting needs once the roots are resolved. */
    private static ParsedFile withoutTree(ParsedFile pf) {
        return new ParsedFile(pf.source(), pf.dialect(), List.of(), pf.problems());
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LintException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof LintException le) {
                throw le;
            }
            throw new LintException("internal error: " + c, c, true);
        }
    }

    private Object readAndParse(Input in, LintOptions options, ParseCache loader) {
        SourceFile src;
        try {
            if (in.stdin() != null) {
                src = SourceFile.fromBytes(null, in.path().toString(), in.stdin());
            } else {
                src = SourceFile.read(in.path());
            }
        } catch (NoSuchFileException e) {
            return unreadable(in, "no such file");
        } catch (IOException e) {
            // one unreadable input is a finding of its own; it never costs the other inputs' findings
            return unreadable(in, describe(e));
        }
        Dialect d = options.dialect();
        if (d == null) {
            boolean binary = src.text().indexOf('\0') >= 0;
            String foreign = binary ? null : DialectDetector.foreign(src);
            if (foreign != null) {
                // another program's file among the inputs (a hook's *.conf, a walk of /etc/nginx) is set
                // aside with a note: never a false syntax error, never the end of the run
                return src.name() + ": " + foreign + " (use --dialect to check it anyway)";
            }
            d = DialectDetector.detect(src);
            if (d == null && in.explicit() && (binary || src.text().isBlank())) {
                d = Dialect.NGINX; // a named binary file gets its SYN002 finding; an empty file is clean in both
            }
        }
        if (d == null) {
            return src.name() + ": neither nginx nor Apache configuration (use --dialect to force one)";
        }
        return parsedAs(in, src, d, loader);
    }

    private static Object parsedAs(Input in, SourceFile src, Dialect d, ParseCache loader) {
        if (d == Dialect.NGINX && NginxDump.isDump(src)) {
            // an `nginx -T` dump: split back into its files, resolved among themselves
            return new Parsed(in, new ParsedFile(src, d, List.of(), List.of()), true);
        }
        ParsedFile pf = Frontends.get(d).parse(src);
        if (in.stdin() == null) {
            loader.put(in.path(), pf);
        }
        return new Parsed(in, pf, false);
    }

    /** An input that cannot be read: a CFG106 finding at its first position, in an empty stand-in file. */
    private static Parsed unreadable(Input in, String why) {
        SourceFile empty = SourceFile.of(in.path(), "");
        Problem p = new Problem("CFG106", empty.span(0, 0), ReadFailure.headline(String.valueOf(in.path().getFileName() == null
                ? in.path() : in.path().getFileName()), why) + " The path " + in.path() + " cannot be read (" + why + ")");
        return new Parsed(in, new ParsedFile(empty, Dialect.NGINX, List.of(), List.of(p)), false);
    }

    /** A file's identity across symlinks: its real path when it is on disk. */
    private static Object identity(SourceFile f) {
        if (f.path() != null) {
            try {
                return f.path().toRealPath();
            } catch (IOException e) {
                return f.path().toAbsolutePath().normalize();
            }
        }
        return f;
    }

    /** Adds Debian's envvars (APACHE_LOG_DIR, ...) for Apache configs of that layout; given defines win. */
    private static ResolveOptions resolveOptions(ParsedFile f, ResolveOptions o) {
        if (f.dialect() == Dialect.NGINX) {
            // a snippet or conf.d file linted on its own: its includes are relative to the prefix of the
            // nginx.conf above it (/etc/nginx), as when nginx reads it, not to the snippet's directory
            if (o.prefix() != null || f.source().path() == null) {
                return o;
            }
            Path dir = f.source().path().toAbsolutePath().normalize().getParent();
            for (int i = 0; dir != null && i < 3; i++, dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("nginx.conf"))) {
                    return new ResolveOptions(dir, o.serverRoot(), o.defines(), o.modules(), o.modulesKnown(),
                            o.apacheVersion(), o.nginxVersion(), o.pathMap());
                }
            }
            return o;
        }
        Map<String, String> env = DebianEnvvars.near(f.source().path());
        if (env.isEmpty()) {
            return o;
        }
        Map<String, String> defines = new LinkedHashMap<>(env);
        defines.putAll(o.defines());
        return new ResolveOptions(o.prefix(), o.serverRoot(), defines, o.modules(), o.modulesKnown(), o.apacheVersion(),
                o.nginxVersion(), o.pathMap());
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** A file's path as users read it: relative to the working directory when it lies below it. */
    private static String shown(SourceFile f) {
        if (f.path() == null) {
            return f.name();
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path p = f.path().toAbsolutePath().normalize();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : f.name();
    }

    /** Main config names by dialect, nearest first at each level. */
    private static List<String> mainNames(Dialect d) {
        return d == Dialect.NGINX ? List.of("nginx.conf") : List.of("apache2.conf", "httpd.conf");
    }

    /**
     * The main config that includes a snippet, resolved, or null: the nearest {@code nginx.conf}
     * ({@code apache2.conf}, {@code httpd.conf}) in the snippet's directory or up to three levels
     * above it, not beyond the repository root, whose resolved files contain the snippet. A main
     * config with syntax errors of its own is no context (the snippet is then checked alone).
     */
    private Resolved contextOf(ParsedFile snippet, LintOptions options, ParseCache loader) {
        Object self = identity(snippet.source());
        Path dir = snippet.source().path().toAbsolutePath().normalize().getParent();
        for (int i = 0; dir != null && i < 4; i++, dir = dir.getParent()) {
            for (String name : mainNames(snippet.dialect())) {
                Path main = dir.resolve(name);
                if (!Files.isRegularFile(main) || identity(SourceFile.of(main, "")).equals(self)) {
                    continue;
                }
                try {
                    ParsedFile mf = loader.load(main, snippet.dialect());
                    if (!mf.problems().isEmpty()) {
                        return null;
                    }
                    Resolved r = Frontends.get(snippet.dialect()).resolve(mf, resolveOptions(mf, options.resolve()),
                            loader);
                    for (SourceFile f : r.files()) {
                        if (identity(f).equals(self)) {
                            return r;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    return null; // an unreadable main config is no context; the snippet is checked alone
                }
                return null; // the nearest main config does not include it
            }
            if (Files.exists(dir.resolve(".git"))) {
                break; // the repository's root: nothing above it belongs to this config
            }
        }
        return null;
    }

    /** A main config: everything else hangs off it, so the files it includes are not roots of their own. */
    static boolean isMain(ParsedFile f) {
        String name = f.source().path() == null ? "" : String.valueOf(f.source().path().getFileName()).toLowerCase(Locale.ROOT);
        if (name.equals("nginx.conf") || name.equals("httpd.conf") || name.equals("apache2.conf")) {
            return true;
        }
        for (Node n : f.items()) {
            if (n instanceof Directive d) {
                if (f.dialect() == Dialect.NGINX && (d.is("http") || d.is("events") || d.is("stream"))) {
                    return true;
                }
                if (f.dialect() == Dialect.APACHE && (d.is("ServerRoot") || d.is("LoadModule"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Finding> check(Rule rule, Resolved r, Facts facts, LintOptions options) {
        RuleContext ctx = new RuleContext(r, facts.dialect(), options.settings(), defaultLevel, facts);
        long t0 = Timings.startCpu();
        try {
            rule.check(ctx);
            Timings.addCpu("rule " + String.join("/", rule.ids()), t0);
        } catch (RuntimeException | StackOverflowError e) {
            // one rule's failure never costs the run: it becomes one finding, the others stand
            String ids = String.join("/", rule.ids());
            SourceFile f = r.root().source();
            ctx.report(new Finding(INTERNAL, defaultLevel.apply(INTERNAL), "Rule " + ids
                    + " failed on this config and its findings are missing: " + oneLine(e)
                    + ". Please report it with the config.", f.span(0, 0)));
        }
        return ctx.findings();
    }

    /**
     * The order in which a root's rules start: round robin over the rule families (the package of
     * each rule class: ws, cfg, tls, sec ...). Rules of one family tend to need the same fact
     * (routes, TLS endpoints, the directive table), and the first rule to ask builds it while the
     * others wait; starting the workers on different families lets them build different facts at
     * the same time instead of one waiting for the other. Findings are still collected in registry
     * order, so the output does not depend on it.
     */
    static List<Integer> startOrder(List<Rule> rules) {
        Map<String, java.util.ArrayDeque<Integer>> byFamily = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            String pkg = rules.get(i).getClass().getPackageName();
            byFamily.computeIfAbsent(pkg, k -> new java.util.ArrayDeque<>()).add(i);
        }
        List<Integer> out = new ArrayList<>(rules.size());
        while (out.size() < rules.size()) {
            for (java.util.ArrayDeque<Integer> q : byFamily.values()) {
                if (!q.isEmpty()) {
                    out.add(q.poll());
                }
            }
        }
        return out;
    }

    /** The rule id of a rule's internal failure and of an input that cannot be read. */
    public static final String INTERNAL = "CFG900";

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        s = s.replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private Finding fromProblem(Problem p) {
        List<dev.proxylint.rules.Related> related = new ArrayList<>();
        for (var s : p.related()) {
            related.add(new dev.proxylint.rules.Related(s, "related location"));
        }
        return new Finding(p.ruleId(), defaultLevel.apply(p.ruleId()), p.message(), p.span(), related, null);
    }

    /** What makes two findings the same one (a record over the finding's own strings: no copies). */
    private record Key(String ruleId, String file, int start, int end, String message) {
    }

    private static void add(Map<Key, Finding> unique, Finding f) {
        unique.putIfAbsent(new Key(f.ruleId(), f.span().file().name(), f.span().start(), f.span().end(), f.message()), f);
    }

    private LintResult filter(Collection<Finding> all, List<ParsedFile> parsedFiles, LintOptions options,
            Baseline baseline, List<String> skipped, List<String> notes) {
        Selection sel = options.selection();
        Set<SourceFile> files = new HashSet<>();
        for (ParsedFile pf : parsedFiles) {
            files.add(pf.source());
        }
        for (Finding f : all) {
            files.add(f.span().file());
        }
        Function<String, Level> lvl = id -> sel.level(id, defaultLevel.apply(id));
        Suppressions sup = new Suppressions(files, knownId, lvl);
        List<Finding> kept = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        for (Finding f : all) {
            if (!sel.enabled(f.ruleId())) {
                continue;
            }
            Finding g = f.withLevel(sel.level(f.ruleId(), f.level()));
            if (sup.suppresses(g)) {
                suppressed.add(g);
            } else {
                kept.add(g);
            }
        }
        for (Finding f : sup.problems(sel::enabled, lvl)) {
            if (sel.enabled(f.ruleId())) {
                kept.add(f);
            }
        }
        kept.removeIf(f -> f.level().compareTo(options.minLevel()) < 0);
        int baselined = 0;
        if (baseline != null) {
            int before = kept.size();
            kept = baseline.filter(kept);
            baselined = before - kept.size();
        }
        kept.sort(Finding.ORDER);
        suppressed.sort(Finding.ORDER);
        List<SourceFile> fileList = new ArrayList<>(files);
        fileList.sort(Comparator.comparing(SourceFile::name));
        Map<SourceFile, Integer> syntax = new java.util.IdentityHashMap<>();
        for (ParsedFile pf : parsedFiles) {
            int n = (int) pf.problems().stream().filter(p -> p.ruleId().startsWith("SYN")).count();
            syntax.merge(pf.source(), n, Math::max);
        }
        return new LintResult(List.copyOf(kept), List.copyOf(suppressed), baselined, fileList, skipped,
                Collections.unmodifiableMap(syntax), List.copyOf(notes));
    }
}
