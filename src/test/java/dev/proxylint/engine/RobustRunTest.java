package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.proxylint.cli.CliRun;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.rules.Rules;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ParseCache;
import dev.proxylint.syntax.ParsedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run never lets one failure cost the others, never blocks on a read, and never passes silently. */
class RobustRunTest {
    @TempDir
    Path dir;

    static final RuleRegistry REG = RuleRegistry.builtin();

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static final String BROKEN = "events {}\nhttp {\n    server {\n        listen 80;\n        location /ws {\n"
            + "            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n";

    @Test
    void aRuleThatThrowsIsOneFindingAndTheOthersStand() throws Exception {
        Rule boom = new Rule() {
            @Override
            public Set<String> ids() {
                return Set.of("WS999");
            }

            @Override
            public Set<Dialect> dialects() {
                return Set.of(Dialect.NGINX);
            }

            @Override
            public void check(RuleContext ctx) {
                throw new StringIndexOutOfBoundsException("index 3");
            }
        };
        List<Rule> rules = new ArrayList<>();
        rules.add(boom);
        rules.addAll(Rules.all());
        Linter l = new Linter(rules, id -> REG.find(id).map(RuleMeta::level).orElse(Level.WARNING), id -> true);
        Path p = dir.resolve("nginx.conf");
        Files.writeString(p, BROKEN);
        LintResult r = l.run(List.of(new Input(p, null, true)), LintOptions.defaults(), null);
        List<String> ids = r.findings().stream().map(Finding::ruleId).toList();
        assertEquals(1, ids.stream().filter("CFG900"::equals).count(), ids.toString());
        assertTrue(ids.contains("WS101"), "the other rules' findings stand: " + ids);
        Finding internal = r.findings().stream().filter(f -> f.ruleId().equals("CFG900")).findFirst().orElseThrow();
        assertTrue(internal.message().contains("WS999") && internal.message().contains("StringIndexOutOfBounds"),
                internal.message());
    }

    @Test
    void theParseCacheKeepsOneReadingPerDialect() throws Exception {
        Path shared = dir.resolve("shared.conf");
        Files.writeString(shared, "location /ws { proxy_pass http://b; }\n");
        ParseCache c = new ParseCache(Frontends::get);
        ParsedFile n = c.load(shared, Dialect.NGINX);
        ParsedFile a = c.load(shared, Dialect.APACHE);
        assertNotSame(n, a);
        assertEquals(Dialect.NGINX, n.dialect());
        assertEquals(Dialect.APACHE, a.dialect());
        assertTrue(n == c.load(shared, Dialect.NGINX), "each dialect's reading is cached");
    }

    @Test
    void anNginxAndAnApacheConfigIncludingOneFileBothGetTheirFindings() throws Exception {
        Files.writeString(dir.resolve("ws.inc"), "location /ws {\n    proxy_pass http://127.0.0.1:8080;\n}\n");
        Files.writeString(dir.resolve("apache2.conf"), "ServerRoot " + dir + "\nInclude ws.inc\n");
        Files.writeString(dir.resolve("nginx.conf"), "events {}\nhttp {\n    server {\n        listen 80;\n"
                + "        include " + dir.resolve("ws.inc") + ";\n    }\n}\n");
        CliRun r = run("check", "--format", "concise", dir.resolve("apache2.conf").toString(),
                dir.resolve("nginx.conf").toString());
        assertTrue(r.out().contains("ws.inc:1:1: error: ") && r.out().contains("[WS101]"),
                "the nginx findings on the shared file are reported: " + r.out() + r.err());
        assertEquals(1, r.code(), r.err());
    }

