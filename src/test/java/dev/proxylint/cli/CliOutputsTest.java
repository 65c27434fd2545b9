package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the outputs look like to a user: --diff alone is a patch git applies, --statistics counts
 * the most frequent rule first with a fixable column, report files get the umask's mode, and
 * paths below the working directory are printed relative to it in every human format.
 */
class CliOutputsTest {
    /** Under target/, so below the working directory of the test run (the project). */
    static Path dir() throws Exception {
        Path base = Files.createDirectories(Path.of("target", "cli-outputs"));
        return Files.createTempDirectory(base.toAbsolutePath(), "t");
    }

    static final String TWO_WS = "events {}\nhttp {\n    server {\n        listen 80;\n        location /ws {\n"
            + "            proxy_pass http://127.0.0.1:8080;\n        }\n        location /socket {\n"
            + "            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n";

    @Test
    void diffAloneIsOnlyAPatchThatGitApplies() throws Exception {
        Path d = dir();
        Path conf = d.resolve("nginx.conf");
        Files.writeString(conf, TWO_WS);
        CliRun r = CliRun.of("check", "--diff", conf.toString());
        assertTrue(r.out().startsWith("--- a/"), r.out());
        assertTrue(r.out().contains("\n+++ b/"), r.out());
        assertFalse(r.out().contains("[WS1"), "the report is not printed with --diff alone:\n" + r.out());
        assertFalse(r.out().contains("WS101"), r.out());
        // with --format the report comes too
        CliRun both = CliRun.of("check", "--diff", "--format", "concise", conf.toString());
        assertTrue(both.out().contains("--- a/") && both.out().contains("[WS101]"), both.out());

        // the patch, applied by git from the working directory, gives what --fix writes
        Path patch = d.resolve("fix.patch");
        Files.writeString(patch, r.out());
        Process p = new ProcessBuilder("git", "apply", "--unidiff-zero", patch.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "git apply did not end");
        String gitOut = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), "git apply: " + gitOut + "\n" + r.out());
        String applied = Files.readString(conf);
        Files.writeString(conf, TWO_WS);
        CliRun.of("check", "--fix", conf.toString());
        // --fix repeats passes, --diff shows the first; both start with the same edits
        assertTrue(applied.contains("proxy_http_version 1.1;"), applied);
        assertEquals(CliRun.of("check", "--diff", conf.toString()).out().isEmpty(),
                true, "--fix leaves nothing for --diff");
    }

    /** What --fix says about the files it does not edit, and its summary (the words of FixLoop and the CLI). */
    @Test
    void fixNamesTheFilesItLeavesAlone() throws Exception {
        Path d = dir();
        Path shared = Files.createDirectories(d.resolve("shared"));
        Files.writeString(shared.resolve("ws.conf"), TWO_WS.substring(TWO_WS.indexOf("    server {"),
                TWO_WS.lastIndexOf("}\n")));
        Path main = Files.createDirectories(d.resolve("main"));
        Path conf = main.resolve("nginx.conf");
        Files.writeString(conf, TWO_WS.replace("http {\n", "http {\n    include " + shared.resolve("ws.conf") + ";\n"));
        // the shared file lies outside the main config's tree: --path-map /=/ reads it where it is
        CliRun r = CliRun.of("check", "--fix", "--format", "concise", "--path-map", "/=/", conf.toString());
        assertEquals("proxylint: warning: " + shared.resolve("ws.conf") + ": not edited: outside the paths given "
                + "(reached through an include); name it to fix it\n"
                + "proxylint: applied 3 fix(es) in 1 file(s)\n", r.err());
        assertEquals(TWO_WS.substring(TWO_WS.indexOf("    server {"), TWO_WS.lastIndexOf("}\n")),
                Files.readString(shared.resolve("ws.conf")));
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(TWO_WS.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            CliRun s = CliRun.of("check", "--fix", "--format", "concise", "-");
            assertEquals("proxylint: warning: stdin.conf: standard input cannot be fixed in place; use --diff\n",
                    s.err());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void statisticsMostFrequentFirstWithFixableColumn() throws Exception {
        Path d = dir();
        Path conf = d.resolve("nginx.conf");
        // two servers with a WebSocket route each: WS101 twice; server_tokens once
        Files.writeString(conf, TWO_WS.replace("listen 80;", "listen 80;\n        server_tokens on;")
                .replace("    }\n}\n", "    }\n    server {\n        listen 81;\n        location /ws {\n"
                        + "            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n"));
        CliRun r = CliRun.of("check", "--statistics", "--format", "concise", conf.toString());
        List<String> rows = r.out().lines().dropWhile(l -> !l.startsWith("count")).toList();
        assertFalse(rows.isEmpty(), r.out());
        assertTrue(rows.get(0).matches("count\\s+rule\\s+fixable\\s+name"), rows.get(0));
        int last = Integer.MAX_VALUE;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.trim().split("\\s+");
            int count = Integer.parseInt(f[0]);
            int fixable = Integer.parseInt(f[2]);
            assertTrue(count <= last, "not sorted by count: " + rows);
            assertTrue(fixable <= count, row);
            last = count;
        }
        // WS101 twice, both with a fix, sorted before the rules found once
        String ws101 = rows.stream().filter(l -> l.contains("WS101")).findFirst().orElseThrow();
        assertTrue(ws101.trim().matches("2\\s+WS101\\s+2\\s+upgrade-headers-missing"), ws101);
        assertTrue(rows.indexOf(ws101) < rows.size() - 1, rows.toString());
        assertTrue(rows.get(rows.size() - 1).contains("SEC108"), "the rule found once comes last: " + rows);
        String sec108 = rows.stream().filter(l -> l.contains("SEC108")).findFirst().orElseThrow();
        assertTrue(sec108.trim().matches("1\\s+SEC108\\s+1\\s+server-tokens-on"), sec108);
    }

    @Test
    void reportFilesGetTheModeOfAnyNewFile() throws Exception {
        Path d = dir();
        Path conf = d.resolve("nginx.conf");
        Files.writeString(conf, TWO_WS);
        Path control = Files.createFile(d.resolve("control")); // what the umask gives a new file
        Path report = d.resolve("report.json");
        CliRun.of("check", "--format", "json", "-o", report.toString(), conf.toString());
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(control)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        Path sarif = d.resolve("out.sarif");
        CliRun.of("check", "--sarif-output", sarif.toString(), conf.toString());
        assertEquals(Files.getPosixFilePermissions(control), Files.getPosixFilePermissions(sarif));
        // a report file that exists keeps its mode
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw----"));
        CliRun.of("check", "--format", "json", "-o", report.toString(), conf.toString());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        Path bl = d.resolve("baseline.json");
        CliRun.of("check", "--write-baseline", bl.toString(), conf.toString());
        assertEquals(Files.getPosixFilePermissions(control), Files.getPosixFilePermissions(bl));
        try (var s = Files.list(d)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temporary file left");
        }
    }

    @Test
    void pathsBelowTheWorkingDirectoryAreRelative() throws Exception {
        Path d = dir();
        Path conf = d.resolve("nginx.conf");
        Files.writeString(conf, TWO_WS);
        String rel = Path.of("").toAbsolutePath().relativize(conf).toString();
        assertFalse(rel.startsWith("/") || rel.startsWith(".."), rel);
        CliRun concise = CliRun.of("check", "--format", "concise", conf.toAbsolutePath().toString());
        assertTrue(concise.out().startsWith(rel + ":5:9: "), concise.out());
        CliRun text = CliRun.of("check", "--color", "never", conf.toAbsolutePath().toString());
        assertTrue(text.out().startsWith(rel + "\n"), text.out());
        assertTrue(text.out().contains("\n" + rel + ":5:9  "), text.out());
        CliRun json = CliRun.of("check", "--format", "json", conf.toAbsolutePath().toString());
        assertTrue(json.out().contains("\"file\": \"" + rel + "\""), json.out());
        assertFalse(json.out().contains(d.toString()), "an absolute path in JSON:\n" + json.out());
        // outside the working directory: the name as it was given
        Path outside = Files.createTempFile("proxylint-outside", ".conf");
        try {
            Files.writeString(outside, TWO_WS);
            CliRun o = CliRun.of("check", "--format", "concise", outside.toString());
            assertTrue(o.out().startsWith(outside + ":5:9: "), o.out());
        } finally {
            Files.delete(outside);
        }
    }
}
