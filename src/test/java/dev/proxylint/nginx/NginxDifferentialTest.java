package dev.proxylint.nginx;

import dev.proxylint.syntax.ParseCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * proxylint against the real nginx 1.22 ({@code nginx -t}).
 *
 * <p>Approach for the generated cases: every case uses only directives nginx knows, in places where
 * they are allowed and with valid argument counts ({@code events}, {@code env} with one argument,
 * {@code http}/{@code server}/{@code location}/{@code if}/{@code return}/{@code set}/{@code map}/
 * {@code add_header}), so that nginx's verdict depends on syntax alone. nginx's message is checked to
 * be a syntax message (all of those start with "unexpected"); any other message means the case was
 * built wrong and fails the test. Then: nginx accepts the file exactly when proxylint reports no
 * problem, and when it rejects it, proxylint's first SYN001 is on the line nginx names. Cases with an
 * {@code http} block get temp paths and {@code access_log off} so that nginx touches nothing outside
 * the test's temp directory.
 */
class NginxDifferentialTest {
    private static final String HTTP = "http {\n    access_log off;\n    client_body_temp_path t/b;\n"
            + "    proxy_temp_path t/p;\n    fastcgi_temp_path t/f;\n    uwsgi_temp_path t/u;\n    scgi_temp_path t/s;\n";

    private record Case(String name, String text) {
    }

