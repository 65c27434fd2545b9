package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CFG127 on real nginx 1.22: a config whose try_files and error_page fall back to a named location
 * the server lacks passes {@code nginx -t}, and the requests that take the fallback are answered 500;
 * with the named location added (what the finding asks for) the same requests are served.
 */
class NamedLocationE2ETest {
    @TempDir
    static Path tmp;
    private static final List<ServerProcess<?>> started = new ArrayList<>();

    @AfterAll
    static void stopAll() {
        for (ServerProcess<?> s : started) {
            s.stop();
        }
    }

    private static String config(String named) {
        return NginxProcess.preamble() + "http {\n" + NginxProcess.httpPreamble() + """
                    server {
                        listen 127.0.0.1:@PORT@;
                        root @DIR@/www;
                        location / {
                            try_files $uri @app;
                        }
                        location /errors/ {
                            error_page 404 @gone;
                        }
                """ + named + """
                    }
                }
                """;
    }

    private static String lint(String text) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "lint");
        Path f = dir.resolve("nginx.conf");
        Files.writeString(f, text);
        return CliRun.of("check", "--format", "concise", "--select", "CFG127", f.toString()).out();
    }

    private static NginxProcess nginx(String full) {
        NginxProcess n = NginxProcess.create(tmp).fullConfig(full);
        n.file("www/index.html", "INDEX\n");
        started.add(n);
        return n.start();
    }

    @Test
    void aMissingNamedLocationPassesNginxTestAndAnswers500UntilItIsAdded() throws Exception {
        String bad = config("");
        String out = lint(bad);
        assertEquals(2, out.lines().filter(l -> l.contains("[CFG127]")).count(), out);
        assertTrue(out.contains("try_files falls back to @app") && out.contains("error_page falls back to @gone"), out);
        ProcResult t = NginxProcess.create(tmp).fullConfig(bad).configTest();
        assertEquals(0, t.exitCode(), "nginx -t refused the config: " + t.output());
        NginxProcess b = nginx(bad);
        assertEquals(200, SecCasesE2ETest.status(SecCasesE2ETest.get(b, "/index.html")));
        assertEquals(500, SecCasesE2ETest.status(SecCasesE2ETest.get(b, "/no-such-file")));
        assertEquals(500, SecCasesE2ETest.status(SecCasesE2ETest.get(b, "/errors/missing")));

        String good = config("""
                        location @app {
                            return 200 "APP\\n";
                        }
                        location @gone {
                            return 410;
                        }
                """);
        assertFalse(lint(good).contains("[CFG127]"), lint(good));
        NginxProcess g = nginx(good);
        String app = SecCasesE2ETest.get(g, "/no-such-file");
        assertEquals(200, SecCasesE2ETest.status(app));
        assertEquals("APP\n", SecCasesE2ETest.body(app));
        assertEquals(410, SecCasesE2ETest.status(SecCasesE2ETest.get(g, "/errors/missing")));
    }
}
