package dev.proxylint.nginx;

import dev.proxylint.syntax.ParseCache;
import static dev.proxylint.nginx.NginxTestSupport.assertValidSpans;
import static dev.proxylint.nginx.NginxTestSupport.directives;
import static dev.proxylint.nginx.NginxTestSupport.first;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input: each case ends with a clear problem or a correct parse, fast, without exceptions. */
class NginxBadInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final NginxFrontend FE = new NginxFrontend();

    @TempDir
    Path dir;

    private ParsedFile parseFile(Path p) {
        return assertTimeoutPreemptively(LIMIT, () -> FE.parse(SourceFile.read(p)));
    }

    @Test
    void binaryFile() throws IOException {
        byte[] bytes = new byte[64 * 1024];
        new Random(7).nextBytes(bytes);
        bytes[100] = 0;
        Path p = dir.resolve("bin.conf");
        Files.write(p, bytes);
        ParsedFile pf = parseFile(p);
        assertEquals(1, pf.problems().size());
        assertEquals("SYN002", pf.problems().get(0).ruleId());
        assertTrue(pf.items().isEmpty());
        assertValidSpans(pf);
    }

    @Test
    void fiftyMegabyteSingleToken() throws IOException {
        char[] c = new char[50 * 1024 * 1024];
        Arrays.fill(c, 'x');
        String text = "env " + new String(c) + ";";
        Path p = dir.resolve("big.conf");
        Files.writeString(p, text);
        ParsedFile pf = parseFile(p);
        assertTrue(pf.problems().isEmpty());
        Directive d = first(pf);
        assertEquals(c.length, d.args().get(0).end() - d.args().get(0).start());
        assertEquals(text.length(), d.end());
    }

    @Test
    void fiftyMegabyteSingleLineOfManyTokens() throws IOException {
        String unit = "proxy_set_header X-Forwarded-For-Some-Long-Name $proxy_add_x_forwarded_for; ";
        int n = 50 * 1024 * 1024 / unit.length();
        StringBuilder sb = new StringBuilder(unit.length() * n + 16);
        for (int i = 0; i < n; i++) {
            sb.append(unit);
        }
        sb.append("unterminated \"x");
        Path p = dir.resolve("line.conf");
        Files.writeString(p, sb);
        sb.setLength(0);
        ParsedFile pf = parseFile(p);
        assertEquals(1, pf.problems().size());
        assertEquals(1, pf.problems().get(0).span().startLine());
        assertEquals(n + 1, pf.items().size());
        assertValidSpans(pf);
    }

    @Test
    void hundredThousandNestedBlocks() {
        int depth = 100_000;
        StringBuilder open = new StringBuilder(depth * 4);
        for (int i = 0; i < depth; i++) {
            open.append("a {\n");
        }
        // unclosed: one problem at the end, pointing at the innermost brace
        ParsedFile unclosed = assertTimeoutPreemptively(LIMIT, () -> FE.parse(SourceFile.of("deep.conf", open.toString())));
        assertEquals(1, unclosed.problems().size());
        assertEquals(depth, unclosed.problems().get(0).related().get(0).startLine());
        assertValidSpans(unclosed);

        // closed: a correct tree of that depth; walking, resolving and printing it do not recurse
        StringBuilder closed = new StringBuilder(open).append("include nothing/*.conf;\n");
        for (int i = 0; i < depth; i++) {
            closed.append("}");
        }
        ParsedFile pf = assertTimeoutPreemptively(LIMIT, () -> FE.parse(SourceFile.of("deep2.conf", closed.toString())));
        assertTrue(pf.problems().isEmpty());
        AtomicInteger count = new AtomicInteger();
        Tree.walk(pf.items(), d -> count.incrementAndGet());
        assertEquals(depth + 1, count.get());
        Resolved r = FE.resolve(pf, ResolveOptions.defaults(), new ParseCache(new NginxFrontend()));
        assertTrue(r.problems().isEmpty());
        String printed = NginxPrinter.print(pf.items());
        ParsedFile again = FE.parse(SourceFile.of("p.conf", printed));
        assertTrue(again.problems().isEmpty());
        assertEquals(NginxTestSupport.shape(pf.items()), NginxTestSupport.shape(again.items()));
        List<Node> copy = NginxResolver.copy(pf.items());
        assertEquals(NginxTestSupport.shape(pf.items()), NginxTestSupport.shape(copy));
    }

    @Test
    void manyUnterminatedQuotesAndBlocks() {
        String text = "a \"b;\n}\n{ c 'd\n".repeat(1000) + "server {\n location / {\n";
        ParsedFile pf = assertTimeoutPreemptively(LIMIT, () -> FE.parse(SourceFile.of("u.conf", text)));
        assertTrue(!pf.problems().isEmpty());
        assertTrue(pf.problems().stream().allMatch(p -> p.ruleId().equals("SYN001")));
        assertValidSpans(pf);
    }

    @Test
    void bomAndCrlfFile() throws IOException {
        Path p = dir.resolve("win.conf");
        byte[] body = "server {\r\n    listen 80;\r\n}\r\n".getBytes();
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(p, all);
        ParsedFile pf = parseFile(p);
        assertTrue(pf.problems().isEmpty(), pf.problems()::toString);
        Directive listen = directives(first(pf).children()).get(0);
        assertEquals("80", listen.arg(0));
        assertEquals(2, listen.line());
        assertEquals(5, listen.column());
    }
}
