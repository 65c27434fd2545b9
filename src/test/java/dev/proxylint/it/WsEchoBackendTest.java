package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The echo backend and the client against each other, no proxy in between. */
class WsEchoBackendTest {
    private static WsEchoBackend backend;

    @BeforeAll
    static void startBackend() throws IOException {
        backend = WsEchoBackend.start();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    private static WsEchoBackend.RequestHead last(String marker) {
        return backend.requests().stream().filter(r -> marker.equals(r.header("X-Case"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("backend never saw " + marker));
    }

    @Test
    void rfcAcceptExampleFromSection1_3() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsFrames.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void upgradeEchoPingAndClose() throws IOException {
        try (WsClient c = WsClient.connect(backend.port())) {
            WsClient.Handshake h = c.handshake("/ws", Map.of("X-Case", "ok"));
            assertEquals(101, h.status(), h.head());
            assertTrue(h.acceptValid(), h.head());
            assertEquals("hello", c.echo("hello"));
            String big = "x".repeat(70_000); // 64-bit length form
            assertEquals(big, c.echo(big));
            c.sendPing("p1".getBytes(StandardCharsets.UTF_8));
            WsClient.Frame pong = c.readFrame();
            assertEquals(WsFrames.PONG, pong.opcode());
            assertEquals("p1", pong.text());
            c.sendClose(1000);
            WsClient.Frame close = c.readFrame();
            assertEquals(WsFrames.CLOSE, close.opcode());
            assertFalse(close.masked());
        }
        assertTrue(last("ok").upgraded());
    }

    @Test
    void plainGetGets200() throws IOException {
        WsClient.HttpResponse r = WsClient.get(backend.port(), "/page");
        assertEquals(200, r.status());
        assertEquals(WsEchoBackend.PLAIN_BODY, r.body());
    }

    @Test
    void refusesHttp10AndMissingHeaders() throws IOException {
        String key = WsClient.newKey();
        Map<String, String> cases = Map.of(
                "http10", "GET /ws HTTP/1.0\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n",
                "noupgrade", "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n",
                "noconn", "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n"
                        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n",
                "nokey", "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\n",
                "v8", "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 8\r\n");
        for (Map.Entry<String, String> e : cases.entrySet()) {
            try (WsClient c = WsClient.connect(backend.port())) {
                WsClient.Handshake h = c.handshakeRaw(e.getValue() + "X-Case: " + e.getKey() + "\r\n\r\n", key);
                assertEquals(400, h.status(), e.getKey() + ": " + h.head());
            }
            assertTrue(last(e.getKey()).outcome().startsWith("400 "), e.getKey());
        }
        assertTrue(last("http10").outcome().contains("HTTP/1.0"), last("http10").outcome());
        assertTrue(last("noconn").outcome().contains("Connection"), last("noconn").outcome());
    }

    @Test
    void tokensAreCaseInsensitiveAndListsAllowed() throws IOException {
        String key = WsClient.newKey();
        try (WsClient c = WsClient.connect(backend.port())) {
            WsClient.Handshake h = c.handshakeRaw("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: WebSocket\r\n"
                    + "Connection: keep-alive, UPGRADE\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\nX-Case: tokens\r\n\r\n", key);
            assertEquals(101, h.status(), h.head());
            assertTrue(h.acceptValid());
        }
    }

    @Test
    void idleConnectionStaysOpenAndBackendSendsNothing() throws IOException {
        try (WsClient c = WsClient.connect(backend.port())) {
            assertEquals(101, c.handshake("/ws").status());
            WsClient.Idle idle = c.idle(Duration.ofMillis(600));
            assertFalse(idle.closed(), idle.detail());
            assertTrue(idle.echoAfterIdle(), idle.detail());
        }
    }

    @Test
    void idleReportsCloseByPeer() throws Exception {
        // the "proxy" here is a backend that is shut down while the client idles
        WsEchoBackend other = WsEchoBackend.start();
        try (WsClient c = WsClient.connect(other.port())) {
            assertEquals(101, c.handshake("/ws").status());
            Thread closer = new Thread(() -> {
                ServerProcess.sleep(300);
                other.close();
            });
            closer.start();
            WsClient.Idle idle = c.idle(Duration.ofSeconds(5));
            closer.join(5000);
            assertTrue(idle.closed(), idle.detail());
            assertTrue(idle.closedAfterMillis() >= 250 && idle.closedAfterMillis() < 3000,
                    "closed after " + idle.closedAfterMillis());
        } finally {
            other.close();
        }
        assertEquals(List.of(), other.refusals());
    }
}
