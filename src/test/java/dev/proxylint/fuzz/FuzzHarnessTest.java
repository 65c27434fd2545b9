package dev.proxylint.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.proxylint.engine.Frontends;
import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintException;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.LintResult;
import dev.proxylint.engine.Linter;
import dev.proxylint.fix.Fixer;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.rules.Rules;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ParsedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The fuzzing harness: mutants of every {@code testdata/} config (bytes cut, repeated, swapped, and
 * tokens of both dialects inserted) go through the whole pipeline (front end, resolver, every rule,
 * the fix planner, the fixes applied until nothing changes) and must never throw, never report an
 * internal error (CFG900), and every fix must re-parse cleanly and reach a fixed point within the
 * passes --fix takes.
 *
 * <p>CI runs a short budget (the jqwik property, a few hundred seeds). The long run is one command:
 * {@code mvn -q test -Dtest=FuzzHarnessTest#longRun -Dproxylint.fuzz.cases=1000000} (it prints its
 * figures; without the property it runs a token budget of 200 cases).
 */
class FuzzHarnessTest {
    static final Path TESTDATA = Path.of("testdata");
    static final RuleRegistry REGISTRY = RuleRegistry.builtin();
    static final Linter LINTER = new Linter(Rules.all(),
            id -> REGISTRY.find(id).map(RuleMeta::level).orElse(Level.WARNING), REGISTRY::contains);
    static final List<Seed> SEEDS = seeds();
    static final String[] NGINX_TOKENS = {"{", "}", ";", "\"", "'", "\\", "$", "${", "#", "\n", " ",
        "include x.conf;", "include /dev/zero;", "location ~ (ws|socket) {", "location ^~ /ws {", "if ($x) {",
        "proxy_pass http://$host$uri;", "proxy_set_header Connection $http_upgrade;", "proxy_http_version 1.1;",
        "map $http_upgrade $connection_upgrade {", "server {", "listen 443 ssl;", "ssl_protocols TLSv1;",
        "ssl_ciphers 'ALL:!a';", "add_header Strict-Transport-Security \"max-age=0\";", "proxy_read_timeout 1x;",
        "$1", "\u0000", "\r", "\u00e9", "\ud83d\ude00"};
    static final String[] APACHE_TOKENS = {"<VirtualHost *:80>", "</VirtualHost>", "<Location />", "</Location>",
        "<IfModule x>", "</IfModule>", "<Macro M $a>", "</Macro>", "Use M 1", "Define X", "${X}", "\\\n", "\"",
        "#", "\n", "ProxyPass / http://127.0.0.1:1/", "ProxyPass /ws ws://127.0.0.1:1/ upgrade=h2c",
        "RewriteEngine On", "RewriteCond %{HTTP:Upgrade} websocket [NC]", "RewriteRule ^/(.*) ws://b/$1 [P,L]",
        "SSLProtocol TLSv1 +TLSv1.1", "SSLCipherSuite TLSv1.3 \"\"", "Header set X %{X}e", "Include x.conf",
        "IncludeOptional /nonexistent/*", "Timeout 0", "\u0000", "\r", "<", ">"};

    record Seed(Path path, Dialect dialect, String text) {
    }

    private static final AtomicLong CASES = new AtomicLong();
    private static final AtomicLong FIXES = new AtomicLong();

