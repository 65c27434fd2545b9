package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The process runners themselves: start, readiness, config errors, stop by PID, placeholders. */
class ServerProcessTest {
    @TempDir
    Path tmp;

    @Test
    void placeholdersAreSubstitutedAndLeftoversRejected() {
        assertEquals("listen 127.0.0.1:81; location @named {}",
                ServerSupport.substitute("listen 127.0.0.1:@PORT@; location @named {}", Map.of("PORT", "81")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerSupport.substitute("proxy_pass http://@BACKEND@;", Map.of("PORT", "81")));
        assertTrue(e.getMessage().contains("@BACKEND@"), e.getMessage());
    }

    @Test
    void freePortsAreDistinct() {
        int a = ServerSupport.freePort();
        int b = ServerSupport.freePort();
        assertNotEquals(a, b);
    }

    @Test
    void missingBinarySkipsOrFailsDependingOnEnv() {
        Path missing = Path.of("/nonexistent/proxylint-no-such-server");
        if (ServerSupport.serversRequired()) {
            assertThrows(AssertionFailedError.class, () -> ServerSupport.requireBinary(missing));
        } else {
            TestAbortedException e = assertThrows(TestAbortedException.class, () -> ServerSupport.requireBinary(missing));
            assertTrue(e.getMessage().contains("not installed"), e.getMessage());
        }
    }

    @Test
    void nginxStartsServesAndStopsWithItsWorkers() throws IOException, InterruptedException {
        NginxProcess n = NginxProcess.create(tmp).http("server { listen 127.0.0.1:@PORT@; return 200 \"hi @PORT@\\n\"; }");
        List<ProcessHandle> children;
        try (n) {
            n.start();
            WsClient.HttpResponse r = WsClient.get(n.port(), "/");
            assertEquals(200, r.status());
            assertEquals("hi " + n.port() + "\n", r.body());
            assertEquals(Long.toString(n.pid()), Files.readString(n.dir().resolve("nginx.pid")).trim());
            children = n.isAlive() ? ProcessHandle.of(n.pid()).orElseThrow().children().toList() : List.of();
            assertFalse(children.isEmpty(), "nginx master has no worker");
            if (ServerSupport.isRoot()) {
                assertEquals("nobody", children.get(0).info().user().orElse("?"));
            }
            // nginx logs the request after it sent the response: wait for the line, bounded (2 s)
            boolean logged = false;
            for (int i = 0; i < 40 && !logged; i++) {
                logged = Files.readString(n.accessLog()).contains("GET / HTTP/1.1");
                if (!logged) {
                    Thread.sleep(50);
                }
            }
            assertTrue(logged, "the access log has no line for the request");
        }
        assertFalse(n.isAlive());
        for (ProcessHandle c : children) {
            assertFalse(c.isAlive(), "worker " + c.pid() + " survived stop()");
        }
        assertFalse(ServerSupport.portAccepts(n.port(), 200));
    }

    @Test
    void nginxBrokenConfigFailsFastWithErrorLog() {
        NginxProcess n = NginxProcess.create(tmp).http("server { listen 127.0.0.1:@PORT@; no_such_directive on; }");
        ProcResult t = n.configTest();
        assertNotEquals(0, t.exitCode());
        assertTrue(t.output().contains("unknown directive \"no_such_directive\""), t.output());
        long t0 = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, n::start);
        assertTrue(e.getMessage().contains("no_such_directive"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 9_000_000_000L, "start() should notice the dead process early");
        assertFalse(n.isAlive());
    }

    @Test
    void apacheStartsServesAndStops() throws IOException {
        WsEchoBackend backend = WsEchoBackend.start();
        ApacheProcess a = ApacheProcess.create(tmp).backend(backend).modules("proxy", "proxy_http")
                .body("ProxyPass / http://@BACKEND@/\n");
        List<ProcessHandle> children;
        try (backend; a) {
            a.start();
            WsClient.HttpResponse r = WsClient.get(a.port(), "/x");
            assertEquals(200, r.status(), a.diagnostics());
            assertEquals(WsEchoBackend.PLAIN_BODY, r.body());
            assertEquals("GET /x HTTP/1.1", backend.requests().get(0).requestLine());
            children = ProcessHandle.of(a.pid()).orElseThrow().children().toList();
            assertFalse(children.isEmpty(), "apache has no child");
            if (ServerSupport.isRoot()) {
                assertEquals("www-data", children.get(0).info().user().orElse("?"));
            }
            long t0 = System.nanoTime();
            a.stop();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 11_000, "stop took " + ms + " ms");
        }
        assertFalse(a.isAlive());
        for (ProcessHandle c : children) {
            assertFalse(c.isAlive(), "child " + c.pid() + " survived stop()");
        }
    }

    @Test
    void apacheBrokenConfigFailsWithMessage() {
        ApacheProcess a = ApacheProcess.create(tmp).body("ProxyPass / http://127.0.0.1:1/\n"); // mod_proxy not loaded
        ProcResult t = a.configTest();
        assertNotEquals(0, t.exitCode());
        assertTrue(t.output().contains("Invalid command 'ProxyPass'"), t.output());
        IllegalStateException e = assertThrows(IllegalStateException.class, a::start);
        assertTrue(e.getMessage().contains("Invalid command 'ProxyPass'"), e.getMessage());
    }
}
