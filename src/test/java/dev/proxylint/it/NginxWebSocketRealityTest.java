package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth, real nginx 1.22 in front of {@link WsEchoBackend}: which WebSocket proxy configs
 * work. One nginx process, one server block (own port) per case; see testdata/reality/README.md.
 */
class NginxWebSocketRealityTest {
    @TempDir
    static Path tmp;
    private static WsEchoBackend backend;
    private static NginxProcess nginx;

    private static final String GOOD = """
                proxy_pass http://@BACKEND@;
                proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection $connection_upgrade;
            """;

    @BeforeAll
    static void start() throws IOException {
        backend = WsEchoBackend.start();
        nginx = NginxProcess.create(tmp).backend(backend);
        for (String c : new String[] {"B", "C", "D", "E", "F", "G", "H", "H2"}) {
            nginx.port(c);
        }
        nginx.file("ws_upgrade.inc", """
                proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection $connection_upgrade;
                """);
        nginx.http("""
                map $http_upgrade $connection_upgrade {
                    default upgrade;
                    ''      close;
                }
                # (a) correct, (i) plain GET through the same location
                server { listen 127.0.0.1:@PORT@;
                    location /ws {
                """ + GOOD + """
                    }
                }
                # (b) no proxy_http_version (1.22 default: 1.0)
                server { listen 127.0.0.1:@PORT_B@;
                    location /ws {
                        proxy_pass http://@BACKEND@;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                    }
                }
                # (c) HTTP/1.1 but no Upgrade/Connection headers
                server { listen 127.0.0.1:@PORT_C@;
                    location /ws {
                        proxy_pass http://@BACKEND@;
                        proxy_http_version 1.1;
                    }
                }
                # (d) headers at server level, location has its own proxy_set_header
                server { listen 127.0.0.1:@PORT_D@;
                    proxy_http_version 1.1;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    location /ws {
                        proxy_pass http://@BACKEND@;
                        proxy_set_header X-Foo bar;
                    }
                    location /inherit {
                        proxy_pass http://@BACKEND@;
                    }
                }
                # (e) Connection ""
                server { listen 127.0.0.1:@PORT_E@;
                    location /ws {
                        proxy_pass http://@BACKEND@;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "";
                    }
                }
                # (f) hard-coded Connection "upgrade"
                server { listen 127.0.0.1:@PORT_F@;
                    location /ws {
                        proxy_pass http://@BACKEND@;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                    }
                }
                # (g) the three directives come from an included file
                server { listen 127.0.0.1:@PORT_G@;
                    location /ws {
                        proxy_pass http://@BACKEND@;
                        include @DIR@/ws_upgrade.inc;
                    }
                }
                # (h) a regex location without upgrade headers also matches /ws: regex wins over prefix
                server { listen 127.0.0.1:@PORT_H@;
                    location /ws {
                """ + GOOD + """
                    }
                    location ~ ^/(api|ws) {
                        proxy_pass http://@BACKEND@;
                    }
                }
                # (h2) the same with ^~ on the prefix location: regexes are not checked
                server { listen 127.0.0.1:@PORT_H2@;
                    location ^~ /ws {
                """ + GOOD + """
                    }
                    location ~ ^/(api|ws) {
                        proxy_pass http://@BACKEND@;
                    }
                }
                """);
        nginx.start();
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.stop();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static WsOutcome attempt(String portName, String path, String marker) throws IOException {
        int port = portName == null ? nginx.port() : nginx.port(portName);
        WsOutcome o = WsOutcome.attempt(backend, port, path, marker);
        System.out.println("[reality] nginx " + marker + ": " + o.summary() + " | backend saw: " + o.backendRequestLine());
        return o;
    }

    @Test
    void configTestPasses() {
        ProcResult r = nginx.configTest();
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("syntax is ok"), r.output());
        assertFalse(r.output().contains("[warn]") || r.output().contains("[emerg]"), r.output());
    }

    @Test
    void a_correctConfigUpgradesAndEchoes() throws IOException {
        WsOutcome o = attempt(null, "/ws", "a");
        assertEquals("101 echo", o.summary(), o.toString());
        assertEquals("GET /ws HTTP/1.1", o.backendRequestLine());
    }

