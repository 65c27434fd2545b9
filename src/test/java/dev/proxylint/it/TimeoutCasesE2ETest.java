package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.Selection;
import dev.proxylint.fix.Fixer;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ResolveOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the timeout rules claim, against real servers in front of {@link WsEchoBackend}: each config
 * text is linted in-process and run for real; the idle limit proxylint reports is the one the
 * server applies, and the config produced by proxylint's own fix keeps an idle tunnel open. All
 * tunnels idle in parallel, so the class takes about as long as its longest wait (6 s).
 */
class TimeoutCasesE2ETest {
    static final String APACHE_VERSION = "2.4.71";
    @TempDir
    static Path tmp;
    private static WsEchoBackend backend;
    private static final List<ServerProcess<?>> servers = new ArrayList<>();
    private static final Map<String, ServerProcess<?>> byName = new LinkedHashMap<>();
    private static final Map<String, Duration> idleFor = new LinkedHashMap<>();
    private static final Map<String, Object> results = new LinkedHashMap<>();

    static final String NGINX_2S = NginxProcess.preamble() + "http {\n" + NginxProcess.httpPreamble() + """
                server {
                    listen 127.0.0.1:@PORT@;
                    location /ws {
                        proxy_pass http://@BACKEND@;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                        proxy_read_timeout 2s;
                        proxy_send_timeout 1s;
                    }
                }
            }
            """;
    static final String APACHE_T2_PT2 = "Timeout 2\nProxyTimeout 2\nProxyPass /ws http://@BACKEND@/ws upgrade=websocket\n";
    static final String APACHE_PT2 = "ProxyTimeout 2\nProxyPass /ws http://@BACKEND@/ws upgrade=websocket\n";
    static final String APACHE_T4_PT2 = "Timeout 4\nProxyTimeout 2\nProxyPass /ws http://@BACKEND@/ws upgrade=websocket\n";
    /** Minutes meant, seconds read: atoi stops at the "m". */
    static final String APACHE_UNITS = "Timeout 2m\nProxyTimeout 2m\nProxyPass /ws http://@BACKEND@/ws upgrade=websocket\n";
    static final String APACHE_REWRITE = "Timeout 2\nRewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\n"
            + "RewriteRule ^/ws$ ws://@BACKEND@/ws [P,L]\n";
    static final String APACHE_WSTUNNEL = "Timeout 2\nProxyTimeout 2\nProxyWebsocketFallbackToProxyHttp Off\n"
            + "ProxyPass /ws ws://@BACKEND@/ws\n";

    // ---- lint in-process ----

