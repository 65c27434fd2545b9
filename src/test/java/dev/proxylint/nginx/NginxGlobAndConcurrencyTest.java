package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.ParsedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NginxGlobAndConcurrencyTest {
    @Test
    void globPatterns() {
        assertTrue(Glob.matches("*.conf", "a.conf"));
        assertFalse(Glob.matches("*.conf", ".a.conf")); // leading dot needs an explicit dot
        assertTrue(Glob.matches(".*.conf", ".a.conf"));
        assertTrue(Glob.matches("s?.conf", "s1.conf"));
        assertFalse(Glob.matches("s?.conf", "s12.conf"));
        assertTrue(Glob.matches("[ab]*", "b-x"));
        assertFalse(Glob.matches("[!ab]*", "b-x"));
        assertTrue(Glob.matches("[^ab]*", "c"));
        assertTrue(Glob.matches("[a-c]x", "bx"));
        assertFalse(Glob.matches("[a-c]x", "dx"));
        assertTrue(Glob.matches("[]]x", "]x"));
        assertTrue(Glob.matches("a\\*", "a*"));
        assertFalse(Glob.matches("a\\*", "ab"));
        assertTrue(Glob.matches("/e/*/x.conf", "/e/sites/x.conf"));
        assertFalse(Glob.matches("/e/*.conf", "/e/sites/x.conf")); // '*' does not cross '/'
        assertFalse(Glob.matches("/e/?x", "/e//x"));
        assertTrue(Glob.matches("*a*b*c", "xxaxxbxxc"));
        assertFalse(Glob.matches("*a*b*c", "xxaxxcxxb"));
        assertTrue(Glob.matches("[x", "[x")); // an unclosed class is a literal '['
        assertTrue(Glob.isPattern("a[1]") && Glob.isPattern("a?") && !Glob.isPattern("a.conf"));
    }

    @Test
    void byteOrderSortsUppercaseFirstAndUtf8ByBytes() {
        List<Path> l = new ArrayList<>(List.of(Path.of("/b"), Path.of("/\u00e9"), Path.of("/B"), Path.of("/a"),
                Path.of("/\uFF41"), Path.of("/\uD83D\uDE00")));
        l.sort(Glob.BYTE_ORDER);
        assertEquals(List.of(Path.of("/B"), Path.of("/a"), Path.of("/b"), Path.of("/\u00e9"), Path.of("/\uFF41"),
                Path.of("/\uD83D\uDE00")), l);
    }

    @Test
    void oneFrontendParsesConcurrently() throws Exception {
        NginxFrontend fe = new NginxFrontend();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.add(("server { listen " + i + "; location /x" + i + " { proxy_pass \"http://b\"; } }\n").repeat(300)
                    + (i % 2 == 0 ? "a \"b\"c;\n" : ""));
        }
        List<String> expected = new ArrayList<>();
        for (String t : texts) {
            ParsedFile pf = fe.parse(SourceFile.of("s.conf", t));
            expected.add(NginxTestSupport.shape(pf.items()) + pf.problems().size());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String t : texts) {
                    futures.add(pool.submit(() -> {
                        ParsedFile pf = fe.parse(SourceFile.of("c.conf", t));
                        return NginxTestSupport.shape(pf.items()) + pf.problems().size();
                    }));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                assertEquals(expected.get(k % texts.size()), futures.get(k).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(expected.get(0).endsWith("1") && expected.get(1).endsWith("0"));
    }
}
