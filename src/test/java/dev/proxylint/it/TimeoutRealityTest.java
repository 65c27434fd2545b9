package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth: how long an idle WebSocket tunnel survives behind real nginx and Apache. Every case
 * opens a tunnel, echoes once, then stays silent; all cases idle in parallel so the class takes about
 * as long as its longest wait.
 */
class TimeoutRealityTest {
    @TempDir
    static Path tmp;
    private static WsEchoBackend backend;
    private static final List<ServerProcess<?>> servers = new ArrayList<>();
    private static final Map<String, Object> results = new LinkedHashMap<>();

    private record Case(String name, ServerProcess<?> server, String path, Duration maxIdle) {
    }

    private static NginxProcess nginx(String readTimeout) {
        NginxProcess n = NginxProcess.create(tmp).backend(backend).http("""
                server { listen 127.0.0.1:@PORT@;
                    location /ws {
                        proxy_pass http://@BACKEND@;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                        proxy_read_timeout %s;
                    }
                }
                """.formatted(readTimeout));
        servers.add(n);
        return n;
    }

    private static ApacheProcess apache(String serverLevel, String proxyPassOptions) {
        ApacheProcess a = ApacheProcess.create(tmp).backend(backend).modules("proxy", "proxy_http")
                .body(serverLevel + "\nProxyPass /ws http://@BACKEND@/ws upgrade=websocket " + proxyPassOptions + "\n");
        servers.add(a);
        return a;
    }

    @BeforeAll
    static void runAllInParallel() throws Exception {
        backend = WsEchoBackend.start();
        List<Case> cases = List.of(
                new Case("q-nginx-read-2s", nginx("2s"), "/ws", Duration.ofSeconds(6)),
                new Case("q-nginx-read-30s", nginx("30s"), "/ws", Duration.ofSeconds(4)),
                new Case("q-nginx-read-60s", nginx("60s"), "/ws", Duration.ofSeconds(4)),
                new Case("r-apache-Timeout2-ProxyTimeout2", apache("Timeout 2\nProxyTimeout 2", ""), "/ws",
                        Duration.ofSeconds(5)),
                new Case("r2-apache-Timeout2-only", apache("Timeout 2", ""), "/ws", Duration.ofSeconds(5)),
                new Case("s-apache-ProxyTimeout2-Timeout-default", apache("ProxyTimeout 2", ""), "/ws",
                        Duration.ofSeconds(6)),
                new Case("s2-apache-ProxyTimeout2-Timeout4", apache("Timeout 4\nProxyTimeout 2", ""), "/ws",
                        Duration.ofSeconds(6)),
                new Case("s3-apache-ProxyTimeout4-Timeout2", apache("Timeout 2\nProxyTimeout 4", ""), "/ws",
                        Duration.ofSeconds(6)),
                new Case("t-apache-timeout=2-Timeout-default", apache("", "timeout=2"), "/ws", Duration.ofSeconds(6)),
                new Case("t2-apache-timeout=2-Timeout4", apache("Timeout 4", "timeout=2"), "/ws",
                        Duration.ofSeconds(6)));
        for (ServerProcess<?> s : servers) {
            s.start();
        }
        ExecutorService ex = Executors.newFixedThreadPool(cases.size());
        try {
            Map<String, Future<Object>> futures = new LinkedHashMap<>();
            for (Case c : cases) {
                futures.put(c.name(), ex.submit(() -> idleOnce(c)));
            }
            for (Map.Entry<String, Future<Object>> f : futures.entrySet()) {
                Object r = f.getValue().get(30, TimeUnit.SECONDS);
                results.put(f.getKey(), r);
                System.out.println("[reality] timeout " + f.getKey() + ": " + r);
            }
        } finally {
            ex.shutdownNow();
        }
    }

    private static Object idleOnce(Case c) {
        return WsClient.idleAfterEcho(c.server().port(), c.path(), c.maxIdle());
    }

    @AfterAll
    static void stopAll() {
        for (ServerProcess<?> s : servers) {
            s.stop();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static void assertClosedAround(String name, long expectedMillis) {
        IdleAssertions.assertClosedAround(results, name, expectedMillis);
    }

    private static void assertSurvived(String name) {
        IdleAssertions.assertSurvived(results, name);
    }

    @Test
    void q_nginxProxyReadTimeout2sClosesIdleTunnelAfterAbout2s() {
        assertClosedAround("q-nginx-read-2s", 2000);
    }

    @Test
    void q_nginxProxyReadTimeout30sAnd60sSurvive4sIdle() {
        assertSurvived("q-nginx-read-30s");
        assertSurvived("q-nginx-read-60s");
    }

    @Test
    void r_apacheTimeout2AndProxyTimeout2CloseAfter2s() {
        assertClosedAround("r-apache-Timeout2-ProxyTimeout2", 2000);
        // ProxyTimeout defaults to Timeout
        assertClosedAround("r2-apache-Timeout2-only", 2000);
    }

    @Test
    void s_apacheProxyTimeoutAloneDoesNotShortenTunnel() {
        // the tunnel idles until the LONGER of Timeout and ProxyTimeout
        assertSurvived("s-apache-ProxyTimeout2-Timeout-default");
        assertClosedAround("s2-apache-ProxyTimeout2-Timeout4", 4000);
        assertClosedAround("s3-apache-ProxyTimeout4-Timeout2", 4000);
    }

    @Test
    void t_apacheProxyPassTimeoutBehavesLikeProxyTimeout() {
        assertSurvived("t-apache-timeout=2-Timeout-default");
        assertClosedAround("t2-apache-timeout=2-Timeout4", 4000);
    }
}