    private static List<Seed> seeds() {
        List<Seed> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TESTDATA)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                Dialect d = p.toString().contains("/apache/") ? Dialect.APACHE : Dialect.NGINX;
                out.add(new Seed(p, d, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** One mutant of a seed: 1 to 6 random edits. */
    static String mutate(Seed seed, Random rnd) {
        StringBuilder sb = new StringBuilder(seed.text());
        String[] tokens = seed.dialect() == Dialect.APACHE ? APACHE_TOKENS : NGINX_TOKENS;
        int edits = 1 + rnd.nextInt(6);
        for (int i = 0; i < edits; i++) {
            int len = sb.length();
            int at = len == 0 ? 0 : rnd.nextInt(len + 1);
            switch (rnd.nextInt(5)) {
                case 0 -> sb.insert(at, tokens[rnd.nextInt(tokens.length)]);
                case 1 -> { // cut a range (a file cut off mid-directive is the special case at = end)
                    int n = Math.min(len - at, 1 + rnd.nextInt(40));
                    sb.delete(at, at + n);
                }
                case 2 -> { // repeat a range
                    int n = Math.min(len - at, 1 + rnd.nextInt(80));
                    sb.insert(at, sb.substring(at, at + n));
                }
                case 3 -> { // swap two characters
                    if (len >= 2) {
                        int b = rnd.nextInt(len);
                        int a2 = Math.min(at, len - 1);
                        char c = sb.charAt(a2);
                        sb.setCharAt(a2, sb.charAt(b));
                        sb.setCharAt(b, c);
                    }
                }
                default -> sb.setLength(at); // truncate
            }
        }
        return sb.toString();
    }

    static LintResult lint(String name, String text, Dialect d) {
        LintOptions o = LintOptions.defaults();
        o = new LintOptions(d, o.resolve(), o.settings(), o.selection(), o.minLevel(), o.excludes(), 1);
        return LINTER.run(List.of(new Input(Path.of(name), text.getBytes(StandardCharsets.UTF_8), true)), o, null);
    }

    /** One case: lint the mutant, apply its fixes until nothing changes; every step must hold. */
    static void runCase(Seed seed, long caseSeed) {
        Random rnd = new Random(caseSeed);
        converge(seed, mutate(seed, rnd), seed.path() + " mutant " + caseSeed, false);
    }

    private static final java.util.regex.Pattern UNDEFINED = java.util.regex.Pattern.compile("^Variable \\$(\\w+) ");

    /** Lints {@code text} and applies its fixes until nothing changes (at most 5 passes); every step must hold. */
    static void converge(Seed seed, String text, String where, boolean verbose) {
        String name = "fuzz" + (seed.dialect() == Dialect.APACHE ? "-apache" : "") + ".conf";
        try {
            java.util.Set<String> undefined = null; // the variables CFG110 calls undefined before this pass
            String before = text;
            for (int pass = 0; pass <= 5; pass++) {
                LintResult r = lint(name, text, seed.dialect());
                CASES.incrementAndGet();
                java.util.Set<String> now = new java.util.TreeSet<>();
                for (Finding f : r.findings()) {
                    java.util.regex.Matcher m = UNDEFINED.matcher(f.message());
                    if (f.ruleId().equals("CFG110") && m.find()) {
                        now.add(m.group(1).toLowerCase(java.util.Locale.ROOT)); // nginx folds variable names
                    }
                }
                if (undefined != null) {
                    // CFG110 names one undefined variable per directive, so a fix may uncover the next;
                    // a name the text before the fix never spelt is one the fix wrote
                    for (String v : now) {
                        if (!undefined.contains(v) && !java.util.regex.Pattern.compile("\\$\\{?" + v + "(?![A-Za-z0-9_])",
                                java.util.regex.Pattern.CASE_INSENSITIVE)
                                .matcher(before).find()) {
                            fail(where + ": a fix brought in the undefined variable $" + v + ":\n" + text);
                        }
                    }
                }
                undefined = now;
                for (Finding f : r.findings()) {
                    if (f.ruleId().equals(Linter.INTERNAL)) {
                        fail(where + ": " + f.message() + "\n--- input ---\n" + text);
                    }
                    assertTrue(f.span().start() >= 0 && f.span().end() <= f.span().file().text().length()
                            && f.span().start() <= f.span().end(), where + ": span out of the file: " + f);
                }
                List<Fixer.FileFix> plan = Fixer.planChecked(r.findings(),
                        sf -> r.syntaxProblems().getOrDefault(sf, 0), sf -> parse(sf, seed.dialect()));
                String next = null;
                for (Fixer.FileFix ff : plan) {
                    if (ff.changed() && ff.file().name().equals(name)) {
                        next = ff.newText();
                    }
                }
                if (next == null) {
                    return; // a fixed point
                }
                if (verbose) {
                    System.out.println("--- pass " + pass + ": fixes of " + r.findings().stream()
                            .filter(f -> f.fix() != null).map(Finding::ruleId).toList() + "\n" + next);
                }
                FIXES.incrementAndGet();
                int syntax = (int) parse(SourceFile.of(name, next), seed.dialect()).problems().stream()
                        .filter(p -> p.ruleId().startsWith("SYN")).count();
                assertEquals(0, syntax, where + ": a fix made the file unparsable:\n" + next);
                before = text;
                text = next;
            }
            fail(where + ": --fix did not reach a fixed point in 5 passes:\n" + text);
        } catch (LintException e) {
            if (e.internal()) {
                fail(where + ": " + e.getMessage() + "\n--- input ---\n" + text, e);
            }
            // a usage-level error (none expected for stdin input) is one line, not a crash
        }
    }

    static ParsedFile parse(SourceFile f, Dialect d) {
        return Frontends.get(d).parse(f);
    }

    @Property(tries = 300, seed = "20261203")
    void mutantsOfEveryCaseNeverCrashAndFixesConverge(@ForAll long caseSeed) {
        Seed seed = SEEDS.get((int) Math.floorMod(caseSeed, (long) SEEDS.size()));
        runCase(seed, caseSeed);
    }

    /**
     * Every mutant a long run found failing and that was fixed since, kept in
     * {@code src/test/resources/fuzz-regressions/} (copied from target/fuzz-failures/), converges.
     */
    @Test
    void keptMutantsStayFixed() throws IOException {
        Path dir = Path.of("src", "test", "resources", "fuzz-regressions");
        List<Path> kept;
        try (Stream<Path> s = Files.list(dir)) {
            kept = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertTrue(kept.size() >= 10, "kept mutants: " + kept.size());
        for (Path p : kept) {
            replay(p.toString());
        }
    }

    @Test
    void theSeedsAreTheTestdataCasesOfBothDialects() {
        assertTrue(SEEDS.size() > 300, "seeds: " + SEEDS.size());
        assertTrue(SEEDS.stream().anyMatch(s -> s.dialect() == Dialect.APACHE));
        assertTrue(SEEDS.stream().anyMatch(s -> s.dialect() == Dialect.NGINX));
    }

    /** Replays one kept mutant ({@code longRun} with {@code -Dproxylint.fuzz.replay=FILE}), printing each pass. */
    static void replay(String file) throws IOException {
        Path p = Path.of(file);
        Dialect d = p.toString().endsWith(".apache.conf") ? Dialect.APACHE : Dialect.NGINX;
        converge(new Seed(p, d, Files.readString(p, StandardCharsets.ISO_8859_1)), Files.readString(p,
                StandardCharsets.ISO_8859_1), p.toString(), true);
    }

    /** Replays every mutant of a directory quietly and prints the first line of each failure. */
    static void replayAll(Path dir) throws IOException {
        List<Path> kept;
        try (Stream<Path> s = Files.list(dir)) {
            kept = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        int failed = 0;
        for (Path p : kept) {
            Dialect d = p.toString().endsWith(".apache.conf") ? Dialect.APACHE : Dialect.NGINX;
            String text = Files.readString(p, StandardCharsets.ISO_8859_1);
            try {
                converge(new Seed(p, d, text), text, p.getFileName().toString(), false);
            } catch (Throwable e) {
                failed++;
                String m = String.valueOf(e.getMessage());
                System.out.println("replay failure: " + m.lines().findFirst().orElse(m));
            }
        }
        System.out.println("replay: " + kept.size() + " mutant(s), " + failed + " failing");
        assertEquals(0, failed, failed + " of " + kept.size() + " kept mutants fail");
    }

    /** Writes a failing mutant to {@code target/fuzz-failures/} so it can be replayed with the CLI. */
    static void keep(Seed seed, long caseSeed) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            String base = seed.path().getFileName().toString().replace(".conf", "") + "-" + Long.toUnsignedString(caseSeed);
            Files.writeString(dir.resolve(base + (seed.dialect() == Dialect.APACHE ? ".apache.conf" : ".conf")),
                    mutate(seed, new Random(caseSeed)));
        } catch (IOException e) {
            System.err.println("fuzz: could not keep a failing mutant: " + e.getMessage());
        }
    }

    /** The long run: {@code -Dproxylint.fuzz.cases=N} cases over every seed, on both cores. */
    @Test
    void longRun() throws Exception {
        String replay = System.getProperty("proxylint.fuzz.replay");
        if (replay != null && Files.isDirectory(Path.of(replay))) {
            replayAll(Path.of(replay)); // every kept mutant of a directory, one line per failure
            return;
        }
        if (replay != null) {
            replay(replay); // one kept mutant of target/fuzz-failures/, each pass printed
            return;
        }
        long n = Long.getLong("proxylint.fuzz.cases", 200);
        long start = System.nanoTime();
        long before = CASES.get();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicLong next = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(null, () -> {
                long i;
                while ((i = next.getAndIncrement()) < n) {
                    Seed seed = SEEDS.get((int) (i % SEEDS.size()));
                    long caseSeed = i * 0x9E3779B97F4A7C15L;
                    try {
                        runCase(seed, caseSeed);
                    } catch (Throwable e) {
                        failures.add(e);
                        keep(seed, caseSeed);
                        String m = String.valueOf(e.getMessage());
                        System.out.println("fuzz failure: " + m.lines().findFirst().orElse(m));
                    }
                }
            }, "fuzz-" + t, 64L << 20);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: %d mutants, %d lint runs, %d fix passes, %.1f s, %.0f mutants/s, %d failure(s)%n",
                Math.min(n, next.get()), CASES.get() - before, FIXES.get(), s, n / s, failures.size());
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (Throwable t : failures) {
            String m = String.valueOf(t.getMessage());
            String first = m.lines().findFirst().orElse(m);
            // the seed file and the kind of failure, without the mutant's number
            kinds.merge(first.replaceAll(" mutant -?\\d+", ""), 1, Integer::sum);
        }
        kinds.forEach((k, v) -> System.out.println("fuzz failure x" + v + ": " + k));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " failing mutant(s); the first:", failures.get(0));
        }
    }
}