    private static final List<Case> CASES = List.of(
            // accepted by nginx
            new Case("minimal", "events {}\n"),
            new Case("comments", "# c\nevents { # x\n}\n#end"),
            new Case("hash-inside-word", "events {}\nenv a#b;\n"),
            new Case("dollar-brace-open", "events {}\nenv a${b;\n"),
            new Case("dquoted-space", "events {}\nenv \"a b\";\n"),
            new Case("squoted-escape", "events {}\nenv 'a\\'b';\n"),
            new Case("escaped-space-word", "events {}\nenv a\\ b;\n"),
            new Case("quote-then-tab-semicolon", "events {}\nenv \"x\"\t;\n"),
            new Case("brace-next-line", "events\n{\n}\n"),
            new Case("two-on-a-line", "events {}\nenv x;env y;\n"),
            new Case("if-quote-paren", "events {}\n" + HTTP + "server {\nlocation / {\nif ($host = \"x\") { return 204; }\n}\n}\n}\n"),
            new Case("map-empty-strings", "events {}\n" + HTTP + "map $host $m {\ndefault \"\";\n'' x;\n}\n}\n"),
            new Case("multiline-quoted", "events {}\nenv\n\"multi\nline\";\n"),
            new Case("crlf", "events {}\r\nenv a;\r\n"),
            new Case("location-brace-glued", "events {}\n" + HTTP + "server {\nlocation /a{ return 204; }\n}\n}\n"),
            new Case("set-dollar-brace", "events {}\n" + HTTP + "server {\nset $x ${host}y;\n}\n}\n"),
            new Case("closing-brace-in-word", "events {}\nenv a}b;\n"),
            new Case("escaped-quote-word", "events {}\nenv a\\\"b;\n"),
            new Case("space-before-semicolon", "worker_processes 1 ;\nevents {}\n"),
            new Case("comment-after-semicolon", "events {}\nenv \"a\";#c\n"),
            new Case("utf8", "events {}\nenv \u00e9\u00e8;\n"),
            new Case("add-header-structure-in-quotes", "events {}\n" + HTTP + "server {\nadd_header X \"a;b{c}\";\n}\n}\n"),
            new Case("quoted-directive-name", "events {}\n\"env\" x;\n"),
            // rejected by nginx (syntax)
            new Case("unterminated-dquote", "events {}\nenv \"abc;\n\n"),
            new Case("stray-close", "events {}\n}\n"),
            new Case("missing-semicolon-before-close", "events {\n worker_connections 16\n}\n"),
            new Case("quote-then-word", "events {}\nenv \"a\"b;\n"),
            new Case("semicolon-alone", "events {}\n;\n"),
            new Case("unclosed-block", "events {}\nhttp {\n"),
            new Case("open-brace-alone", "events {}\n{\n}\n"),
            new Case("dollar-brace-semicolon-close", "events {}\nenv ${;}\n"),
            new Case("missing-semicolon-eof", "events {}\nenv a"),
            new Case("squote-then-hash", "events {}\nenv 'a'#x;\n"),
            new Case("quote-then-quote", "events {}\nenv \"a\"\"b\";\n"),
            new Case("unterminated-squote-multiline", "events {}\nenv 'a\nb;\n"),
            new Case("quote-then-close", "events {\n}\nhttp {\nenv \"a\"}\n"),
            new Case("escaped-closing-quote", "events {}\nenv \"a\\\";\n"),
            new Case("double-close", "events {}}\n"),
            new Case("nested-unclosed", "events {}\n" + HTTP + " server {\n  location / {\n"),
            new Case("stray-close-after-comment", "events {} # }\n# {\n}\n"));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> syntaxVerdictsMatchNginx() {
        NginxBinary.require();
        assertTrue(CASES.size() >= 30);
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(Case c) throws Exception {
        Path work = Files.createDirectories(dir.resolve(c.name()));
        Files.createDirectories(work.resolve("t"));
        Path conf = work.resolve("nginx.conf");
        Files.write(conf, c.text().getBytes(StandardCharsets.UTF_8));
        NginxBinary.Verdict v = NginxBinary.test(conf, work);
        ParsedFile pf = new NginxFrontend().parse(SourceFile.read(conf));
        if (v.ok()) {
            assertTrue(pf.problems().isEmpty(), () -> "nginx accepts " + c.name() + " but proxylint reports " + pf.problems());
            return;
        }
        if (v.message() == null || !v.message().startsWith("unexpected")) {
            fail("case " + c.name() + " is not syntax-only; nginx says: " + v.output());
        }
        assertTrue(!pf.problems().isEmpty(), () -> "nginx rejects " + c.name() + " (" + v.message() + ") but proxylint accepts it");
        Problem first = pf.problems().get(0);
        assertEquals("SYN001", first.ruleId());
        assertEquals(v.line(), first.span().startLine(),
                () -> c.name() + ": nginx says \"" + v.message() + "\" at line " + v.line() + ", proxylint " + first);
        String nginxWhat = v.message().replaceAll(" \\(.*", "");
        assertTrue(first.message().startsWith(nginxWhat),
                () -> c.name() + ": nginx says \"" + v.message() + "\", proxylint \"" + first.message() + "\"");
    }

    /** Debian's own configuration: nginx -t accepts it (on a path-adjusted copy), proxylint sees no problem. */
    @Test
    void debianEtcNginxTree() throws Exception {
        NginxBinary.require();
        Path etc = Path.of("/etc/nginx");
        boolean require = "1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"));
        if (!Files.isRegularFile(etc.resolve("nginx.conf"))) {
            if (require) {
                fail("/etc/nginx/nginx.conf is missing");
            }
            assumeTrue(false, "/etc/nginx/nginx.conf is missing");
        }
        // 1. in place (read only)
        Resolved inPlace = resolve(etc.resolve("nginx.conf"));
        assertTrue(inPlace.problems().isEmpty(), () -> "problems in /etc/nginx: " + inPlace.problems());
        assertTrue(inPlace.files().size() >= 2, "nginx.conf includes at least mime.types");
        // every file of the tree (snippets, sites-available, params, charset maps) parses as a fragment,
        // except the files of other programs nginx never parses itself (ModSecurity's rules, which
        // the ModSecurity module package puts beside nginx.conf): those are recognised as such
        try (Stream<Path> s = Files.walk(etc)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                SourceFile sf = SourceFile.read(p);
                if (p.getFileName().toString().equals("unicode.mapping")) {
                    continue; // ModSecurity's code-point table (SecUnicodeMapFile), not an nginx file
                }
                if (p.getFileName().toString().startsWith("modsecurity")) {
                    assertTrue(dev.proxylint.engine.DialectDetector.foreign(sf) != null, () -> p + " not recognised");
                    continue;
                }
                ParsedFile pf = new NginxFrontend().parse(sf);
                assertTrue(pf.problems().isEmpty(), () -> p + ": " + pf.problems());
            }
        }

        // 2. a copy with paths moved into the temp dir, checked by nginx -t and proxylint
        Path copy = dir.resolve("etc-nginx");
        Path logs = Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("t"));
        List<Path> sources;
        try (Stream<Path> s = Files.walk(etc)) {
            sources = s.toList();
        }
        for (Path p : sources) {
            Path target = copy.resolve(etc.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else if (Files.isRegularFile(p) && Files.isReadable(p)) {
                Files.createDirectories(target.getParent());
                String text = Files.readString(p, StandardCharsets.ISO_8859_1)
                        .replace("/etc/nginx/", copy + "/")
                        .replace("/var/log/nginx/", logs + "/")
                        .replace("/run/nginx.pid", dir.resolve("nginx.pid").toString())
                        // Debian's module snippets name modules relative to its prefix /usr/share/nginx
                        .replace("load_module modules/", "load_module /usr/share/nginx/modules/");
                if (p.getFileName().toString().equals("nginx.conf")) {
                    text = text.replaceFirst("(?m)^pid .*$", "")
                            .replaceFirst("http \\{", HTTP.replace("access_log off;", "").replace("\n", " "));
                }
                Files.writeString(target, text, StandardCharsets.ISO_8859_1);
            }
        }
        NginxBinary.Verdict v = NginxBinary.test(copy.resolve("nginx.conf"), dir);
        assertTrue(v.ok(), () -> "nginx -t rejects the copy of /etc/nginx: " + v.output());
        Resolved r = resolve(copy.resolve("nginx.conf"));
        assertTrue(r.problems().isEmpty(), () -> "problems in the copy: " + r.problems());
        assertEquals(inPlace.files().size(), r.files().size());

        // 3. the same tree through nginx -T: the dump splits and resolves to the same files, no problem
        Path out = dir.resolve("dump.txt");
        Process p = new ProcessBuilder(NginxBinary.NGINX.toString(), "-T", "-q", "-p", dir + "/", "-c",
                copy.resolve("nginx.conf").toString(), "-e", logs.resolve("e.log").toString(),
                "-g", "pid " + dir.resolve("dump.pid") + ";")
                .redirectOutput(out.toFile()).redirectError(dir.resolve("dump-err.txt").toFile()).start();
        assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "nginx -T finished");
        assertEquals(0, p.exitValue());
        SourceFile dump = SourceFile.read(out);
        assertTrue(NginxDump.isDump(dump));
        Resolved fromDump = NginxDump.resolve(dump, ResolveOptions.defaults());
        assertTrue(fromDump.problems().isEmpty(), () -> "problems in the dump: " + fromDump.problems());
        assertEquals(r.files().size(), fromDump.files().size());
        for (SourceFile f : fromDump.files()) {
            assertEquals(Files.readString(f.path(), StandardCharsets.UTF_8), f.text(), f.name());
        }
    }

    private static Resolved resolve(Path conf) throws IOException {
        ParseCache loader = new ParseCache(new NginxFrontend());
        return new NginxFrontend().resolve(loader.load(conf, null), ResolveOptions.defaults(), loader);
    }

    /** nginx -T output splits back into the files nginx read, with their exact text. */
    @Test
    void realDumpSplitsIntoTheOriginalFiles() throws Exception {
        NginxBinary.require();
        Path conf = dir.resolve("nginx.conf");
        Files.createDirectories(dir.resolve("t"));
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(conf, "events {}\n" + HTTP + "include conf.d/*.conf;\n}\n");
        Files.writeString(dir.resolve("conf.d/a.conf"), "server {\n  listen 127.0.0.1:18080;\n  location / { return 204; }\n}\n");
        Files.writeString(dir.resolve("conf.d/b.conf"), "map $host $x { default 1; }");
        Path out = dir.resolve("dump.txt");
        Process p = new ProcessBuilder(NginxBinary.NGINX.toString(), "-T", "-q", "-p", dir + "/", "-c", conf.toString(),
                "-e", dir.resolve("e.log").toString(), "-g", "pid " + dir.resolve("n.pid") + ";")
                .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "nginx -T finished");
        assertEquals(0, p.exitValue(), () -> "nginx -T failed");
        SourceFile dump = SourceFile.read(out);
        assertTrue(NginxDump.isDump(dump));
        List<SourceFile> files = NginxDump.split(dump);
        List<String> names = new ArrayList<>();
        for (SourceFile f : files) {
            names.add(f.path().getFileName().toString());
            assertEquals(Files.readString(f.path()), f.text(), f.name());
        }
        assertEquals(List.of("nginx.conf", "a.conf", "b.conf"), names);
        Resolved r = NginxDump.resolve(dump, ResolveOptions.defaults());
        assertTrue(r.problems().isEmpty(), r.problems()::toString);
        assertEquals(3, r.files().size());
    }
}