    @Test
    void aFifoOrADeviceIsAFindingNeverABlockingRead() throws Exception {
        Path fifo = dir.resolve("fifo.conf");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        Path main = dir.resolve("nginx.conf");
        Files.writeString(main, "events {}\nhttp {\n    include /dev/zero;\n    include " + fifo + ";\n}\n");
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("check", "--format", "concise",
                "--path-map", "/=/", main.toString(), fifo.toString()));
        assertEquals(1, r.code(), r.err());
        assertEquals(3, r.out().lines().filter(l -> l.contains("[CFG106]") && l.contains("not a regular file")).count(),
                r.out());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aFileAboveTheSizeLimitIsAFinding() throws Exception {
        Path big = dir.resolve("big.conf");
        Files.writeString(big, "# " + "x".repeat(4096) + "\n");
        Path main = dir.resolve("nginx.conf");
        Files.writeString(main, "events {}\nhttp {\n    include " + big + ";\n}\n");
        try {
            CliRun r = run("check", "--format", "concise", "--max-file-size", "1k", main.toString());
            assertTrue(r.out().contains("[CFG106]") && r.out().contains("larger than the limit of 1024 bytes"), r.out());
        } finally {
            dev.proxylint.source.SourceFile.maxFileBytes(dev.proxylint.source.SourceFile.DEFAULT_MAX_FILE_BYTES);
        }
        CliRun bad = run("check", "--max-file-size", "lots", main.toString());
        assertEquals(2, bad.code());
        assertEquals("proxylint: error: bad --max-file-size 'lots' (expected a size like 64m, 512k or 1g)",
                bad.err().strip());
    }

    @Test
    void theRunsReadBudgetStopsFurtherIncludes() throws Exception {
        for (int i = 0; i < 4; i++) {
            Files.writeString(dir.resolve("part" + i + ".inc"), "# " + "x".repeat(1000) + "\n");
        }
        Path main = dir.resolve("nginx.conf");
        Files.writeString(main, "events {}\nhttp {\n    include " + dir + "/part*.inc;\n}\n");
        // the text format: the --max-read hint follows the first sentence, which concise shows alone
        CliRun r = run("check", "--format", "text", "--max-read", "2500", main.toString());
        assertTrue(r.out().contains("CFG106") && r.out().contains("--max-read"), r.out());
        // the first sentence keeps the include's file pattern and the reason
        CliRun c = run("check", "--format", "concise", "--max-read", "2500", main.toString());
        assertTrue(c.out().contains("include \"\u2026/part*.inc\" cannot be read: reading it would pass the run's limit"), c.out());
    }

    @Test
    void aMillionBracesCostOneHundredAndOneFindings() throws Exception {
        Path p = dir.resolve("nginx.conf");
        Files.writeString(p, "}".repeat(1_000_000));
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("check", "--format", "concise", p.toString()));
        assertEquals(101, r.out().lines().filter(l -> l.contains("[SYN001]")).count());
        assertTrue(r.out().contains("more syntax problem(s) in this file are not listed"), r.out().substring(0, 200));
    }

    @Test
    void aWalkThatChecksNothingIsNoPass() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("etc"));
        Files.writeString(tree.resolve("redis.conf"), "bind 127.0.0.1 -::1\nprotected-mode yes\nport 6379\n");
        CliRun r = run("check", tree.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no nginx or Apache configuration found in " + tree), r.err());
    }

    @Test
    void linesOfFilesOutsideTheNamedPathsAreNotPrinted() throws Exception {
        Path secret = dir.resolve("config.json");
        Files.writeString(secret, "location /ws { proxy_pass http://127.0.0.1:8080; } # auth: s3cr3t-token\n");
        Path main = dir.resolve("nginx.conf");
        Files.writeString(main, "events {}\nhttp {\n    server {\n        listen 80;\n        include " + secret
                + ";\n    }\n}\n");
        CliRun r = run("check", "--color", "never", main.toString());
        assertTrue(r.out().contains("WS101"), r.out());
        assertFalse(r.out().contains("s3cr3t-token"), r.out());
        assertTrue(r.out().contains("line not shown: the file is outside the paths checked"), r.out());
    }
}
