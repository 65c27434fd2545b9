package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.LintResult;
import dev.proxylint.rules.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@code testdata/apache/ws/} against real Apache 2.4.71 (conventions in that
 * directory's README.md): proxylint's verdict (a finding of a rule in {@link #BREAKING}) must agree
 * with a real WebSocket handshake at the case's probe path through Apache in front of
 * {@link WsEchoBackend}, and after {@code --fix} the handshake and an echo must succeed. Cases run
 * on a small thread pool so the class stays well under a minute.
 */
class ApacheWsCasesE2ETest {
    static final Path DIR = Path.of("testdata/apache/ws");
    /** Rules whose findings claim that the upgrade at the probe path does not happen. */
    static final Set<String> BREAKING = Set.of("WS200", "WS201", "WS202", "WS204", "WS205", "WS206", "WS207", "WS208",
            "WS209", "WS212");
    /** Modules for cases without LoadModule lines (besides the harness' mpm_event and authz_core). */
    static final String[] DEFAULT_MODULES = {"proxy", "proxy_http", "rewrite"};
    static final Pattern LOAD_MODULE = Pattern.compile("(?m)^\\s*LoadModule\\s+\\S+\\s+\\S*mod_(\\w+)\\.so\\s*$");
    static final Pattern LISTEN = Pattern.compile("(?mi)^\\s*Listen\\s+.*\\R?");

    @TempDir
    static Path tmp;
    private static WsEchoBackend backend;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws IOException {
        ServerSupport.requireBinary(ServerSupport.APACHE);
        backend = WsEchoBackend.start();
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** The case's header comments: {@code # probe: /ws [backend=/x]}, {@code # e2e: static-only: why}. */
    record Header(String probe, String backendPath, String staticOnly) {
        static Header of(String text) {
            String probe = null;
            String backendPath = null;
            String staticOnly = null;
            for (String line : text.split("\\R")) {
                String t = line.trim();
                if (t.startsWith("# probe:")) {
                    for (String w : t.substring("# probe:".length()).trim().split("\\s+")) {
                        if (w.startsWith("backend=")) {
                            backendPath = w.substring("backend=".length());
                        } else {
                            probe = w;
                        }
                    }
                } else if (t.startsWith("# e2e: static-only")) {
                    staticOnly = t.substring("# e2e: ".length());
                }
            }
            return new Header(probe, backendPath, staticOnly);
        }
    }

    /** What Apache did with a config: refused it ({@code apache2 -t} failed), or the probe's outcome. */
    record Live(String refusal, WsOutcome outcome, Boolean foreignUpgradeForwarded, Boolean forwardProxy,
                String diagnostics) {
        boolean upgraded() {
            return refusal == null && outcome.status() == 101 && outcome.echo();
        }

        String describe() {
            return refusal != null ? "apache2 -t refused the config:\n" + refusal : outcome + "\n" + diagnostics;
        }
    }

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(DIR)) {
            cases = s.filter(p -> p.toString().endsWith(".conf") && !p.toString().endsWith(".fixed.conf")).sorted().toList();
        }
        assertTrue(cases.size() >= 17, "too few Apache WebSocket cases: " + cases.size());
        Map<Path, Future<?>> running = new LinkedHashMap<>();
        for (Path p : cases) {
            running.put(p, pool.submit(() -> {
                check(p);
                return null;
            }));
        }
        return cases.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            try {
                running.get(p).get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }));
    }

    /** Rules whose verdict depends on the Apache version (2.4.47 changed upgrade handling). */
    static final Set<String> VERSION_DEPENDENT = Set.of("WS201", "WS203", "WS204");

    static void check(Path p) throws Exception {
        String text = Files.readString(p);
        Header h = Header.of(text);
        assertTrue(h.probe() != null && h.probe().startsWith("/"), p + " has no '# probe: /path' header");
        assertTrue(text.contains("127.0.0.1:8080"), p + " does not use backend 127.0.0.1:8080");
        CaseFile c = CaseFile.read(p);
        LintResult r = c.lint();
        Set<String> ids = new TreeSet<>();
        for (Finding f : r.findings()) {
            if (f.span().file().path() != null && f.span().file().path().getFileName().equals(p.getFileName())) {
                ids.add(f.ruleId());
            }
        }
        if (h.staticOnly() != null) {
            // Cases about httpd before 2.4.47 cannot run on Debian's 2.4.71; their findings are checked by
            // TestdataCasesTest. Here: such a case must be version-dependent and actually flagged.
            assertTrue(VERSION_DEPENDENT.stream().anyMatch(ids::contains),
                    p + " is static-only but has no version-dependent finding: " + ids);
            return;
        }
        boolean broken = ids.stream().anyMatch(BREAKING::contains);
        String name = p.getFileName().toString().replace(".conf", "");

        Live before = live(name + "-before", text, h);
        if (before.refusal() == null) {
            // WS211 claims that upgrade=ANY/* forwards any protocol: an "Upgrade: foo" reaches the backend
            assertEquals(ids.contains("WS211"), before.foreignUpgradeForwarded(), name + ": Upgrade: foo forwarded?");
            // SEC201 claims an open forward proxy: a request for an absolute URL is relayed
            assertEquals(ids.contains("SEC201"), before.forwardProxy(), name + ": relays absolute URLs?");
        }
        String verdict = name + ": proxylint says " + (broken ? "broken" : "not broken") + " " + ids + ", Apache: ";
        if (before.refusal() != null) {
            assertTrue(broken, verdict + before.describe());
        } else {
            assertEquals(!broken, before.upgraded(), verdict + before.describe());
            if (h.backendPath() != null && ids.contains("WS210")) {
                assertNotEquals("GET " + h.backendPath() + " HTTP/1.1", before.outcome().backendRequestLine(),
                        verdict + "WS210 claims a wrong backend path: " + before.describe());
            }
        }

        String fixed = c.fixText(r);
        String line = "[e2e] " + name + " " + ids + " broken=" + broken + " | before: "
                + (before.refusal() != null ? "refused by apache2 -t" : before.outcome().summary());
        if (fixed.equals(text)) {
            System.out.println(line + " | no fix");
            return; // nothing to fix (good case, or a finding without a fix)
        }
        Live after = live(name + "-after", fixed, h);
        System.out.println(line + " | after --fix: " + after.describe().lines().findFirst().orElse(""));
        assertTrue(after.upgraded(), name + " after --fix " + ids + ":\n" + after.describe() + "\n--- fixed case\n" + fixed);
        assertFalse(after.foreignUpgradeForwarded(), name + " after --fix still forwards Upgrade: foo");
        assertFalse(after.forwardProxy(), name + " after --fix still relays absolute URLs");
        if (h.backendPath() != null) {
            assertEquals("GET " + h.backendPath() + " HTTP/1.1", after.outcome().backendRequestLine(), after.describe());
        }
    }

    /** Runs Apache with the case's config (conventions in testdata/apache/ws/README.md) and probes it once. */
    static Live live(String tag, String caseText, Header h) throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = LOAD_MODULE.matcher(caseText);
        while (m.find()) {
            modules.add(m.group(1));
        }
        String body = LOAD_MODULE.matcher(caseText).replaceAll("");
        body = LISTEN.matcher(body).replaceAll("");
        body = body.replace("127.0.0.1:8080", "@BACKEND@").replace(":8000", ":@PORT@");
        assertFalse(body.contains("8000"), tag + ": the case uses port 8000 in a form the test does not map");
        ApacheProcess a = ApacheProcess.create(tmp).backend(backend)
                .modules(modules.isEmpty() ? DEFAULT_MODULES : modules.toArray(String[]::new)).body(body);
        ProcResult t = a.configTest();
        if (t.exitCode() != 0) {
            return new Live(t.output(), null, null, null, null);
        }
        try (ApacheProcess running = a.start()) {
            WsOutcome o = attempt(running.port(), h.probe(), tag);
            Boolean foreign = foreign(running.port(), h.probe(), tag + "-foreign");
            boolean forward = forwardProxies(running.port(), tag + "-forward");
            return new Live(null, o, foreign, forward, "--- apache error log\n" + running.errorLogText());
        }
    }

    /** Whether a request with {@code Upgrade: foo} reaches the backend with that header (null: not reached). */
    static Boolean foreign(int port, String path, String marker) throws IOException {
        try (WsClient c = WsClient.connect(port)) {
            c.handshakeRaw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: foo\r\n"
                    + "Connection: Upgrade\r\nX-Case: " + marker + "\r\n\r\n", null);
        }
        WsEchoBackend.RequestHead seen = WsOutcome.lastSeen(backend, marker);
        return seen == null ? Boolean.FALSE : "foo".equalsIgnoreCase(seen.header("Upgrade"));
    }

    /**
     * Whether Apache relays {@code GET http://<backend>/forward-<marker>} as a forward proxy: the
     * backend sees the request without X-Forwarded-For (a reverse ProxyPass / would also pass the path
     * on, but adds X-Forwarded-For).
     */
    static boolean forwardProxies(int port, String marker) throws IOException {
        String target = "/forward-" + marker;
        WsClient.get(port, "http://" + backend.hostPort() + target);
        return backend.requests().stream().anyMatch(r -> target.equals(r.target()) && r.header("X-Forwarded-For") == null);
    }

    /** The handshake as Chrome and as Firefox send it, then one echo on 101: works only when both do. */
    static WsOutcome attempt(int port, String path, String marker) throws IOException {
        return WsOutcome.attemptBothBrowsers(backend, port, path, marker);
    }
}