    @Test
    void b_withoutHttpVersionBackendGetsHttp10AndRefuses() throws IOException {
        WsOutcome o = attempt("B", "/ws", "b");
        assertEquals("GET /ws HTTP/1.0", o.backendRequestLine(), o.toString());
        assertTrue(o.backendOutcome().startsWith("400 request is HTTP/1.0"), o.toString());
        assertEquals("websocket", o.backendHead().header("Upgrade"), o.toString());
        assertEquals("upgrade", o.backendHead().header("Connection"), o.toString());
        assertEquals(400, o.status(), o.toString());
    }

    @Test
    void c_withoutHeadersUpgradeIsDropped() throws IOException {
        WsOutcome o = attempt("C", "/ws", "c");
        assertEquals("GET /ws HTTP/1.1", o.backendRequestLine(), o.toString());
        assertEquals(null, o.backendHead().header("Upgrade"), o.toString());
        assertEquals("close", o.backendHead().header("Connection"), o.toString());
        assertTrue(o.backendOutcome().startsWith("400 no Upgrade"), o.toString());
        assertEquals(400, o.status(), o.toString());
    }

    @Test
    void d_locationProxySetHeaderDropsServerLevelHeaders() throws IOException {
        WsOutcome o = attempt("D", "/ws", "d");
        assertEquals("bar", o.backendHead().header("X-Foo"), o.toString());
        assertEquals(null, o.backendHead().header("Upgrade"), o.toString());
        assertTrue(o.backendOutcome().startsWith("400 no Upgrade"), o.toString());
        assertEquals(400, o.status(), o.toString());
        // control: a location without its own proxy_set_header inherits them and works
        WsOutcome inherit = attempt("D", "/inherit", "d-inherit");
        assertEquals("101 echo", inherit.summary(), inherit.toString());
    }

    @Test
    void e_emptyConnectionHeaderBreaksUpgrade() throws IOException {
        WsOutcome o = attempt("E", "/ws", "e");
        assertEquals("websocket", o.backendHead().header("Upgrade"), o.toString());
        assertEquals(null, o.backendHead().header("Connection"), o.toString());
        assertTrue(o.backendOutcome().startsWith("400 Connection lacks the upgrade token"), o.toString());
        assertEquals(400, o.status(), o.toString());
    }

    @Test
    void f_hardCodedConnectionUpgradeWorks() throws IOException {
        WsOutcome o = attempt("F", "/ws", "f");
        assertEquals("101 echo", o.summary(), o.toString());
        // a plain request through it carries Connection: upgrade but no Upgrade header
        WsClient.HttpResponse r = WsClient.get(nginx.port("F"), "/ws/plain-f");
        assertEquals(200, r.status(), r.statusLine());
        WsEchoBackend.RequestHead seen = backend.requests().stream()
                .filter(h -> h.target().equals("/ws/plain-f")).reduce((x, y) -> y).orElseThrow();
        assertEquals("upgrade", seen.header("Connection"));
        assertEquals(null, seen.header("Upgrade"));
    }

    @Test
    void g_headersFromIncludedFileWork() throws IOException {
        WsOutcome o = attempt("G", "/ws", "g");
        assertEquals("101 echo", o.summary(), o.toString());
    }

    @Test
    void h_regexLocationWithoutHeadersShadowsPrefixLocation() throws IOException {
        WsOutcome o = attempt("H", "/ws", "h");
        assertEquals("GET /ws HTTP/1.0", o.backendRequestLine(), o.toString());
        assertEquals(null, o.backendHead().header("Upgrade"), o.toString());
        assertEquals(400, o.status(), o.toString());
        WsOutcome h2 = attempt("H2", "/ws", "h2");
        assertEquals("101 echo", h2.summary(), h2.toString());
    }

    @Test
    void i_plainGetThroughWebSocketLocationStill200() throws IOException {
        WsClient.HttpResponse r = WsClient.get(nginx.port(), "/ws/page");
        assertEquals(200, r.status(), r.statusLine());
        assertEquals(WsEchoBackend.PLAIN_BODY, r.body());
        WsEchoBackend.RequestHead seen = backend.requests().stream()
                .filter(h -> h.target().equals("/ws/page")).reduce((x, y) -> y).orElseThrow();
        // the map turns an absent Upgrade into Connection: close
        assertEquals("close", seen.header("Connection"));
        assertFalse(seen.headers().containsKey("upgrade"));
    }
}
