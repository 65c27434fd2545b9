package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth, real Apache 2.4 in front of {@link WsEchoBackend}. The same virtual hosts run in two
 * processes: {@code plain} loads proxy + proxy_http + rewrite, {@code wst} additionally loads
 * proxy_wstunnel. See testdata/reality/README.md.
 */
class ApacheWebSocketRealityTest {
    @TempDir
    static Path tmp;
    private static WsEchoBackend backend;
    private static ApacheProcess plain;
    private static ApacheProcess wst;

    static final String[] CASES = {"J", "K", "L", "M", "N", "O", "P"};

    static String vhosts() {
        StringBuilder sb = new StringBuilder();
        for (String c : CASES) {
            sb.append("Listen 127.0.0.1:@PORT_").append(c).append("@\n");
        }
        sb.append("""
                # main port: nothing special
                <VirtualHost 127.0.0.1:@PORT@>
                </VirtualHost>
                # (j) http:// backend without upgrade=websocket
                <VirtualHost 127.0.0.1:@PORT_J@>
                    ProxyPass /ws http://@BACKEND@/ws
                </VirtualHost>
                # (k) http:// backend with upgrade=websocket
                <VirtualHost 127.0.0.1:@PORT_K@>
                    ProxyPass /ws http://@BACKEND@/ws upgrade=websocket
                </VirtualHost>
                # (l) ws:// backend
                <VirtualHost 127.0.0.1:@PORT_L@>
                    ProxyPass /ws ws://@BACKEND@/ws
                </VirtualHost>
                # (m) classic rewrite recipe
                <VirtualHost 127.0.0.1:@PORT_M@>
                    RewriteEngine On
                    RewriteCond %{HTTP:Upgrade} websocket [NC]
                    RewriteCond %{HTTP:Connection} upgrade [NC]
                    RewriteRule ^/?(.*) ws://@BACKEND@/$1 [P,L]
                    ProxyPass / http://@BACKEND@/
                </VirtualHost>
                # (n) the same recipe without RewriteEngine On
                <VirtualHost 127.0.0.1:@PORT_N@>
                    RewriteCond %{HTTP:Upgrade} websocket [NC]
                    RewriteCond %{HTTP:Connection} upgrade [NC]
                    RewriteRule ^/?(.*) ws://@BACKEND@/$1 [P,L]
                    ProxyPass / http://@BACKEND@/
                </VirtualHost>
                # (o) ProxyPass / first, then ProxyPass /ws ws://
                <VirtualHost 127.0.0.1:@PORT_O@>
                    ProxyPass / http://@BACKEND@/
                    ProxyPass /ws ws://@BACKEND@/ws
                </VirtualHost>
                # (p) trailing-slash mismatch
                <VirtualHost 127.0.0.1:@PORT_P@>
                    ProxyPass /ws/ http://@BACKEND@/ws upgrade=websocket
                </VirtualHost>
                """);
        return sb.toString();
    }

    static ApacheProcess apache(boolean wstunnel) {
        ApacheProcess a = ApacheProcess.create(tmp).backend(backend).modules("proxy", "proxy_http", "rewrite");
        if (wstunnel) {
            a.modules("proxy_wstunnel");
        }
        for (String c : CASES) {
            a.port(c);
        }
        return a.body(vhosts());
    }

    @BeforeAll
    static void start() throws IOException {
        backend = WsEchoBackend.start();
        plain = apache(false);
        wst = apache(true);
        plain.start();
        wst.start();
    }

    @AfterAll
    static void stop() {
        for (ApacheProcess a : new ApacheProcess[] {plain, wst}) {
            if (a != null) {
                a.stop();
            }
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static WsOutcome attempt(ApacheProcess a, String c, String path) throws IOException {
        String marker = c.toLowerCase() + (a == wst ? "-wst" : "-plain") + path;
        WsOutcome o = WsOutcome.attempt(backend, a.port(c), path, marker);
        System.out.println("[reality] apache " + marker + ": " + o.summary() + " | backend saw: "
                + o.backendRequestLine() + " " + (o.backendHead() == null ? "" : o.backendHead().headers()));
        return o;
    }

    private static void both(String c, String path, String expected, String backendLine) throws IOException {
        for (ApacheProcess a : new ApacheProcess[] {plain, wst}) {
            WsOutcome o = attempt(a, c, path);
            String which = a == plain ? "without proxy_wstunnel" : "with proxy_wstunnel";
            assertEquals(expected, o.summary(), which + ": " + o);
            assertEquals(backendLine, o.backendRequestLine(), which + ": " + o);
        }
    }

    @Test
    void configTestPasses() {
        for (ApacheProcess a : new ApacheProcess[] {plain, wst}) {
            ProcResult r = a.configTest();
            assertEquals(0, r.exitCode(), r.output());
            // no warning about the dead RewriteRule (n) or the shadowed ProxyPass (o)
            assertEquals("Syntax OK", r.output().trim(), r.output());
        }
    }

    @Test
    void j_httpBackendWithoutUpgradeOptionStripsUpgrade() throws IOException {
        both("J", "/ws", "400 (backend: 400 no Upgrade: websocket (got null))", "GET /ws HTTP/1.1");
        WsOutcome o = attempt(plain, "J", "/ws");
        assertEquals("Keep-Alive", o.backendHead().header("Connection"), o.toString());
    }

    @Test
    void k_httpBackendWithUpgradeWebsocketWorks() throws IOException {
        both("K", "/ws", "101 echo", "GET /ws HTTP/1.1");
    }

    @Test
    void k_plainGetThroughUpgradeRouteStill200() throws IOException {
        for (ApacheProcess a : new ApacheProcess[] {plain, wst}) {
            WsClient.HttpResponse r = WsClient.get(a.port("K"), "/ws");
            assertEquals(200, r.status(), r.statusLine());
            assertEquals(WsEchoBackend.PLAIN_BODY, r.body());
        }
    }

    @Test
    void l_wsSchemeWorksEvenWithoutProxyWstunnel() throws IOException {
        // 2.4.47+: mod_proxy_http serves ws:// itself; mod_proxy_wstunnel is not needed
        both("L", "/ws", "101 echo", "GET /ws HTTP/1.1");
    }

    @Test
    void m_classicRewriteRecipeWorks() throws IOException {
        both("M", "/ws", "101 echo", "GET /ws HTTP/1.1");
    }

    @Test
    void n_rewriteWithoutRewriteEngineOnIsIgnored() throws IOException {
        // the RewriteRule is silently inactive, ProxyPass / http:// (no upgrade=websocket) answers
        both("N", "/ws", "400 (backend: 400 no Upgrade: websocket (got null))", "GET /ws HTTP/1.1");
        ProcResult t = plain.configTest();
        assertEquals(0, t.exitCode(), t.output());
    }

    @Test
    void o_earlierProxyPassSlashShadowsLaterWs() throws IOException {
        both("O", "/ws", "400 (backend: 400 no Upgrade: websocket (got null))", "GET /ws HTTP/1.1");
    }

    @Test
    void p_trailingSlashMismatch() throws IOException {
        both("P", "/ws", "404 (backend: not reached)", null);
        both("P", "/ws/", "101 echo", "GET /ws HTTP/1.1");
        both("P", "/ws/chat", "101 echo", "GET /wschat HTTP/1.1");
    }
}
