package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.Frontends;
import dev.proxylint.engine.LintResult;
import dev.proxylint.fix.Fixer;
import dev.proxylint.rules.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every nginx case of {@code testdata/nginx/ws} (and those of {@code testdata/nginx/cfg} with a
 * {@code # probe:} line), judged by real nginx in front of {@link WsEchoBackend}: proxylint's verdict (any finding that claims a broken upgrade,
 * see {@link #BROKEN}) must match what a WebSocket handshake at the case's {@code # probe:} path
 * really does, and where proxylint offers fixes for a broken case, the fixed config must upgrade
 * and echo. The cases are linted for the installed nginx's version (a case written for another
 * version is judged for this one), since that is the server that answers.
 */
class NginxWsCasesE2ETest {
    /** Rules whose finding means "a WebSocket handshake on this route fails" (or nginx does not start). */
    static final Set<String> BROKEN = Set.of("WS100", "WS101", "WS102", "WS103", "WS107", "WS108", "WS110",
            "CFG110");
    /** Rules whose finding means "nginx refuses this configuration". */
    static final Set<String> REFUSED = Set.of("WS110", "CFG110");

    @TempDir
    static Path tmp;
    private static WsEchoBackend backend;
    private static String nginxVersion;

    @BeforeAll
    static void start() throws IOException {
        ServerSupport.requireBinary(ServerSupport.NGINX);
        ProcResult v = ServerSupport.run(List.of(ServerSupport.NGINX.toString(), "-v"), null, Duration.ofSeconds(10));
        Matcher m = Pattern.compile("nginx/(\\d+\\.\\d+\\.\\d+)").matcher(v.output());
        assertTrue(m.find(), "cannot read the nginx version from: " + v.output());
        nginxVersion = m.group(1);
        backend = WsEchoBackend.start();
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path p : CaseFile.all(Path.of("testdata"))) {
            String fam = p.getParent().getFileName().toString();
            if (!p.getParent().getParent().getFileName().toString().equals("nginx")) {
                continue;
            }
            // every WebSocket case has a probe; of the cfg cases, those about variables (with a probe)
            if (fam.equals("ws") || fam.equals("cfg") && NginxCaseConfig.probe(Files.readString(p)) != null) {
                all.add(p);
            }
        }
        assertTrue(all.size() >= 20, "expected the nginx ws/cfg cases, found " + all);
        return all.stream().map(p -> DynamicTest.dynamicTest(p.getParent().getFileName() + "/" + p.getFileName(),
                () -> check(p)));
    }

    /**
     * WS111 against real nginx, location by location: for every WebSocket prefix location named
     * with a trailing slash in the two slash-redirect cases, a handshake at the name without the
     * slash gets a 301 exactly when proxylint reports WS111 on that location, and a handshake at
     * the name itself upgrades (both browsers' header styles).
     */
    @Test
    void slashRedirectFindingsAreTheRedirectsRealNginxSends() throws Exception {
        Pattern head = Pattern.compile("(?m)^\\s*location (?:\\^~ |= )?(/\\S*/) \\{\\n\\s*proxy_pass ");
        int flagged = 0;
        int clean = 0;
        for (String name : List.of("ws-slash-redirect.conf", "ws-slash-redirect-none.conf")) {
            Path path = Path.of("testdata", "nginx", "ws", name);
            String text = Files.readString(path);
            LintResult r = forInstalledNginx(CaseFile.read(path)).lint();
            Set<Integer> ws111 = new TreeSet<>();
            r.findings().stream().filter(f -> f.ruleId().equals("WS111")).forEach(f -> ws111.add(f.span().startLine()));
            Matcher m = head.matcher(text);
            while (m.find()) {
                String loc = m.group(1);
                int line = (int) text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
                String at = name + ":" + line + " location " + loc;
                String withSlash = run(name + "-slash", text, Map.of(), loc, false).handshake();
                assertEquals("101 echo", withSlash, at + ": a handshake at the location's own name");
                if (loc.endsWith("/socket.io/")) {
                    continue; // exempt for its clients (they always send the slash), not for nginx
                }
                String bare = run(name + "-bare", text, Map.of(), loc.substring(0, loc.length() - 1), false).handshake();
                boolean redirected = bare.startsWith("301");
                System.out.println("[e2e] " + at + ": WS111 " + (ws111.contains(line) ? "reported" : "not reported")
                        + ", real nginx at the bare name: " + bare);
                assertEquals(redirected, ws111.contains(line), at + ": real nginx at the bare name: " + bare);
                if (redirected) {
                    flagged++;
                } else {
                    clean++;
                }
            }
        }
        assertTrue(flagged >= 5 && clean >= 2, "flagged " + flagged + ", clean " + clean);
    }

    private static CaseFile forInstalledNginx(CaseFile c) {
        Map<String, String> opts = new LinkedHashMap<>(c.options());
        opts.put("nginx-version", nginxVersion);
        return new CaseFile(c.path(), c.dialect(), c.family(), c.expected(), opts);
    }

    private static Set<String> ids(LintResult r, Set<String> among) {
        Set<String> out = new TreeSet<>();
        for (Finding f : r.findings()) {
            if (among.contains(f.ruleId())) {
                out.add(f.ruleId() + "@" + f.span().file().name() + ":" + f.span().startLine());
            }
        }
        return out;
    }

    static void check(Path path) throws Exception {
        String text = Files.readString(path);
        String probe = NginxCaseConfig.probe(text);
        assertNotNull(probe, path + " has no '# probe: /path' line");
        String name = path.getFileName().toString().replace(".conf", "");
        CaseFile c = forInstalledNginx(CaseFile.read(path));
        LintResult r = c.lint();
        Set<String> broken = ids(r, BROKEN);
        Set<String> refused = ids(r, REFUSED);
        Map<String, String> includes = NginxCaseConfig.includes(text, path.getParent());

        Outcome first = run(name, text, includes, probe, !refused.isEmpty());
        String outcome = first.handshake();
        checkPlainRequest(r, first, path);
        String why = path + " (linted for nginx " + nginxVersion + "): proxylint says " + (broken.isEmpty() ? "OK"
                : "broken " + broken) + ", real nginx: " + outcome;
        System.out.println("[e2e] " + why);
        assertEquals(!broken.isEmpty(), !outcome.equals("101 echo"), why);
        if (broken.isEmpty()) {
            return;
        }

        // the fixes proxylint offers for the broken findings, applied like --fix does
        List<Finding> fixable = r.findings().stream().filter(f -> f.fix() != null).toList();
        boolean everyBrokenFixable = r.findings().stream().filter(f -> BROKEN.contains(f.ruleId())).allMatch(f -> f.fix() != null);
        if (!everyBrokenFixable) {
            System.out.println("[e2e] " + name + ": no fix offered for every broken finding; fix phase skipped");
            return;
        }
        Map<Path, String> fixedTexts = new LinkedHashMap<>();
        for (Fixer.FileFix ff : Fixer.plan(fixable, f -> (int) Frontends.get(c.dialect()).parse(f).problems().stream()
                .filter(x -> x.ruleId().startsWith("SYN")).count(), f -> f)) {
            assertEquals(null, ff.refusal(), "fix refused for " + ff.file().name());
            fixedTexts.put(ff.file().path().toAbsolutePath().normalize(), ff.newText());
        }
        Path work = Files.createTempDirectory(tmp, name + "-fixed");
        Path copy = work.resolve(path.getFileName());
        String fixedText = fixedTexts.getOrDefault(path.toAbsolutePath().normalize(), text);
        Files.writeString(copy, fixedText);
        Map<String, String> fixedIncludes = new LinkedHashMap<>();
        for (var e : includes.entrySet()) {
            Path orig = path.getParent().resolve(e.getKey()).toAbsolutePath().normalize();
            String t = fixedTexts.getOrDefault(orig, e.getValue());
            fixedIncludes.put(e.getKey(), t);
            Path dst = work.resolve(e.getKey());
            Files.createDirectories(dst.getParent());
            Files.writeString(dst, t);
        }
        LintResult r2 = forInstalledNginx(new CaseFile(copy, c.dialect(), c.family(), c.expected(), c.options())).lint();
        assertEquals(Set.of(), ids(r2, BROKEN), "the fixed config of " + path + " still has findings:\n" + fixedText);
        String fixedOutcome = run(name + "-fixed", fixedText, fixedIncludes, probe, false).handshake();
        System.out.println("[e2e] " + name + " after --fix: " + fixedOutcome);
        assertEquals("101 echo", fixedOutcome, "the fixed config of " + path + " does not upgrade:\n" + fixedText);
    }

    /**
     * What the backend saw for a plain GET through the route proves the claims of the rules about
     * plain traffic: WS105 (every request carries Connection: upgrade), WS109 (every request carries
     * Upgrade: websocket); without WS109 a plain request must carry no Upgrade header.
     */
    private static void checkPlainRequest(LintResult r, Outcome o, Path path) {
        if (o.handshake().equals("refused")) {
            return;
        }
        assertNotNull(o.plain(), path + ": a plain GET at the probe path never reached the backend");
        Set<String> rules = new TreeSet<>();
        r.findings().forEach(f -> rules.add(f.ruleId()));
        String seen = path + ": plain GET reached the backend with " + o.plain().headers();
        if (rules.contains("WS105")) {
            assertEquals("upgrade", String.valueOf(o.plain().header("Connection")).toLowerCase(java.util.Locale.ROOT), seen);
        }
        if (rules.contains("WS109")) {
            assertEquals("websocket", o.plain().header("Upgrade"), seen);
        } else {
            assertEquals(null, o.plain().header("Upgrade"), seen);
        }
    }

    /** The handshake summary ("101 echo", "400 (...)", "refused") and the backend's view of a plain GET. */
    record Outcome(String handshake, WsEchoBackend.RequestHead plain) {
    }

    /**
     * Runs real nginx on a case text and handshakes at the probe path: "101 echo" on success, the
     * status summary otherwise, or "refused" when {@code nginx -t} rejects the config (which must
     * happen exactly when proxylint says nginx refuses it).
     */
    private static Outcome run(String name, String text, Map<String, String> includes, String probe,
            boolean expectRefusal) throws IOException {
        try (NginxProcess nginx = NginxProcess.create(tmp).backend(backend).http(NginxCaseConfig.httpBody(text))) {
            for (var e : includes.entrySet()) {
                nginx.file(e.getKey(), NginxCaseConfig.substitute(e.getValue()));
            }
            ProcResult t = nginx.configTest();
            if (t.exitCode() != 0) {
                assertTrue(expectRefusal, name + ": nginx -t refuses a config proxylint does not flag as refused:\n"
                        + t.output() + "\n" + nginx.diagnostics());
                assertTrue(t.output().contains("[emerg]"), t.output());
                return new Outcome("refused", null);
            }
            assertFalse(expectRefusal, name + ": proxylint says nginx refuses this config, but nginx -t accepts it:\n"
                    + t.output());
            nginx.start();
            WsOutcome o = WsOutcome.attemptBothBrowsers(backend, nginx.port(), probe, name);
            String target = probe + "?plain=" + name;
            WsClient.get(nginx.port(), target);
            WsEchoBackend.RequestHead plain = backend.requests().stream().filter(h -> h.target().equals(target))
                    .reduce((x, y) -> y).orElse(null);
            return new Outcome(o.summary(), plain);
        }
    }
}
