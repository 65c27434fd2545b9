package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.ParsedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One nginx front end parses from many threads at once (include patterns: {@code source.GlobTest}). */
class NginxConcurrencyTest {
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
