package dev.proxylint.nginx;

import dev.proxylint.syntax.ParseCache;
import static dev.proxylint.nginx.NginxTestSupport.directives;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxIncludeTest {
    @TempDir
    Path dir;

    private Path write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Resolved resolve(Path root) throws IOException {
        return resolve(root, ResolveOptions.defaults());
    }

    private Resolved resolve(Path root, ResolveOptions options) throws IOException {
        ParseCache loader = new ParseCache(new NginxFrontend());
        ParsedFile pf = loader.load(root, null);
        return new NginxFrontend().resolve(pf, options, loader);
    }

    private static List<String> names(Resolved r) {
        List<String> out = new ArrayList<>();
        Tree.walk(r.items(), d -> out.add(d.name() + (d.argCount() > 0 ? " " + d.arg(0) : "")));
        return out;
    }

    private static List<String> ids(Resolved r) {
        return r.problems().stream().map(Problem::ruleId).collect(Collectors.toList());
    }

    @Test
    void globIncludeRelativeToMainConfigSortedByteOrderHiddenSkipped() throws IOException {
        Path root = write("nginx.conf", "http {\n    include conf.d/*.conf;\n}\n");
        write("conf.d/b.conf", "b 1;\n");
        write("conf.d/a.conf", "a 1;\nc 2;\n");
        write("conf.d/B.conf", "upper 1;\n");
        write("conf.d/.hidden.conf", "hidden 1;\n");
        write("conf.d/skip.txt", "skip 1;\n");
        Resolved r = resolve(root);
        assertTrue(r.problems().isEmpty(), r.problems()::toString);
        assertEquals(List.of("http", "upper 1", "a 1", "c 2", "b 1"), names(r));
        Directive inc = directives(directives(r.items()).get(0).children()).get(0);
        assertEquals(List.of("B.conf", "a.conf", "b.conf"),
                inc.includedFiles().stream().map(f -> f.path().getFileName().toString()).toList());
        for (Directive d : Tree.effective(inc.expansion())) {
            assertSame(inc, d.via());
        }
        assertEquals(4, r.files().size());
        assertEquals(root.toString(), r.files().get(0).name());
    }

    @Test
    void includesInsideServerBlocksAndNested() throws IOException {
        Path root = write("main.conf", "server {\n  include snippets/*.conf;\n}\n");
        write("snippets/proxy.conf", "location / {\n  include params;\n}\n");
        write("params", "proxy_set_header Host $host;\n");
        Resolved r = resolve(root);
        assertTrue(r.problems().isEmpty(), r.problems()::toString);
        assertEquals(List.of("server", "location /", "proxy_set_header Host"), names(r));
        List<Directive> all = new ArrayList<>();
        Tree.walk(r.items(), all::add);
        Directive psh = all.get(2);
        assertEquals("params", psh.file().path().getFileName().toString());
        assertEquals("include", psh.via().name());
        assertEquals("location", all.get(1).name());
        assertEquals("include", all.get(1).via().name());
        assertNull(all.get(0).via());
    }

    @Test
    void prefixOptionIsTheBaseForRelativePaths() throws IOException {
        Path root = write("conf/nginx.conf", "include extra.conf;\n");
        write("prefix/extra.conf", "x 1;\n");
        Resolved r = resolve(root, new ResolveOptions(dir.resolve("prefix"), null, java.util.Map.of(),
                java.util.Set.of(), false, null, null));
        assertTrue(r.problems().isEmpty(), r.problems()::toString);
        assertEquals(List.of("x 1"), names(r));
    }

    @Test
    void missingNonGlobIncludeIsCfg101AtTheDirective() throws IOException {
        Path root = write("nginx.conf", "user x;\ninclude missing.conf;\ninclude nothing/*.conf;\n");
        Resolved r = resolve(root);
        assertEquals(List.of("CFG101"), ids(r)); // the glob with no match is silent
        Problem p = r.problems().get(0);
        assertEquals(2, p.span().startLine());
        assertEquals("include missing.conf;", p.span().text());
        assertTrue(p.message().contains("missing.conf"), p.message());
    }

    @Test
    void includeCycleIsCfg102AndNotFollowed() throws IOException {
        Path root = write("nginx.conf", "include a.conf;\n");
        write("a.conf", "a 1;\ninclude b.conf;\n");
        write("b.conf", "b 1;\ninclude a.conf;\ninclude nginx.conf;\n");
        Resolved r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> resolve(root));
        assertEquals(List.of("CFG102", "CFG102"), ids(r));
        assertEquals(List.of("a 1", "b 1"), names(r));
        assertTrue(r.problems().get(0).message().contains("cycle"));
    }

    @Test
    void largeGlobReadAheadKeepsCyclesDirectoriesAndOrder() throws IOException {
        // more matches than the thresholds of reading ahead and of finding real paths in parallel
        int n = NginxResolver.PARALLEL_KEYS + 10;
        Path root = write("nginx.conf", "http {\n    include vhosts/*;\n}\n");
        for (int i = 0; i < n; i++) {
            write(String.format("vhosts/v%03d.conf", i), "server_name s" + i + ";\n");
        }
        Files.createDirectories(dir.resolve("vhosts/v050.d"));
        // a symlink back to the main config: a cycle only the real path shows
        Files.createSymbolicLink(dir.resolve("vhosts/v060.link"), root);
        Resolved r = resolve(root);
        assertEquals(List.of("CFG106", "CFG102"), ids(r));
        assertTrue(r.problems().get(0).message().contains("names a directory"), r.problems().get(0).message());
        assertTrue(r.problems().get(1).message().contains("include cycle"), r.problems().get(1).message());
        List<String> names = names(r);
        assertEquals(n + 1, names.size());
        for (int i = 0; i < n; i++) {
            assertEquals("server_name s" + i, names.get(i + 1));
        }
    }

    @Test
    void aFileIncludedByTwoRootsGetsATreeOfItsOwnInEach() throws IOException {
        Path a = write("a.conf", "include shared.conf;\n");
        Path b = write("b.conf", "http { include shared.conf; }\n");
        write("shared.conf", "server { listen 80; }\n");
        ParseCache loader = new ParseCache(new NginxFrontend());
        Resolved ra = new NginxFrontend().resolve(loader.load(a, null), ResolveOptions.defaults(), loader);
        Resolved rb = new NginxFrontend().resolve(loader.load(b, null), ResolveOptions.defaults(), loader);
        Directive incA = directives(ra.items()).get(0);
        Directive incB = directives(directives(rb.items()).get(0).children()).get(0);
        Directive serverA = (Directive) incA.expansion().get(0);
        Directive serverB = (Directive) incB.expansion().get(0);
        assertNotSame(serverA, serverB);
        assertSame(incA, serverA.via());
        assertSame(incB, serverB.via());
        // resolving a root again (its tree was handed out the first time) works on a copy, same result
        Resolved again = new NginxFrontend().resolve(loader.load(a, null), ResolveOptions.defaults(), loader);
        assertEquals(names(ra), names(again));
        assertNotSame(ra.items().get(0), again.items().get(0));
        assertSame(incA, serverA.via());
    }

    @Test
    void selfIncludeThroughGlob() throws IOException {
        Path root = write("nginx.conf", "include *.conf;\nx 1;\n");
        Resolved r = resolve(root);
        assertEquals(List.of("CFG102"), ids(r));
    }

    @Test
    void nestingDepthIsBoundedCfg103() throws IOException {
        for (int i = 0; i < 80; i++) {
            write("f" + i + ".conf", "d" + i + " 1;\ninclude f" + (i + 1) + ".conf;\n");
        }
        write("f80.conf", "last 1;\n");
        Resolved r = resolve(dir.resolve("f0.conf"));
        assertEquals(List.of("CFG103"), ids(r));
        assertEquals(NginxResolver.MAX_DEPTH + 1, names(r).size());
    }

    @Test
    void totalInclusionsAreBoundedCfg103() throws IOException {
        // an include "diamond": 250 x 250 = 62,500 inclusions of c.conf, over the 50,000 bound
        Path root = write("nginx.conf", "include b.conf;\n".repeat(250));
        write("b.conf", "include c.conf;\n".repeat(250));
        write("c.conf", "c 1;\n");
        Resolved r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> resolve(root));
        assertEquals(List.of("CFG103"), ids(r));
        assertTrue(r.problems().get(0).message().contains("50000"), r.problems().get(0).message());
        long cs = names(r).stream().filter(n -> n.equals("c 1")).count();
        long bs = directives(r.items()).stream().filter(d -> !d.includedFiles().isEmpty()).count();
        assertTrue(bs > 150 && bs < 250, "b.conf inclusions: " + bs);
        assertEquals(NginxResolver.MAX_FILES, cs + bs); // every inclusion counts, then reading stops
        assertEquals(3, r.files().size());
    }

    @Test
    void globMatchingTenThousandFiles() throws IOException {
        Path root = write("nginx.conf", "http {\n include many/*.conf;\n}\n");
        Path many = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(many.resolve(String.format("s%05d.conf", i)), "server_name s" + i + ";\n");
        }
        Resolved r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> resolve(root));
        assertTrue(r.problems().isEmpty(), () -> r.problems().subList(0, 1).toString());
        List<String> n = names(r);
        assertEquals(10_001, n.size());
        assertEquals("server_name s0", n.get(1));
        assertEquals("server_name s9999", n.get(10_000));
        assertEquals(10_001, r.files().size());
    }

    @Test
    void symlinkLoopInIncludePath() throws IOException {
        Path root = write("nginx.conf", "include loop/x.conf;\ninclude loop/*.conf;\ninclude self/*/*.conf;\n");
        Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        Files.createDirectories(dir.resolve("self"));
        Files.createSymbolicLink(dir.resolve("self/again"), dir.resolve("self"));
        write("self/again2/ok.conf", "ok 1;\n");
        Resolved r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> resolve(root));
        assertEquals("CFG106", ids(r).get(0), r.problems()::toString);
        assertEquals(1, r.problems().get(0).span().startLine());
        assertTrue(names(r).contains("ok 1"), names(r)::toString);
    }

    @Test
    void directoryMatchedByIncludeIsCfg106() throws IOException {
        Path root = write("nginx.conf", "include sub;\n");
        Files.createDirectories(dir.resolve("sub"));
        Resolved r = resolve(root);
        assertEquals(List.of("CFG106"), ids(r));
        assertTrue(r.problems().get(0).message().contains("directory"));
    }

    @Test
    void unreadableFileIsCfg106() throws IOException {
        Path secret = write("secret.conf", "x 1;\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        // as root, permissions do not stop reading: then include a file that exists but fails to read
        // (reading /proc/self/mem at offset 0 fails with an I/O error)
        String target = Files.isReadable(secret) ? "/proc/self/mem" : "secret.conf";
        Path root = write("nginx.conf", "include " + target + ";\n");
        // /proc lies outside the main config's directory: the host's files are read only when mapped
        Resolved r = resolve(root, ResolveOptions.defaults().withPathMap(java.util.Map.of(Path.of("/"), Path.of("/"))));
        assertEquals(List.of("CFG106"), ids(r));
        assertEquals(List.of(Files.isReadable(secret) ? "CFG107" : "CFG106"), ids(resolve(root)));
    }

    @Test
    void syntaxProblemsOfIncludedFilesAreReportedOnce() throws IOException {
        Path root = write("nginx.conf", "include bad.conf;\nhttp { include bad.conf; }\n");
        write("bad.conf", "a \"b\"c;\n");
        Resolved r = resolve(root);
        assertEquals(List.of("SYN001"), ids(r));
        assertEquals("bad.conf", r.problems().get(0).span().file().path().getFileName().toString());
        // each inclusion site has its own copy with its own via
        Directive top = directives(r.items()).get(0);
        Directive inner = directives(directives(r.items()).get(1).children()).get(0);
        Directive a1 = (Directive) top.expansion().get(0);
        Directive a2 = (Directive) inner.expansion().get(0);
        assertSame(top, a1.via());
        assertSame(inner, a2.via());
    }

    @Test
    void dumpDetectionSplitAndResolution() {
        String dump = "nginx: the configuration file /e/nginx.conf syntax is ok\n"
                + "# configuration file /e/nginx.conf:\nuser x;\nhttp {\n    include /e/conf.d/*.conf;\n"
                + "    include /e/missing.conf;\n}\n\n"
                + "# configuration file /e/conf.d/b.conf:\nb 1;\n\n"
                + "# configuration file /e/conf.d/a.conf:\n# a\na \"1\n2\";\n\n";
        SourceFile f = SourceFile.of("dump.txt", dump);
        assertTrue(NginxDump.isDump(f));
        assertTrue(!NginxDump.isDump(SourceFile.of("x", "user x;\n# configuration file /a:\n")));
        List<SourceFile> files = NginxDump.split(f);
        assertEquals(3, files.size());
        assertEquals("/e/nginx.conf", files.get(0).name());
        assertEquals(Path.of("/e/conf.d/b.conf"), files.get(1).path());
        assertEquals("user x;\nhttp {\n    include /e/conf.d/*.conf;\n    include /e/missing.conf;\n}\n",
                files.get(0).text());
        assertEquals("# a\na \"1\n2\";\n", files.get(2).text());
        Resolved r = NginxDump.resolve(f, ResolveOptions.defaults());
        assertEquals(List.of("CFG101"), ids(r));
        assertEquals(Path.of("/e/nginx.conf"), r.problems().get(0).span().file().path());
        assertEquals(4, r.problems().get(0).span().startLine()); // the original file's line, not the dump's
        assertEquals(List.of("user x", "http", "a 1\n2", "b 1"), names(r));
        List<Directive> all = new ArrayList<>();
        Tree.walk(r.items(), all::add);
        assertEquals(2, all.get(2).line()); // a.conf line 2 (own numbering; line 14 of the dump)
    }
}
