package dev.proxylint.apache;

import dev.proxylint.syntax.ParseCache;
import static dev.proxylint.apache.ApacheTestSupport.ids;
import static dev.proxylint.apache.ApacheTestSupport.resolve;
import static dev.proxylint.apache.ApacheTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.Tree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input: each case gives a clear problem or a correct parse, fast, with no exception. */
class ApacheRobustnessTest {
    @TempDir
    Path tmp;

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void binaryFile() throws IOException {
        Path p = tmp.resolve("bin.conf");
        Files.write(p, new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2, (byte) 0xff, '\n', 0});
        ParsedFile pf = new ParseCache(new ApacheFrontend()).load(p, Dialect.APACHE);
        assertEquals(List.of("SYN002"), ids(pf.problems()));
        assertEquals(1, pf.problems().get(0).span().startLine());
        assertEquals(5, pf.problems().get(0).span().startColumn());
    }

    @Test
    void fiftyMegabyteSingleLine() throws IOException {
        Path p = tmp.resolve("big.conf");
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write("ServerAlias ".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a.example.com ".repeat(1 << 10).getBytes(StandardCharsets.US_ASCII);
            long written = 0;
            while (written < 50L * 1024 * 1024) {
                out.write(chunk);
                written += chunk.length;
            }
            out.write("last\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertTimeoutPreemptively(LIMIT, () -> {
            ParsedFile pf = new ParseCache(new ApacheFrontend()).load(p, Dialect.APACHE);
            assertTrue(pf.problems().isEmpty());
            Directive d = (Directive) pf.items().get(0);
            assertEquals("last", d.arg(d.argCount() - 1));
            assertTrue(d.argCount() > 3_000_000);
        });
    }

    @Test
    void fiftyMegabyteSingleToken() {
        String big = "X " + "y".repeat(50 * 1024 * 1024);
        assertTimeoutPreemptively(LIMIT, () -> {
            ParsedFile pf = ApacheTestSupport.FE.parse(SourceFile.of("one.conf", big));
            assertEquals(50 * 1024 * 1024, ((Directive) pf.items().get(0)).args().get(0).end() - 2);
        });
    }

    @Test
    void hundredThousandNestedSections() throws IOException {
        int n = 100_000;
        Path p = write(tmp, "deep.conf", "<Location /a>\n".repeat(n) + "Require all granted\n"
                + "</Location>\n".repeat(n));
        assertTimeoutPreemptively(LIMIT, () -> {
            Resolved r = resolve(p);
            assertTrue(r.problems().isEmpty());
            int[] count = new int[1];
            Tree.walk(r.items(), d -> count[0]++);
            assertEquals(n + 1, count[0]);
            String printed = ApachePrinter.print(r.root().items());
            assertEquals(2 * n + 1, printed.lines().count());
        });
    }

    @Test
    void hundredThousandUnclosedSections() {
        String t = "<Directory /x>\n".repeat(100_000);
        assertTimeoutPreemptively(LIMIT, () -> {
            ParsedFile pf = ApacheTestSupport.FE.parse(SourceFile.of("open.conf", t));
            // the first 100 are kept, the other 99,900 are summed up in one
            assertEquals(dev.proxylint.syntax.ProblemList.MAX + 1, pf.problems().size());
            assertEquals("<Directory> was not closed.", pf.problems().get(0).message());
            assertTrue(pf.problems().get(100).message().startsWith("99900 more syntax problem(s)"),
                    pf.problems().get(100).message());
        });
    }

    @Test
    void unterminatedQuotesEverywhere() {
        ParsedFile pf = ApacheTestSupport.FE.parse(SourceFile.of("q.conf",
                "A \"x\nB 'y\n<Location \"/z>\n</Location>\nC \"\\\nD\n\"E\n"));
        List<Node> items = pf.items();
        assertEquals(List.of("x"), ((Directive) items.get(0)).values());
        assertEquals(List.of("y"), ((Directive) items.get(1)).values());
        assertEquals(List.of("/z"), ((Directive) items.get(2)).values());
        assertEquals(List.of("D"), ((Directive) items.get(3)).values());
        assertEquals("E", ((Directive) items.get(4)).name());
        assertTrue(pf.problems().isEmpty(), pf.problems().toString());
    }

    @Test
    void includeGlobMatchingTenThousandFiles() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(d.resolve(String.format("f%05d.conf", i)), "Listen " + (10000 + i) + "\n");
        }
        Path root = write(tmp, "main.conf", "Include many/*.conf\n");
        assertTimeoutPreemptively(LIMIT, () -> {
            Resolved r = resolve(root);
            assertTrue(r.problems().isEmpty());
            List<Directive> eff = Tree.effective(r.items());
            assertEquals(10_000, eff.size());
            assertEquals("10000", eff.get(0).arg(0));
            assertEquals("19999", eff.get(9_999).arg(0));
            assertEquals(10_001, r.files().size());
        });
    }

    @Test
    void symlinkLoop() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("conf.d"));
        Files.writeString(d.resolve("a.conf"), "A\n");
        Files.createSymbolicLink(d.resolve("loop"), d);
        Files.createSymbolicLink(tmp.resolve("self.conf"), tmp.resolve("self.conf"));
        Path root = write(tmp, "main.conf", "Include conf.d\nIncludeOptional self.conf\n");
        assertTimeoutPreemptively(LIMIT, () -> {
            Resolved r = resolve(root);
            assertEquals(List.of("A"), ApacheTestSupport.effective(r));
            assertTrue(ids(r.problems()).contains("CFG102"), r.problems().toString());
        });
    }

    @Test
    void includeCycleThroughGlob() throws IOException {
        write(tmp, "x/a.conf", "Include x/*.conf\nA\n");
        write(tmp, "x/b.conf", "B\n");
        Path root = write(tmp, "main.conf", "Include x/*.conf\n");
        assertTimeoutPreemptively(LIMIT, () -> {
            Resolved r = resolve(root);
            assertEquals(List.of("B", "A", "B"), ApacheTestSupport.effective(r));
            assertEquals(List.of("CFG102"), ids(r.problems()));
        });
    }

    @Test
    void macroBomb() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append("<Macro M").append(i).append(">\n");
            if (i > 0) {
                sb.append("Use M").append(i - 1).append("\nUse M").append(i - 1).append('\n');
            } else {
                sb.append("X\n");
            }
            sb.append("</Macro>\n");
        }
        sb.append("Use M19\n");
        Path root = write(tmp, "bomb.conf", sb.toString());
        assertTimeoutPreemptively(LIMIT, () -> {
            Resolved r = resolve(root);
            assertTrue(ids(r.problems()).contains("CFG103"), "2^19 expansions are cut off");
        });
    }
}