    static List<Finding> lint(Dialect d, String text, Map<String, Map<String, Object>> ruleOptions) {
        try {
            Path dir = Files.createTempDirectory(tmp, "lint");
            Path f = dir.resolve(d == Dialect.NGINX ? "nginx.conf" : "httpd.conf");
            Files.writeString(f, text);
            RuleSettings s = new RuleSettings(null, APACHE_VERSION, "mozilla-intermediate", "auto",
                    RuleSettings.DEFAULT_WEBSOCKET_PATHS, ruleOptions);
            ResolveOptions ro = new ResolveOptions(null, null, Map.of(), Set.of(), false, APACHE_VERSION, null);
            LintOptions o = new LintOptions(d, ro, s, Selection.all(), Level.NOTE, List.of(), 1);
            return CaseFile.linter().run(List.of(new Input(f, null, true)), o, null).findings().stream()
                    .filter(x -> x.ruleId().startsWith("TMO") || x.ruleId().startsWith("SYN")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Finding> lint(Dialect d, String text) {
        return lint(d, text, Map.of());
    }

    static Finding only(List<Finding> fs, String id) {
        List<Finding> m = fs.stream().filter(f -> f.ruleId().equals(id)).toList();
        assertEquals(1, m.size(), id + " in " + fs);
        return m.get(0);
    }

    /** The config text after proxylint's fixes for the TMO findings. */
    static String fixed(String text, List<Finding> fs) {
        List<TextEdit> edits = new ArrayList<>();
        for (Finding f : fs) {
            if (f.fix() != null) {
                edits.addAll(f.fix().edits());
            }
        }
        assertFalse(edits.isEmpty(), "no fix offered: " + fs);
        return Fixer.apply(text, edits);
    }

    // ---- real servers ----

    private static void add(String name, ServerProcess<?> s, Duration idle) {
        servers.add(s);
        byName.put(name, s);
        idleFor.put(name, idle);
    }

    private static ApacheProcess apache(String body, String... extraModules) {
        ApacheProcess a = ApacheProcess.create(tmp).backend(backend).modules("proxy", "proxy_http").modules(extraModules)
                .body(body);
        return a;
    }

    @BeforeAll
    static void runAllInParallel() throws Exception {
        backend = WsEchoBackend.start();
        String nginxFixed = fixed(NGINX_2S, lint(Dialect.NGINX, NGINX_2S));
        String apacheFixed = fixed(APACHE_T2_PT2, lint(Dialect.APACHE, APACHE_T2_PT2));
        add("nginx-2s", NginxProcess.create(tmp).backend(backend).fullConfig(NGINX_2S), Duration.ofSeconds(6));
        add("nginx-fixed", NginxProcess.create(tmp).backend(backend).fullConfig(nginxFixed), Duration.ofSeconds(4));
        add("apache-T2-PT2", apache(APACHE_T2_PT2), Duration.ofSeconds(6));
        add("apache-fixed", apache(apacheFixed), Duration.ofSeconds(4));
        add("apache-PT2", apache(APACHE_PT2), Duration.ofSeconds(4));
        add("apache-T4-PT2", apache(APACHE_T4_PT2), Duration.ofSeconds(6));
        String rewriteFixed = fixed(APACHE_REWRITE, lint(Dialect.APACHE, APACHE_REWRITE));
        add("apache-rewrite", apache(APACHE_REWRITE, "rewrite"), Duration.ofSeconds(6));
        add("apache-rewrite-fixed", apache(rewriteFixed, "rewrite"), Duration.ofSeconds(4));
        add("apache-units", apache(APACHE_UNITS), Duration.ofSeconds(6));
        add("apache-wstunnel", apache(APACHE_WSTUNNEL, "proxy_wstunnel"), Duration.ofSeconds(5));
        for (ServerProcess<?> s : servers) {
            s.start();
        }
        ExecutorService ex = Executors.newFixedThreadPool(servers.size());
        try {
            Map<String, Future<Object>> futures = new LinkedHashMap<>();
            for (var e : byName.entrySet()) {
                futures.put(e.getKey(), ex.submit(() -> idleOnce(e.getValue(), idleFor.get(e.getKey()))));
            }
            for (var f : futures.entrySet()) {
                Object r = f.getValue().get(30, TimeUnit.SECONDS);
                results.put(f.getKey(), r);
                System.out.println("[reality] tmo " + f.getKey() + ": " + r);
            }
        } finally {
            ex.shutdownNow();
        }
    }

    private static Object idleOnce(ServerProcess<?> s, Duration idle) {
        return WsClient.idleAfterEcho(s.port(), "/ws", idle);
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

    // ---- the cases ----

    @Test
    void nginxReadTimeout2s_reportedAs2s_andTheServerClosesAfter2s() {
        Finding f = only(lint(Dialect.NGINX, NGINX_2S), "TMO101");
        assertTrue(f.message().contains("close after 2 s without traffic. The limit comes from proxy_read_timeout 2s"), f.message());
        // closed after proxy_read_timeout (2 s), not proxy_send_timeout (1 s): the idle limit is the read timeout
        assertClosedAround("nginx-2s", 2000);
        // with the threshold below the real value (rule option), nothing is reported
        assertTrue(lint(Dialect.NGINX, NGINX_2S, Map.of("TMO101", Map.of("min-seconds", 1))).stream()
                .noneMatch(x -> x.ruleId().equals("TMO101")));
    }

    @Test
    void nginxFixedByProxylint_isCleanAndSurvives4sIdle() {
        String text = fixed(NGINX_2S, lint(Dialect.NGINX, NGINX_2S));
        assertNotEquals(NGINX_2S, text);
        assertTrue(text.contains("proxy_read_timeout 1h;"), text);
        assertTrue(lint(Dialect.NGINX, text).isEmpty(), () -> lint(Dialect.NGINX, text).toString());
        assertSurvived("nginx-fixed");
    }

    @Test
    void apacheTimeout2AndProxyTimeout2_reportedAs2sFromTimeout_andClosedAfter2s() {
        Finding f = only(lint(Dialect.APACHE, APACHE_T2_PT2), "TMO104");
        assertTrue(f.message().startsWith("Timeout 2 closes WebSocket tunnels of ProxyPass /ws after 2 s")
                && f.message().contains("The server-wide Timeout 2 also applies to ProxyPass /ws"),
                f.message());
        assertClosedAround("apache-T2-PT2", 2000);
    }

    @Test
    void apacheFixedByProxylint_putsTimeoutOnTheWorker_andSurvives4sIdle() {
        String text = fixed(APACHE_T2_PT2, lint(Dialect.APACHE, APACHE_T2_PT2));
        assertTrue(text.startsWith("Timeout 2\nProxyTimeout 2\n"), "Timeout itself stays low: " + text);
        assertTrue(text.contains("upgrade=websocket timeout=3600"), text);
        assertTrue(lint(Dialect.APACHE, text).isEmpty(), () -> lint(Dialect.APACHE, text).toString());
        assertSurvived("apache-fixed");
    }

    @Test
    void apacheProxyTimeout2Alone_tunnelLivesForTimeout() {
        Finding f = only(lint(Dialect.APACHE, APACHE_PT2), "TMO101");
        assertTrue(f.message().contains("close after 60 s without traffic.")
                && f.message().contains("the limit comes from the default Timeout of 60 s"),
                f.message());
        assertSurvived("apache-PT2");
        Finding g = only(lint(Dialect.APACHE, APACHE_T4_PT2), "TMO104");
        assertTrue(g.message().contains("after 4 s"), g.message());
        assertClosedAround("apache-T4-PT2", 4000);
    }

    @Test
    void apacheWsRewrite_limitedByTimeout_andProxylintsProxySetFixExtendsIt() {
        Finding f = only(lint(Dialect.APACHE, APACHE_REWRITE), "TMO104");
        assertTrue(f.message().contains("after 2 s"), f.message());
        assertClosedAround("apache-rewrite", 2000);
        String text = fixed(APACHE_REWRITE, lint(Dialect.APACHE, APACHE_REWRITE));
        assertTrue(text.contains("<Proxy \"ws://@BACKEND@/\">\n    ProxySet timeout=3600\n</Proxy>\n"), text);
        assertTrue(text.startsWith("Timeout 2\n"), text);
        assertTrue(lint(Dialect.APACHE, text).isEmpty(), () -> lint(Dialect.APACHE, text).toString());
        assertSurvived("apache-rewrite-fixed");
    }

    @Test
    void apacheTimeoutWithMinuteSuffix_isReadAsSeconds() {
        List<Finding> fs = lint(Dialect.APACHE, APACHE_UNITS);
        assertEquals(List.of("TMO106@1", "TMO106@2", "TMO104@3"),
                fs.stream().map(f -> f.ruleId() + "@" + f.span().startLine()).toList());
        assertTrue(fs.get(0).message().startsWith("Timeout 2m means 2 s"), fs.get(0).message());
        assertTrue(fs.get(2).message().contains("after 2 s"), fs.get(2).message());
        assertClosedAround("apache-units", 2000);
    }

    @Test
    void apacheWstunnelWithFallbackOff_noIdleLimit() {
        List<Finding> fs = lint(Dialect.APACHE, APACHE_WSTUNNEL);
        only(fs, "TMO108");
        assertTrue(fs.stream().noneMatch(x -> x.ruleId().equals("TMO101") || x.ruleId().equals("TMO104")), fs::toString);
        assertSurvived("apache-wstunnel");
    }
}
