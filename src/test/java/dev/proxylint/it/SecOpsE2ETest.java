package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.proxylint.rules.Finding;
import dev.proxylint.syntax.Dialect;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operational SEC rules (SEC120 onwards, SEC216 onwards) claim, on real nginx 1.22 and
 * Apache 2.4: each config text is linted in-process, then run or tested with {@code -t}; the flagged
 * config shows the effect (a log file named off, a real site answering a foreign Host, a start-up
 * warning) and the fixed or unflagged variant does not. One in-process HTTP backend stands for the
 * site behind the proxy and answers with the Host it received.
 */
class SecOpsE2ETest {
    static final String APACHE_VERSION = "2.4.71";
    @TempDir
    static Path tmp;
    private static HttpServer site;
    private static final List<ServerProcess<?>> started = new ArrayList<>();

    @BeforeAll
    static void backends() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        site.createContext("/", ex -> {
            byte[] b = ("SITE host=" + ex.getRequestHeaders().getFirst("Host") + "\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        site.start();
    }

    @AfterAll
    static void stopAll() {
        for (ServerProcess<?> s : started) {
            s.stop();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    // ---- lint in-process ----

    static List<Finding> lint(Dialect d, String text) {
        return lint(d, text, null);
    }

    static List<Finding> lint(Dialect d, String text, String nginxVersion) {
        return SecCasesE2ETest.lintIn(tmp, d, text, nginxVersion, APACHE_VERSION);
    }

    // ---- real servers ----

    /** The harness' nginx preamble without its main-level error_log, which the SEC120 case writes itself. */
    static String nginxMain(String mainExtra, String httpBody) {
        String pre = NginxProcess.preamble().replace("error_log @DIR@/error.log info;\n", "");
        return pre + mainExtra + "http {\n" + NginxProcess.httpPreamble() + httpBody + "}\n";
    }

    static NginxProcess nginx(String full) {
        NginxProcess n = NginxProcess.create(tmp).fullConfig(full).var("SITE_PORT", Integer.toString(site.getAddress().getPort()));
        n.file("www/index.html", "INDEX\n");
        started.add(n);
        return n.start();
    }

    static ApacheProcess apache(String body, String... modules) {
        ApacheProcess a = ApacheProcess.create(tmp).modules(modules).body(body)
                .var("SITE_PORT", Integer.toString(site.getAddress().getPort()));
        a.file("www/index.html", "INDEX\n");
        started.add(a);
        return a.start();
    }

    /** Polls (every 50 ms, at most 3 s) until the condition holds; returns whether it did. */
    static boolean eventually(BooleanSupplier c) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (c.getAsBoolean()) {
                return true;
            }
            ServerProcess.sleep(50);
        }
        return c.getAsBoolean();
    }

    // ---- SEC119 / SEC213 keep-alive request limits ----

    /**
     * How many of {@code n} requests for /index.html one client connection carries, one after the
     * other, before the server announces Connection: close or closes it (each read waits 5 s at most).
     */
    static int servedOnOneConnection(int port, int n) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(5000);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            int served = 0;
            for (int i = 0; i < n; i++) {
                out.write("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                StringBuilder head = new StringBuilder();
                for (int c; !head.toString().endsWith("\r\n\r\n"); ) {
                    if ((c = in.read()) < 0) {
                        return served;
                    }
                    head.append((char) c);
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
                long body = m.find() ? Long.parseLong(m.group(1)) : 0;
                for (long k = 0; k < body; k++) {
                    if (in.read() < 0) {
                        return served;
                    }
                }
                served++;
                if (head.toString().toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close")) {
                    return served;
                }
            }
            return served;
        } catch (IOException e) {
            throw new UncheckedIOException("keep-alive requests to port " + port, e);
        }
    }

    static final String KEEPALIVE_LOW = SecCasesE2ETest.nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    root @DIR@/www;
                    keepalive_requests 2;
                }
            """);

    @Test
    void keepaliveRequestsLow_endsTheConnectionAfterThatManyRequests_untilTheFixWritesTheDefault() {
        List<Finding> fs = lint(Dialect.NGINX, KEEPALIVE_LOW);
        assertEquals(List.of("SEC119"), SecCasesE2ETest.ids(fs));
        assertEquals(2, servedOnOneConnection(nginx(KEEPALIVE_LOW).port(), 5));
        String fixedText = SecCasesE2ETest.fixed(KEEPALIVE_LOW, fs);
        assertTrue(fixedText.contains("keepalive_requests 1000;"), fixedText);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty(), fixedText);
        assertEquals(5, servedOnOneConnection(nginx(fixedText).port(), 5));
    }

    static final String APACHE_KEEPALIVE_LOW = """
            KeepAlive On
            MaxKeepAliveRequests 2
            DocumentRoot "@DIR@/www"
            <Directory "@DIR@/www">
                Require all granted
            </Directory>
            """;

    @Test
    void apacheMaxKeepAliveRequestsLow_endsTheConnectionAfterThatManyRequests_untilTheFixWritesTheDefault() {
        List<Finding> fs = lint(Dialect.APACHE, APACHE_KEEPALIVE_LOW);
        assertEquals(List.of("SEC213"), SecCasesE2ETest.ids(fs));
        // httpd counts the requests after the first: 2 allows 3 on a connection, and 1 still keeps it for 2
        assertEquals(3, servedOnOneConnection(apache(APACHE_KEEPALIVE_LOW).port(), 5));
        assertEquals(2, servedOnOneConnection(apache(APACHE_KEEPALIVE_LOW.replace("Requests 2", "Requests 1")).port(), 5));
        String fixedText = SecCasesE2ETest.fixed(APACHE_KEEPALIVE_LOW, fs);
        assertTrue(fixedText.contains("MaxKeepAliveRequests 100"), fixedText);
        assertTrue(lint(Dialect.APACHE, fixedText).isEmpty(), fixedText);
        assertEquals(5, servedOnOneConnection(apache(fixedText).port(), 5));
    }

    // ---- SEC120 / SEC216 error log off ----

    static final String ERROR_LOG_OFF = nginxMain("error_log off;\n", """
                server {
                    listen 127.0.0.1:@PORT@;
                    root @DIR@/www;
                }
            """);

    @Test
    void errorLogOff_writesAFileNamedOff_untilTheFixSendsItToDevNull() {
        List<Finding> fs = lint(Dialect.NGINX, ERROR_LOG_OFF);
        assertEquals(List.of("SEC120"), SecCasesE2ETest.ids(fs));
        NginxProcess bad = nginx(ERROR_LOG_OFF);
        assertEquals(404, SecCasesE2ETest.status(SecCasesE2ETest.get(bad, "/missing-file")));
        Path off = bad.dir().resolve("off");
        assertTrue(eventually(() -> ServerSupport.readQuietly(off).contains("/missing-file")),
                "no error line in " + off + "\n" + bad.diagnostics());

        String fixedText = SecCasesE2ETest.fixed(ERROR_LOG_OFF, fs);
        assertTrue(fixedText.contains("error_log /dev/null;"), fixedText);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty(), fixedText);
        NginxProcess good = nginx(fixedText);
        assertEquals(404, SecCasesE2ETest.status(SecCasesE2ETest.get(good, "/missing-file")));
        assertEquals("INDEX\n", SecCasesE2ETest.body(SecCasesE2ETest.get(good, "/index.html")));
        assertFalse(Files.exists(good.dir().resolve("off")), "fixed config still writes " + good.dir() + "/off");
    }

    static final String APACHE_ERROR_LOG_OFF = """
            ErrorLog off
            DocumentRoot "@DIR@/www"
            <Directory "@DIR@/www">
                Require all granted
            </Directory>
            """;

    @Test
    void apacheErrorLogOff_writesAFileNamedOffUnderServerRoot_untilTheFix() {
        List<Finding> fs = lint(Dialect.APACHE, APACHE_ERROR_LOG_OFF);
        assertEquals(List.of("SEC216"), SecCasesE2ETest.ids(fs));
        ApacheProcess bad = apache(APACHE_ERROR_LOG_OFF);
        assertEquals("INDEX\n", SecCasesE2ETest.body(SecCasesE2ETest.get(bad, "/index.html")));
        Path off = bad.dir().resolve("off");
        // the start-up notice (AH00489 ... resuming normal operations) goes to the file named off
        assertTrue(eventually(() -> ServerSupport.readQuietly(off).contains("AH00489")),
                "no start-up notice in " + off + "\n" + bad.diagnostics());

        String fixedText = SecCasesE2ETest.fixed(APACHE_ERROR_LOG_OFF, fs);
        assertTrue(fixedText.startsWith("ErrorLog /dev/null\n"), fixedText);
        assertTrue(lint(Dialect.APACHE, fixedText).isEmpty(), fixedText);
        ApacheProcess good = apache(fixedText);
        assertEquals("INDEX\n", SecCasesE2ETest.body(SecCasesE2ETest.get(good, "/index.html")));
        assertFalse(Files.exists(good.dir().resolve("off")), "fixed config still writes " + good.dir() + "/off");
    }

    // ---- SEC121 implicit default server ----

    static final String TWO_SITES = """
                server {
                    listen 127.0.0.1:@PORT@;
                    server_name app.example;
                    location / {
                        proxy_pass http://127.0.0.1:@SITE_PORT@;
                        proxy_set_header Host $host;
                    }
                }
                server {
                    listen 127.0.0.1:@PORT@;
                    server_name other.example;
                    return 404;
                }
            """;
    static final String CATCH_ALL = """
                server {
                    listen 127.0.0.1:@PORT@ default_server;
                    server_name _;
                    return 444;
                }
            """;

    @Test
    void implicitDefaultServer_aForeignHostReachesTheFirstSite_untilACatchAllTakesOver() {
        String flagged = SecCasesE2ETest.nginxConfig(TWO_SITES);
        assertEquals(List.of("SEC121"), SecCasesE2ETest.ids(lint(Dialect.NGINX, flagged)));
        NginxProcess bad = nginx(flagged);
        String r = SecCasesE2ETest.request(bad.port(), "/", "evil.example");
        assertEquals(200, SecCasesE2ETest.status(r), r);
        assertEquals("SITE host=evil.example\n", SecCasesE2ETest.body(r));

        // the Good of the doc: a catch-all default server added (proxylint offers no automatic fix)
        String good = SecCasesE2ETest.nginxConfig(TWO_SITES + CATCH_ALL);
        assertTrue(lint(Dialect.NGINX, good).isEmpty());
        NginxProcess fixed = nginx(good);
        assertEquals("", SecCasesE2ETest.request(fixed.port(), "/", "evil.example"), "444 closes without an answer");
        assertEquals("SITE host=app.example\n",
                SecCasesE2ETest.body(SecCasesE2ETest.request(fixed.port(), "/", "app.example")));
    }

    // ---- SEC123 backend name resolved once ----

    static final String NAMED_BACKEND = """
                server {
                    listen 127.0.0.1:@PORT@;
                    location / {
                        proxy_pass http://backend.invalid;
                    }
                }
            """;
    static final String VARIABLE_BACKEND = """
                server {
                    listen 127.0.0.1:@PORT@;
                    resolver 127.0.0.1:1 valid=10s;
                    location / {
                        set $backend backend.invalid;
                        proxy_pass http://$backend;
                    }
                }
            """;

    @Test
    void nameResolvedOnce_aLongHostIsCutInTheHeadlineAndWholeAfterIt() {
        String host = "a-very-long-backend-name-for-the-service.eu-west-1.internal.invalid";
        List<Finding> fs = lint(Dialect.NGINX, SecCasesE2ETest.nginxConfig(NAMED_BACKEND.replace("backend.invalid",
                host)));
        assertEquals(1, fs.size());
        String m = fs.get(0).message();
        String headline = m.substring(0, m.indexOf(". ") + 1);
        assertTrue(headline.length() <= 100 && headline.contains("\u2026"), headline);
        assertTrue(m.contains("The host is " + host + "."), m);
    }

    @Test
    void nameResolvedOnce_nginxLooksTheNameUpWhileReadingTheConfig_notWithAVariable() {
        // backend.invalid never resolves (RFC 6761): the plain form fails nginx -t, because nginx
        // resolves the name when it reads the configuration; the variable form defers it to run time
        String named = SecCasesE2ETest.nginxConfig(NAMED_BACKEND);
        assertEquals(List.of("SEC123"), SecCasesE2ETest.ids(lint(Dialect.NGINX, named)));
        ProcResult t = NginxProcess.create(tmp).fullConfig(named).configTest();
        assertFalse(t.ok(), t.output());
        assertTrue(t.output().contains("host not found in upstream \"backend.invalid\""), t.output());

        String variable = SecCasesE2ETest.nginxConfig(VARIABLE_BACKEND);
        assertTrue(lint(Dialect.NGINX, variable).isEmpty());
        ProcResult v = NginxProcess.create(tmp).fullConfig(variable).configTest();
        assertTrue(v.ok(), v.output());
    }

    // ---- SEC223 backend name resolved once (Apache) ----

    /** An HTTP backend on {@code ip:port} that answers {@code name} and closes each connection. */
    static HttpServer namedSite(String ip, int port, String name) throws IOException {
        HttpServer h = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ip), port), 16);
        h.createContext("/", ex -> {
            byte[] b = (name + "\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Connection", "close");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        h.start();
        return h;
    }

    static final String NAMED_APACHE_BACKEND = """
            <VirtualHost 127.0.0.1:@PORT@>
                ServerName app.example
                ProxyPass "/" "http://backend.test:@MOVING_PORT@/"
            </VirtualHost>
            """;

    @Test
    void apacheNameResolvedOnce_keepsTheOldAddressAfterTheNameMoves_untilAddressTtl() throws IOException {
        if (!ServerSupport.isRoot()) {
            org.junit.jupiter.api.Assertions.assertFalse(ServerSupport.serversRequired(),
                    "SEC223's real-server test needs root (a mount namespace for /etc/hosts), as CI runs");
            org.junit.jupiter.api.Assumptions.assumeTrue(false,
                    "skipped: a mount namespace of its own for /etc/hosts needs root (CI runs as root)");
        }
        ServerSupport.requireBinary(ServerSupport.APACHE);
        // the same port on two loopback addresses: where backend.test points decides who answers
        HttpServer oldSite = null;
        HttpServer newSite = null;
        for (int attempt = 0; attempt < 5 && newSite == null; attempt++) {
            int p = ServerSupport.freePort();
            try {
                oldSite = namedSite("127.0.0.2", p, "OLD");
                newSite = namedSite("127.0.0.3", p, "NEW");
            } catch (IOException taken) {
                if (oldSite != null) {
                    oldSite.stop(0);
                    oldSite = null;
                }
            }
        }
        assertTrue(newSite != null, "no port free on both 127.0.0.2 and 127.0.0.3");
        String movingPort = Integer.toString(newSite.getAddress().getPort());
        try {
            String flagged = NAMED_APACHE_BACKEND.replace("@MOVING_PORT@", movingPort);
            List<Finding> fs = lint(Dialect.APACHE, flagged);
            assertEquals(List.of("SEC223"), SecCasesE2ETest.ids(fs));
            String fixedText = SecCasesE2ETest.fixed(flagged, fs);
            assertTrue(fixedText.contains("/\" addressttl=60\n"), fixedText);
            assertTrue(lint(Dialect.APACHE, fixedText).isEmpty(), fixedText);

            // flagged: the first request resolves backend.test; after the name moves, requests
            // (each on a new backend connection) still go to the old address
            Path hosts = movingHosts("127.0.0.2");
            ApacheProcess bad = apache(flagged, hosts);
            assertEquals("OLD\n", SecCasesE2ETest.body(SecCasesE2ETest.get(bad, "/")), bad.diagnostics());
            moveHosts(hosts, "127.0.0.3");
            ServerProcess.sleep(2500);
            for (int i = 0; i < 3; i++) {
                assertEquals("OLD\n", SecCasesE2ETest.body(SecCasesE2ETest.get(bad, "/")),
                        "the flagged config followed the name's new address");
            }
            bad.stop();

            // fixed (with a one-second TTL so the test need not wait a minute): it follows the move
            String fast = fixedText.replace("addressttl=60", "addressttl=1");
            Path hosts2 = movingHosts("127.0.0.2");
            ApacheProcess good = apache(fast, hosts2);
            assertEquals("OLD\n", SecCasesE2ETest.body(SecCasesE2ETest.get(good, "/")), good.diagnostics());
            moveHosts(hosts2, "127.0.0.3");
            long deadline = System.nanoTime() + 6_000_000_000L;
            String seen = "";
            while (System.nanoTime() < deadline && !seen.equals("NEW\n")) {
                ServerProcess.sleep(250);
                seen = SecCasesE2ETest.body(SecCasesE2ETest.get(good, "/"));
            }
            assertEquals("NEW\n", seen, "addressttl=1 did not follow the name within 6 s\n" + good.diagnostics());
        } finally {
            oldSite.stop(0);
            newSite.stop(0);
        }
    }

    private static int hostsFiles;

    /** A hosts file (mode 644, read by httpd's www-data children) naming backend.test as {@code ip}. */
    static Path movingHosts(String ip) throws IOException {
        Path p = tmp.resolve("hosts-" + (++hostsFiles));
        moveHosts(p, ip);
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        return p;
    }

    /** Rewrites the hosts file in place (same inode, so the bind mount sees it). */
    static void moveHosts(Path p, String ip) throws IOException {
        Files.writeString(p, "127.0.0.1 localhost\n" + ip + " backend.test\n", StandardCharsets.US_ASCII);
    }

    static ApacheProcess apache(String body, Path hosts) {
        ApacheProcess a = ApacheProcess.create(tmp).modules("proxy", "proxy_http").body(body).hostsFile(hosts);
        started.add(a);
        return a.start();
    }

    // ---- SEC124 stapling without resolver ----

    /** A CA and a leaf for app.example whose OCSP responder is http://localhost:1/ (nothing listens). */
    static void staplingCert(NginxProcess n) {
        Path d = n.dir();
        String ossl = ServerSupport.OPENSSL.toString();
        try {
            Files.writeString(d.resolve("ext.cnf"), "[leaf]\nbasicConstraints=CA:FALSE\n"
                    + "authorityInfoAccess=OCSP;URI:http://localhost:1/\nsubjectAltName=DNS:app.example\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> cmds = List.of(
                List.of(ossl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                        "-days", "2", "-subj", "/CN=proxylint-test-ca"),
                List.of(ossl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr",
                        "-subj", "/CN=app.example"),
                List.of(ossl, "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                        "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "ext.cnf", "-extensions", "leaf"));
        for (List<String> c : cmds) {
            ProcResult r = ServerSupport.run(c, d, java.time.Duration.ofSeconds(30));
            assertTrue(r.ok(), c + "\n" + r.output());
        }
        try {
            Files.writeString(d.resolve("chain.pem"), Files.readString(d.resolve("leaf.pem")) + Files.readString(d.resolve("ca.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String STAPLING = """
                server {
                    listen 127.0.0.1:@PORT@ ssl;
                    server_name app.example;
                    ssl_certificate @DIR@/chain.pem;
                    ssl_certificate_key @DIR@/leaf.key;
                    ssl_stapling on;
                    return 200 "ok\\n";
                }
            """;
    static final String STAPLING_RESOLVER = STAPLING.replace("ssl_stapling on;",
            "ssl_stapling on;\n            resolver 127.0.0.1:@PORT_B@ valid=10s;\n            resolver_timeout 1s;");

    /** Starts nginx with the stapling certificate and makes one TLS handshake that asks for a status. */
    static NginxProcess staplingServer(String full) {
        ServerSupport.requireBinary(ServerSupport.OPENSSL);
        NginxProcess n = NginxProcess.create(tmp).fullConfig(full);
        n.port("B");
        staplingCert(n);
        started.add(n);
        n.start();
        ProcResult hs = ServerSupport.run(List.of(ServerSupport.OPENSSL.toString(), "s_client", "-connect",
                "127.0.0.1:" + n.port(), "-servername", "app.example", "-status"), n.dir(), java.time.Duration.ofSeconds(10));
        assertTrue(hs.output().contains("OCSP response"), hs.output());
        return n;
    }

    @Test
    void staplingWithoutResolver_nginxWarnsNoResolverAtTheFirstStatusRequest_notWithAResolver() {
        String bare = SecCasesE2ETest.nginxConfig(STAPLING);
        assertEquals(List.of("SEC124"), SecCasesE2ETest.ids(lint(Dialect.NGINX, bare)));
        NginxProcess bad = staplingServer(bare);
        assertTrue(eventually(() -> bad.errorLogText().contains("no resolver defined to resolve localhost")),
                bad.diagnostics());
        // nginx -t does not say it: the warning is a run-time one
        ProcResult t = NginxProcess.create(tmp).fullConfig(bare.replace("@DIR@/chain.pem", bad.dir() + "/chain.pem")
                .replace("@DIR@/leaf.key", bad.dir() + "/leaf.key")).configTest();
        assertTrue(t.ok() && !t.output().contains("no resolver"), t.output());

        String withResolver = SecCasesE2ETest.nginxConfig(STAPLING_RESOLVER);
        assertTrue(lint(Dialect.NGINX, withResolver).isEmpty(), withResolver);
        NginxProcess good = staplingServer(withResolver);
        assertTrue(eventually(() -> good.errorLogText().contains("localhost could not be resolved")), good.diagnostics());
        assertFalse(good.errorLogText().contains("no resolver defined"), good.diagnostics());
    }

    // ---- SEC125 worker_rlimit_nofile below worker_connections ----

    static final String RLIMIT = NginxProcess.preamble().replace("worker_processes 1;\n",
            "worker_processes 1;\nworker_rlimit_nofile 16;\n") + "http {\n" + NginxProcess.httpPreamble() + """
                server {
                    listen 127.0.0.1:@PORT@;
                    return 200 "ok\\n";
                }
            }
            """;

    /** Holds 30 idle connections open, then asks for / on a 31st; its status, or -1 when nginx never answers. */
    static int statusWithThirtyIdle(int port) {
        List<java.net.Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                java.net.Socket s = new java.net.Socket();
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                idle.add(s);
            }
            ServerProcess.sleep(300);
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                s.setSoTimeout(3000);
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] b = s.getInputStream().readNBytes(12);
                String line = new String(b, StandardCharsets.ISO_8859_1);
                return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
            } catch (java.net.SocketTimeoutException e) {
                return -1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (java.net.Socket s : idle) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a test socket
                }
            }
        }
    }

    @Test
    void rlimitBelowConnections_workerRunsOutOfDescriptors_untilTheFixRaisesTheLimit() {
        List<Finding> fs = lint(Dialect.NGINX, RLIMIT);
        assertEquals(List.of("SEC125"), SecCasesE2ETest.ids(fs));
        NginxProcess bad = nginx(RLIMIT);
        assertEquals(-1, statusWithThirtyIdle(bad.port()), "31 connections fit in 16 descriptors?");
        assertTrue(eventually(() -> bad.errorLogText().contains("Too many open files")), bad.diagnostics());

        String fixedText = SecCasesE2ETest.fixed(RLIMIT, fs);
        assertTrue(fixedText.contains("worker_rlimit_nofile 512;"), fixedText);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty(), fixedText);
        NginxProcess good = nginx(fixedText);
        assertEquals(200, statusWithThirtyIdle(good.port()));
        assertFalse(good.errorLogText().contains("Too many open files"), good.diagnostics());
    }

    // ---- SEC126 merge_slashes off ----

    static final String MERGE_SLASHES_OFF = """
                server {
                    listen 127.0.0.1:@PORT@;
                    merge_slashes off;
                    location /admin {
                        deny all;
                    }
                    location / {
                        proxy_pass http://127.0.0.1:@SITE_PORT@;
                    }
                }
            """;

    @Test
    void mergeSlashesOff_doubledSlashBypassesTheDeniedLocation_notWithTheDefault() {
        String flagged = SecCasesE2ETest.nginxConfig(MERGE_SLASHES_OFF);
        assertEquals(List.of("SEC126"), SecCasesE2ETest.ids(lint(Dialect.NGINX, flagged)));
        NginxProcess bad = nginx(flagged);
        assertEquals(403, SecCasesE2ETest.status(SecCasesE2ETest.get(bad, "/admin")));
        // nginx passes //admin to the backend instead of denying it; this test backend (the JDK's
        // HttpServer) does not collapse slashes and answers with its own 404, which proves the pass
        String r = SecCasesE2ETest.get(bad, "//admin");
        assertEquals(404, SecCasesE2ETest.status(r), r);
        assertTrue(SecCasesE2ETest.body(r).contains("No context found for request"), r);

        // the Good of the doc: merge_slashes back to its default (on)
        String good = SecCasesE2ETest.nginxConfig(MERGE_SLASHES_OFF.replace("merge_slashes off;", "merge_slashes on;"));
        assertTrue(lint(Dialect.NGINX, good).isEmpty());
        NginxProcess fixed = nginx(good);
        assertEquals(403, SecCasesE2ETest.status(SecCasesE2ETest.get(fixed, "//admin")));
        assertEquals(403, SecCasesE2ETest.status(SecCasesE2ETest.get(fixed, "/admin")));
    }

    // ---- SEC127 ssl_reject_handshake default server still serves ----

    static final String REJECT_DEFAULT = """
                server {
                    listen 127.0.0.1:@PORT@ ssl http2 default_server;
                    ssl_reject_handshake on;
                    root @DIR@/www;
                }
                server {
                    listen 127.0.0.1:@PORT@ ssl http2;
                    server_name app.example;
                    ssl_certificate @CERT@;
                    ssl_certificate_key @KEY@;
                    return 200 "APP\\n";
                }
            """;

    /** One HTTP/1.1 request over TLS with SNI {@code sni} and the given Host (any certificate accepted); the response. */
    static String tlsGet(int port, String sni, String host) {
        try {
            javax.net.ssl.TrustManager[] all = {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }};
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, all, null);
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                s.setSoTimeout(5000);
                javax.net.ssl.SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new javax.net.ssl.SNIHostName(sni)));
                p.setApplicationProtocols(new String[] {"http/1.1"});
                s.setSSLParameters(p);
                s.startHandshake();
                s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                return new String(s.getInputStream().readNBytes(1 << 16), StandardCharsets.ISO_8859_1);
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS request to " + port, e);
        }
    }

    static NginxProcess tlsNginx(String full) {
        NginxProcess n = NginxProcess.create(tmp).fullConfig(full).selfSignedCert();
        n.file("www/index.html", "INDEX\n");
        started.add(n);
        return n.start();
    }

    @Test
    void rejectHandshakeDefault_servesAnUnknownHostOnAnAcceptedConnection_untilTheFixReturns421() {
        String flagged = SecCasesE2ETest.nginxConfig(REJECT_DEFAULT);
        List<Finding> fs = lint(Dialect.NGINX, flagged);
        assertEquals(List.of("SEC127"), SecCasesE2ETest.ids(fs));
        NginxProcess bad = tlsNginx(flagged);
        assertEquals("APP\n", SecCasesE2ETest.body(tlsGet(bad.port(), "app.example", "app.example")));
        // the handshake was for app.example; the request names a host no server has
        String r = tlsGet(bad.port(), "app.example", "other.example");
        assertEquals(200, SecCasesE2ETest.status(r), r);
        assertEquals("INDEX\n", SecCasesE2ETest.body(r), "served from the default server's root");

        String fixedText = SecCasesE2ETest.fixed(flagged, fs);
        assertTrue(fixedText.contains("return 421;"), fixedText);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty(), fixedText);
        NginxProcess good = tlsNginx(fixedText);
        assertEquals(421, SecCasesE2ETest.status(tlsGet(good.port(), "app.example", "other.example")));
        assertEquals("APP\n", SecCasesE2ETest.body(tlsGet(good.port(), "app.example", "app.example")));
    }
}
