package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users and scripts meet it: outputs, exit codes, errors, fixes, baselines. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static final String BROKEN_WS = "events {}\nhttp {\n    server {\n        listen 80;\n        location /ws {\n"
            + "            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n";
    static final String CLEAN = "events {}\nhttp {\n    server {\n        listen 80;\n        root /srv/www;\n    }\n}\n";

    Path write(String name, String text) throws Exception {
        return write(dir, name, text);
    }

    /** Writes {@code text} to {@code base/name}, creating its directories. */
    static Path write(Path base, String name, String text) throws Exception {
        Path p = base.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void selectTakesIdPrefixesAndRefusesWhatNamesNoRule() throws Exception {
        Path p = write("nginx.conf", BROKEN_WS);
        Run ws10 = run("check", "--format", "concise", "--select", "WS10", p.toString());
        assertEquals(1, ws10.code(), ws10.err());
        assertTrue(ws10.out().lines().allMatch(l -> l.matches(".*\\[WS10\\d\\]$")), ws10.out());
        assertTrue(ws10.out().contains("[WS10"), ws10.out());
        Run bad = run("check", "--select", "W", p.toString());
        assertEquals(2, bad.code());
        assertEquals("proxylint: error: unknown rule, family or id prefix 'W' (see 'proxylint rules')", bad.err().strip());
    }

    @Test
    void cleanConfigExitsZero() throws Exception {
        Path p = write("nginx.conf", CLEAN);
        Run r = run("check", "--format", "concise", p.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void findingsExitOneAndConciseNamesPlace() throws Exception {
        Path p = write("nginx.conf", BROKEN_WS);
        Run r = run("check", "--format", "concise", p.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains(p + ":5:9: error: ") && r.out().contains("[WS101]"), r.out());
        assertTrue(r.out().contains("[WS102]"), r.out());
    }

    @Test
    void failOnAndExitZero() throws Exception {
        Path p = write("nginx.conf", BROKEN_WS);
        assertEquals(0, run("check", "--exit-zero", p.toString()).code());
        assertEquals(0, run("check", "--fail-on", "none", p.toString()).code());
        assertEquals(0, run("check", "--select", "CFG", p.toString()).code());
        assertEquals(1, run("check", "--fail-on", "error", p.toString()).code());
    }

    @Test
    void missingPathIsOneLineErrorExitTwo() {
        Run r = run("check", dir.resolve("nope.conf").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("proxylint: error: ") && r.err().contains("nope.conf"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void namedFilesAreNeverSilentlySkipped() throws Exception {
        Path bin = dir.resolve("blob.conf");
        Files.write(bin, new byte[] {'a', 0, 1, 2, ';', '\n'});
        Run r = run("check", "--format", "concise", bin.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("[SYN002]"), r.out());
        Path prose = write("notes.conf", "hello there, this is not a config\n");
        Run p = run("check", prose.toString());
        // another program's file is set aside with a note (a hook's *.conf must not block a commit)
        assertEquals(0, p.code(), p.err());
        assertTrue(p.err().startsWith("proxylint: note: skipped ") && p.err().contains("use --dialect"), p.err());
    }

    @Test
    void badOptionsExitTwo() throws Exception {
        Path p = write("nginx.conf", CLEAN);
        assertEquals(2, run("check", "--format", "xml", p.toString()).code());
        assertEquals(2, run("check", "--select", "NOPE999", p.toString()).code());
        assertEquals(2, run("check", "--no-such-option", p.toString()).code());
        assertEquals(2, run("check", "--fail-on", "fatal", p.toString()).code());
    }

    /** Each bad value is one line naming the option; with several, the first in this order is named. */
    @Test
    void badValuesAreOneLineNamingTheOption() throws Exception {
        Path p = write("nginx.conf", CLEAN);
        String[][] cases = {
            {"--fail-on", "fatal", "unknown --fail-on level 'fatal' (expected note, warning or error)"},
            {"--min-level", "info", "unknown --min-level level 'info' (expected note, warning or error)"},
            {"--websocket", "maybe", "unknown --websocket mode 'maybe' (expected auto, always or never)"},
            {"--tls-profile", "nist", "unknown --tls-profile 'nist' (expected mozilla-intermediate, mozilla-modern "
                    + "or mozilla-old)"},
            {"--nginx-version", "1.x", "bad --nginx-version '1.x' (expected a version like 1.22.1)"},
            {"--apache-version", "2.4.62.1.0", "bad --apache-version '2.4.62.1.0' (expected a version like 1.22.1)"},
            {"--path-map", "/etc/nginx", "--path-map '/etc/nginx': expected FROM=TO, e.g. /etc/nginx=docker/nginx"},
            {"--path-map", "etc=x", "--path-map 'etc=x': FROM must be an absolute path"},
            {"--context", "some", "unknown --context 'some' (expected named, all or none)"},
        };
        for (String[] c : cases) {
            Run r = run("check", c[0], c[1], p.toString());
            assertEquals(2, r.code(), c[0]);
            assertEquals("proxylint: error: " + c[2] + "\n", r.err(), c[0]);
        }
        Run several = run("check", "--context", "some", "--path-map", "x", "--tls-profile", "nist", "--fail-on", "x",
                p.toString());
        assertEquals("proxylint: error: unknown --fail-on level 'x' (expected note, warning or error)\n", several.err());
        Run later = run("check", "--context", "some", "--path-map", "x", "--nginx-version", "1.22.1", p.toString());
        assertEquals("proxylint: error: --path-map 'x': expected FROM=TO, e.g. /etc/nginx=docker/nginx\n", later.err());
    }

    @Test
    void syntaxErrorIsAFindingNotAPass() throws Exception {
        Path p = write("nginx.conf", "events {}\nhttp {\n    server {\n        listen 80\n    }\n");
        Run r = run("check", "--format", "concise", p.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("[SYN001]"), r.out());
    }

    @Test
    void configUnknownKeyNamesFileLineColumn() throws Exception {
        Path p = write("nginx.conf", CLEAN);
        Path cfg = write(".proxylint.yml", "select: [WS]\nbogus: 1\n");
        Run r = run("check", "--config", cfg.toString(), p.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(cfg + ":2:1: unknown key 'bogus'"), r.err());
    }

    /** --openssl-version and the config key openssl-version select the table; the option wins. */
    @Test
    void opensslVersionFromOptionAndConfig() throws Exception {
        Path p = write("nginx.conf", "events {}\nhttp {\n    server {\n        listen 443 ssl;\n"
                + "        ssl_protocols TLSv1.2 TLSv1.3;\n        ssl_ciphers ECDHE:!CBC:!eNULL;\n"
                + "        ssl_session_tickets off;\n    }\n}\n");
        Run v3 = run("check", "--select", "TLS", "--format", "concise", p.toString());
        assertEquals(0, v3.code(), v3.out() + v3.err());
        Run v111 = run("check", "--select", "TLS", "--format", "concise", "--openssl-version", "1.1.1w", p.toString());
        assertEquals(1, v111.code(), v111.err());
        assertTrue(v111.out().contains("[TLS104]"), v111.out());
        Path cfg = write(".proxylint.yml", "openssl-version: \"1.1.1\"\n");
        Run fromCfg = run("check", "--config", cfg.toString(), "--select", "TLS", "--format", "concise", p.toString());
        assertEquals(v111.out(), fromCfg.out());
        Run overridden = run("check", "--config", cfg.toString(), "--openssl-version", "3", "--select", "TLS",
                p.toString());
        assertEquals(0, overridden.code(), overridden.out());

        Run bad = run("check", "--openssl-version", "1.0.2", p.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("proxylint: error: unsupported --openssl-version '1.0.2' (supported: 3.0, "
                + "1.1.1"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        Path badCfg = write("bad/.proxylint.yml", "select: [TLS]\nopenssl-version: 1.1.0\n");
        Run badRun = run("check", "--config", badCfg.toString(), p.toString());
        assertEquals(2, badRun.code());
        assertTrue(badRun.err().contains(badCfg + ":2:18: unsupported openssl-version '1.1.0'"), badRun.err());
    }

    @Test
    void inlineSuppressionsAndTheirProblems() throws Exception {
        String text = "events {}\nhttp {\n    server {\n        listen 80;\n"
                + "        # proxylint-ignore: WS101, WS102 -- the backend is a test stub\n"
                + "        location /ws {\n            proxy_pass http://127.0.0.1:8080;\n        }\n"
                + "        # proxylint-ignore: WS109\n        root /srv;\n    }\n}\n";
        Path p = write("nginx.conf", text);
        Run r = run("check", "--format", "concise", p.toString());
        assertFalse(r.out().contains("[WS101]"), r.out());
        assertFalse(r.out().contains("[WS102]"), r.out());
        assertTrue(r.out().contains(":9:9: warning: Suppression has no reason"), r.out());
        assertTrue(r.out().contains("suppressed nothing"), r.out());
    }

    @Test
    void baselineHidesRecordedFindingsAcrossEditsElsewhere() throws Exception {
        Path p = write("nginx.conf", BROKEN_WS);
        Path bl = dir.resolve("baseline.json");
        assertEquals(0, run("check", "--write-baseline", bl.toString(), p.toString()).code());
        assertEquals(0, run("check", "--baseline", bl.toString(), p.toString()).code());
        // lines move: the key (rule, path, line text) still matches
        Files.writeString(p, "# a new comment\n# and another\n" + BROKEN_WS);
        Run r = run("check", "--baseline", bl.toString(), "--format", "concise", p.toString());
        assertEquals(0, r.code(), r.out());
        // a new problem is still reported
        Files.writeString(p, BROKEN_WS.replace("http://127.0.0.1:8080", "ws://127.0.0.1:8080"));
        assertEquals(1, run("check", "--baseline", bl.toString(), p.toString()).code());
    }

    @Test
    void fixWritesAtomicallyAndIsIdempotent() throws Exception {
        Path p = write("nginx.conf", BROKEN_WS);
        Run diff = run("check", "--diff", p.toString());
        assertTrue(diff.out().contains("+            proxy_http_version 1.1;"), diff.out());
        assertEquals(BROKEN_WS, Files.readString(p), "--diff must not write");
        Run fix = run("check", "--fix", "--format", "concise", p.toString());
        String once = Files.readString(p);
        assertTrue(once.contains("proxy_set_header Upgrade $http_upgrade;"), once);
        assertTrue(once.contains("map $http_upgrade $connection_upgrade {"), once);
        assertFalse(fix.out().contains("[WS101]"), fix.out());
        run("check", "--fix", p.toString());
        assertEquals(once, Files.readString(p), "a second --fix changed the file");
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().contains("proxylint-tmp")), "temp file left");
        }
    }

    @Test
    void stdinWithFileName() throws Exception {
        var in = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(BROKEN_WS.getBytes()));
            Run r = run("check", "--stdin-filename", "site.conf", "--dialect", "nginx", "--format", "concise", "-");
            assertEquals(1, r.code());
            assertTrue(r.out().startsWith("site.conf:5:9: "), r.out());
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void jsonAndSarifAreParseable() throws Exception {
        Path p = write("nginx.conf", BROKEN_WS);
        ObjectMapper m = new ObjectMapper();
        JsonNode json = m.readTree(run("check", "--format", "json", p.toString()).out());
        assertEquals(1, json.get("version").asInt());
        assertTrue(json.get("findings").size() >= 2);
        Path sarif = dir.resolve("out.sarif");
        Run r = run("check", "--sarif-output", sarif.toString(), "--format", "concise", p.toString());
        assertTrue(r.out().contains("[WS101]"));
        JsonNode s = m.readTree(Files.readString(sarif));
        assertEquals("2.1.0", s.get("version").asText());
        assertTrue(s.get("runs").get(0).get("results").size() >= 2);
    }

    @Test
    void directoryWalkFindsConfigsAndSkipsOthers() throws Exception {
        write("etc/nginx/nginx.conf", "events {}\nhttp {\n    include sites-enabled/*;\n}\n");
        write("etc/nginx/sites-enabled/app", "server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:1;\n    }\n}\n");
        write("etc/nginx/README.txt", "not a config {");
        Run r = run("check", "--format", "concise", dir.resolve("etc").toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("sites-enabled/app:3:5: error: ") && r.out().contains("[WS101]"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.contains("[WS101]")).count(), "linted twice: " + r.out());
    }

    @Test
    void debianLayoutsResolveLikeTheServers() throws Exception {
        // Apache: variables from envvars, a site enabled through a symlink is linted once
        write("apache2/envvars", "unset HOME\nexport APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n");
        write("apache2/apache2.conf", "ServerRoot " + dir.resolve("apache2") + "\nLoadModule proxy_module m.so\n"
                + "ErrorLog ${APACHE_LOG_DIR}/error.log\nIncludeOptional sites-enabled/*.conf\n");
        Path site = write("apache2/sites-available/app.conf", "<VirtualHost *:80>\n    ProxyRequests On\n</VirtualHost>\n");
        Files.createDirectories(dir.resolve("apache2/sites-enabled"));
        Files.createSymbolicLink(dir.resolve("apache2/sites-enabled/app.conf"), site);
        // nginx: a snippet linted on its own resolves includes against the nginx.conf above it
        write("nginx/nginx.conf", "events {}\nhttp {\n}\n");
        write("nginx/fastcgi.conf", "fastcgi_param A b;\n");
        write("nginx/snippets/php.conf", "include fastcgi.conf;\n");
        Run r = run("check", "--format", "concise", dir.resolve("apache2").toString(), dir.resolve("nginx").toString());
        assertFalse(r.out().contains("CFG104"), r.out());
        assertFalse(r.out().contains("CFG101"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.contains("[SEC201]")).count(), r.out());
    }

    @Test
    void dumpShowsResolvedTree() throws Exception {
        write("inc/headers.conf", "proxy_set_header Upgrade $http_upgrade;\n");
        Path p = write("nginx.conf", "events {}\nhttp {\n    include inc/*.conf;\n}\n");
        Run r = run("dump", p.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode inc = j.get("items").get(1).get("block").get(0);
        assertEquals("include", inc.get("directive").asText());
        assertEquals("proxy_set_header", inc.get("expansion").get(0).get("directive").asText());
        assertEquals(1, inc.get("expansion").get(0).get("line").asInt());
    }

    @Test
    void rulesAndExplain() {
        Run rules = run("rules");
        assertEquals(0, rules.code());
        assertTrue(rules.out().contains("WS101") && rules.out().contains("SYN001"), rules.out());
        Run ex = run("explain", "SYN001");
        assertEquals(0, ex.code());
        assertTrue(ex.out().contains("SYN001"), ex.out());
        assertEquals(2, run("explain", "XX999").code());
    }
}
