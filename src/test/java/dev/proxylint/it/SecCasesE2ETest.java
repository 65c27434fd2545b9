package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
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
import java.io.ByteArrayOutputStream;
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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SEC rules claim, on real nginx and Apache: each config text is linted in-process, then
 * run; the exploit works on the flagged config (a file outside the alias is served, %0d%0a injects
 * a header, a spoofed Host or a client-chosen host reaches a backend, a security header goes
 * missing) and no longer works on the config proxylint's own fix produces, nor on the unflagged
 * variants. Two small in-process HTTP backends stand for the intended ("public") service and an
 * internal one nobody should reach; both answer with the Host and X-Injected headers they received.
 */
class SecCasesE2ETest {
    static final String APACHE_VERSION = "2.4.71";
    @TempDir
    static Path tmp;
    private static HttpServer publicBackend;
    private static HttpServer internalBackend;
    private static final List<ServerProcess<?>> started = new ArrayList<>();

    @BeforeAll
    static void backends() throws IOException {
        publicBackend = backend("PUBLIC");
        internalBackend = backend("INTERNAL");
    }

    @AfterAll
    static void stopAll() {
        for (ServerProcess<?> s : started) {
            s.stop();
        }
        if (publicBackend != null) {
            publicBackend.stop(0);
        }
        if (internalBackend != null) {
            internalBackend.stop(0);
        }
    }

    private static HttpServer backend(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.createContext("/", ex -> {
            String body = name + " host=" + ex.getRequestHeaders().getFirst("Host") + " injected="
                    + ex.getRequestHeaders().getFirst("X-Injected") + "\n";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        s.start();
        return s;
    }

    private static String hostPort(HttpServer s) {
        return "127.0.0.1:" + s.getAddress().getPort();
    }

    // ---- lint in-process ----

    static List<Finding> lint(Dialect d, String text) {
        return lintIn(tmp, d, text, null, APACHE_VERSION);
    }

    /**
     * The SEC and SYN findings of {@code text}, linted as a file in a new directory under
     * {@code base} for the given target versions (null: unknown); the E2E tests of the SEC rules share it.
     */
    static List<Finding> lintIn(Path base, Dialect d, String text, String nginxVersion, String apacheVersion) {
        return lintAll(base, d, text, nginxVersion, apacheVersion).stream()
                .filter(x -> x.ruleId().startsWith("SEC") || x.ruleId().startsWith("SYN")).toList();
    }

    /** Every finding of {@code text}, linted as {@link #lintIn} does. */
    static List<Finding> lintAll(Path base, Dialect d, String text, String nginxVersion, String apacheVersion) {
        try {
            Path dir = Files.createTempDirectory(base, "lint");
            Path f = dir.resolve(d == Dialect.NGINX ? "nginx.conf" : "httpd.conf");
            Files.writeString(f, text);
            RuleSettings s = new RuleSettings(nginxVersion, apacheVersion, "mozilla-intermediate", "auto",
                    RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of());
            ResolveOptions ro = new ResolveOptions(null, null, Map.of(), Set.of(), false, apacheVersion, nginxVersion);
            LintOptions o = new LintOptions(d, ro, s, Selection.all(), Level.NOTE, List.of(), 1);
            return CaseFile.linter().run(List.of(new Input(f, null, true)), o, null).findings();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> ids(List<Finding> fs) {
        return fs.stream().map(Finding::ruleId).sorted().toList();
    }

    /** The config text after proxylint's fixes for the SEC findings. */
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

    static String nginxConfig(String httpBody) {
        return NginxProcess.preamble() + "http {\n" + NginxProcess.httpPreamble() + httpBody + "}\n";
    }

    private static <S extends ServerProcess<S>> S vars(S s) {
        s.var("PUBLIC", hostPort(publicBackend)).var("INTERNAL", hostPort(internalBackend))
                .var("INTERNAL_PORT", Integer.toString(internalBackend.getAddress().getPort()));
        return s;
    }

    static NginxProcess nginx(String full) {
        NginxProcess n = vars(NginxProcess.create(tmp)).fullConfig(full);
        n.file("data/secret.txt", "TOP-SECRET\n").file("data/images/a.txt", "image\n");
        n.port("B"); // a second listen port for configs that use @PORT_B@
        started.add(n);
        return n.start();
    }

    static ApacheProcess apache(String body, String... modules) {
        ApacheProcess a = vars(ApacheProcess.create(tmp)).modules(modules).body(body);
        a.file("data/secret.txt", "TOP-SECRET\n").file("data/images/a.txt", "image\n");
        started.add(a);
        return a.start();
    }

    /** One raw HTTP/1.1 request (Connection: close); the whole response as text, bounded by a 5 s read timeout. */
    static String request(int port, String target, String host) {
        return request(port, target, host, "");
    }

    static String request(int port, String target, String host, String extraHeaders) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(5000);
            String req = "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n" + extraHeaders + "\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0;) {
                out.write(buf, 0, n);
                if (out.size() > 1 << 20) {
                    break;
                }
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("request " + target + " to port " + port, e);
        }
    }

    static String get(ServerProcess<?> s, String target) {
        return request(s.port(), target, "127.0.0.1");
    }

    static int status(String response) {
        String[] first = response.split("\r\n", 2)[0].split(" ");
        return first.length > 1 ? Integer.parseInt(first[1]) : -1;
    }

    /** The response's header lines (status line excluded), as the client splits them. */
    static List<String> headers(String response) {
        int end = response.indexOf("\r\n\r\n");
        String head = end < 0 ? response : response.substring(0, end);
        List<String> out = new ArrayList<>(List.of(head.split("\r\n")));
        out.remove(0);
        return out;
    }

    static boolean injected(String response) {
        return headers(response).stream().anyMatch(h -> h.equalsIgnoreCase("X-Injected: yes"));
    }

    static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
    }

    static final String CRLF = "a%0d%0aX-Injected:%20yes";

    // ---- SEC101 alias traversal ----

    static final String ALIAS = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /i {
                        alias @DIR@/data/images/;
                    }
                }
            """);
    static final String ALIAS_SAFE = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /j {
                        alias @DIR@/data/images;
                    }
                    location /k/ {
                        alias @DIR@/data/images/;
                    }
                }
            """);

    @Test
    void aliasTraversal_readsAFileOutsideTheAlias_untilTheFixAddsTheSlash() {
        List<Finding> fs = lint(Dialect.NGINX, ALIAS);
        assertEquals(List.of("SEC101"), ids(fs));
        NginxProcess bad = nginx(ALIAS);
        assertEquals("image\n", body(get(bad, "/i/a.txt")));
        String leak = get(bad, "/i../secret.txt");
        assertEquals(200, status(leak), leak);
        assertEquals("TOP-SECRET\n", body(leak));

        String fixedText = fixed(ALIAS, fs);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty(), fixedText);
        NginxProcess good = nginx(fixedText);
        assertEquals("image\n", body(get(good, "/i/a.txt")));
        String r = get(good, "/i../secret.txt");
        assertFalse(body(r).contains("TOP-SECRET"), r);

        assertTrue(lint(Dialect.NGINX, ALIAS_SAFE).isEmpty());
        NginxProcess safe = nginx(ALIAS_SAFE);
        assertEquals("image\n", body(get(safe, "/k/a.txt")));
        assertEquals("image\n", body(get(safe, "/j/a.txt")));
        for (String t : List.of("/j../secret.txt", "/k../secret.txt", "/k/../secret.txt", "/k/..%2fsecret.txt")) {
            String x = get(safe, t);
            assertFalse(body(x).contains("TOP-SECRET"), t + ": " + x);
        }
    }

    @Test
    void apacheAlias_isNotVulnerable_andNotFlagged() {
        String conf = "LoadModule alias_module " + ServerSupport.APACHE_MODULES.resolve("mod_alias.so") + "\n"
                + "Alias /i @DIR@/data/images/\n<Directory @DIR@/data>\n    Require all granted\n</Directory>\n";
        assertTrue(lint(Dialect.APACHE, conf).isEmpty(), () -> lint(Dialect.APACHE, conf).toString());
        ApacheProcess a = apache(conf);
        assertEquals("image\n", body(get(a, "/i/a.txt")));
        String r = get(a, "/i../secret.txt");
        assertEquals(404, status(r), r);
        assertFalse(r.contains("TOP-SECRET"));
    }

    // ---- SEC102 CRLF injection ----

    static final String CRLF_CONF = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /r/ {
                        return 302 https://example.com$uri;
                    }
                    location /q/ {
                        return 302 https://example.com$uri$is_args$args;
                    }
                    location /w/ {
                        rewrite ^ https://example.com$uri redirect;
                    }
                    location /h/ {
                        add_header X-Path $uri;
                        return 200 "ok\\n";
                    }
                    location ~ ^/e/([^/]+)$ {
                        add_header X-Name $1;
                        return 200 "ok\\n";
                    }
                    location /p/ {
                        proxy_pass http://@PUBLIC@;
                        proxy_set_header X-Path $document_uri;
                    }
                }
            """);
    static final String CRLF_SAFE = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /r/ {
                        return 302 https://example.com$request_uri;
                    }
                    location ~ ^/c/(.*) {
                        return 302 /x/$1;
                    }
                    location ~ ^/d/([a-z]+) {
                        add_header X-Name $1;
                        return 302 /x/$1;
                    }
                    location ~ ^/n/(\\S+) {
                        return 302 /x/$1;
                    }
                    location /rx/ {
                        rewrite ^/rx/([^/]*)$ /x/$1 permanent;
                    }
                    location /a/ {
                        add_header X-Args $args;
                        return 200 "ok\\n";
                    }
                }
            """);

    @Test
    void crlfInjection_injectsAHeader_onEveryFlaggedForm_andNotAfterTheFix() {
        List<Finding> fs = lint(Dialect.NGINX, CRLF_CONF);
        assertEquals(List.of("SEC102", "SEC102", "SEC102", "SEC102", "SEC102", "SEC102"), ids(fs));
        NginxProcess bad = nginx(CRLF_CONF);
        for (String p : List.of("/r/", "/q/", "/w/", "/h/", "/e/")) {
            String r = get(bad, p + CRLF);
            assertTrue(injected(r), p + " did not inject:\n" + r);
        }
        // toward the backend: the forged header arrives as a request header of its own
        assertTrue(body(get(bad, "/p/" + CRLF)).contains("injected=yes"), () -> get(bad, "/p/" + CRLF));

        String fixedText = fixed(CRLF_CONF, fs);
        List<Finding> left = lint(Dialect.NGINX, fixedText);
        // the three redirects are fixed; add_header and proxy_set_header have no mechanical fix
        assertEquals(List.of("SEC102", "SEC102", "SEC102"), ids(left), left::toString);
        NginxProcess good = nginx(fixedText);
        for (String p : List.of("/r/", "/q/", "/w/")) {
            String r = get(good, p + CRLF + "?x=1");
            assertEquals(302, status(r), r);
            assertFalse(injected(r), p + " still injects:\n" + r);
            // the fixed redirect keeps the client's escapes and the query string once
            assertTrue(headers(r).contains("Location: https://example.com" + p + CRLF + "?x=1"), r);
        }

        assertTrue(lint(Dialect.NGINX, CRLF_SAFE).isEmpty(), () -> lint(Dialect.NGINX, CRLF_SAFE).toString());
        NginxProcess safe = nginx(CRLF_SAFE);
        for (String p : List.of("/r/", "/c/", "/d/", "/n/", "/rx/")) {
            String r = get(safe, p + CRLF);
            assertTrue(status(r) >= 300 && status(r) < 400, p + ": " + r);
            assertFalse(injected(r), p + " injects:\n" + r);
        }
        String a = get(safe, "/a/?" + CRLF);
        assertEquals(200, status(a), a);
        assertFalse(injected(a), a);
    }

    // ---- SEC103 Host from the client ----

    static final String HOST_CONF = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    return 444;
                }
                server {
                    listen 127.0.0.1:@PORT@;
                    server_name app.example;
                    location / {
                        proxy_pass http://@PUBLIC@;
                        proxy_set_header Host $http_host;
                    }
                }
            """);

    @Test
    void hostFromClient_reachesTheBackend_throughAnAbsoluteRequestLine_untilTheFixUsesHost() {
        List<Finding> fs = lint(Dialect.NGINX, HOST_CONF);
        assertEquals(List.of("SEC103"), ids(fs));
        NginxProcess bad = nginx(HOST_CONF);
        // a plain request for an unknown name hits the default server
        assertFalse(body(request(bad.port(), "/", "evil.example")).contains("PUBLIC"));
        String r = request(bad.port(), "http://app.example/", "evil.example");
        assertTrue(body(r).contains("PUBLIC host=evil.example "), r);

        String fixedText = fixed(HOST_CONF, fs);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty());
        NginxProcess good = nginx(fixedText);
        String g = request(good.port(), "http://app.example/", "evil.example");
        assertTrue(body(g).contains("PUBLIC host=app.example "), g);
        assertTrue(body(request(good.port(), "/", "app.example")).contains("PUBLIC host=app.example "));
    }

    // ---- SEC104 / SEC202 SSRF ----

    static final String SSRF_CONF = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /fetch {
                        proxy_pass http://$arg_host;
                    }
                    location ~ ^/p/([^/]+)(/.*)$ {
                        proxy_pass http://$1$2;
                    }
                }
            """);
    static final String SSRF_SAFE = nginxConfig("""
                map $arg_backend $backend {
                    default @PUBLIC@;
                }
                server {
                    listen 127.0.0.1:@PORT@;
                    location /fetch {
                        proxy_pass http://$backend;
                    }
                    location ~ ^/p/([a-z0-9-]+)(/.*)$ {
                        proxy_pass http://@PUBLIC@/$1$2;
                    }
                    location /a/ {
                        proxy_pass http://@PUBLIC@/$arg_host;
                    }
                }
            """);

    @Test
    void nginxSsrf_reachesTheInternalService_andTheSafeFormsDoNot() {
        List<Finding> fs = lint(Dialect.NGINX, SSRF_CONF);
        // SEC116 also reports the decoded capture $2 in the path (SecRegexE2ETest shows that effect)
        assertEquals(List.of("SEC104", "SEC104", "SEC116"), ids(fs));
        NginxProcess bad = nginx(SSRF_CONF);
        String internal = hostPort(internalBackend);
        String r1 = get(bad, "/fetch?host=" + internal);
        assertTrue(body(r1).startsWith("INTERNAL"), r1);
        String r2 = get(bad, "/p/" + internal + "/secret");
        assertTrue(body(r2).startsWith("INTERNAL"), r2);

        // safe from SSRF; SEC116 reports the decoded capture $2 (/.*) that reaches the backend unescaped
        assertEquals(List.of("SEC116"), ids(lint(Dialect.NGINX, SSRF_SAFE)), () -> lint(Dialect.NGINX, SSRF_SAFE).toString());
        NginxProcess safe = nginx(SSRF_SAFE);
        for (String t : List.of("/fetch?backend=" + internal + "&host=" + internal, "/p/" + internal + "/secret",
                "/a/?host=" + internal)) {
            String r = get(safe, t);
            assertFalse(body(r).startsWith("INTERNAL"), t + ": " + r);
        }
        assertTrue(body(get(safe, "/fetch")).startsWith("PUBLIC"));
    }

    @Test
    void apacheSsrf_reachesTheInternalService_andTheSafeFormsDoNot() {
        String bad = "RewriteEngine On\n"
                + "RewriteRule \"^/p/(.*)$\" \"http://$1\" [P]\n"
                + "ProxyPassMatch \"^/q/([^/]+)/(.*)$\" \"http://$1/$2\"\n";
        List<Finding> fs = lint(Dialect.APACHE, bad);
        assertEquals(List.of("SEC202", "SEC202"), ids(fs));
        ApacheProcess a = apache(bad, "proxy", "proxy_http", "rewrite");
        String internal = hostPort(internalBackend);
        String r1 = get(a, "/p/" + internal + "/secret");
        assertTrue(body(r1).startsWith("INTERNAL"), r1);
        String r2 = get(a, "/q/" + internal + "/secret");
        assertTrue(body(r2).startsWith("INTERNAL"), r2);

        String safe = "RewriteEngine On\n"
                + "RewriteRule \"^/p/(.*)$\" \"http://@PUBLIC@/$1\" [P]\n"
                + "RewriteRule \"^/s/([a-z0-9-]+)/(.*)$\" \"http://$1.invalid/$2\" [P]\n"
                + "ProxyPassMatch \"^/q/([^/]+)/(.*)$\" \"http://@PUBLIC@/$1/$2\"\n";
        assertTrue(lint(Dialect.APACHE, safe).isEmpty(), () -> lint(Dialect.APACHE, safe).toString());
        ApacheProcess s = apache(safe, "proxy", "proxy_http", "rewrite");
        for (String t : List.of("/p/" + internal + "/secret", "/q/" + internal + "/secret", "/s/" + internal + "/x")) {
            String r = get(s, t);
            assertFalse(body(r).startsWith("INTERNAL"), t + ": " + r);
        }
        assertTrue(body(get(s, "/p/x")).startsWith("PUBLIC"));
    }

    // ---- SEC105 add_header inheritance ----

    static final String HEADERS_CONF = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    add_header X-Frame-Options DENY always;
                    add_header X-Content-Type-Options nosniff always;
                    location / {
                        return 200 "root\\n";
                    }
                    location /dl/ {
                        add_header Cache-Control no-store;
                        return 200 "dl\\n";
                    }
                }
            """);

    @Test
    void innerAddHeader_dropsTheServersSecurityHeaders_untilTheFixRepeatsThem() {
        List<Finding> fs = lint(Dialect.NGINX, HEADERS_CONF);
        assertEquals(List.of("SEC105"), ids(fs));
        NginxProcess bad = nginx(HEADERS_CONF);
        assertTrue(headers(get(bad, "/")).contains("X-Frame-Options: DENY"));
        List<String> dl = headers(get(bad, "/dl/"));
        assertTrue(dl.contains("Cache-Control: no-store"), dl::toString);
        assertFalse(dl.contains("X-Frame-Options: DENY"), dl::toString);
        assertFalse(dl.contains("X-Content-Type-Options: nosniff"), dl::toString);

        String fixedText = fixed(HEADERS_CONF, fs);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty());
        List<String> fixedDl = headers(get(nginx(fixedText), "/dl/"));
        assertTrue(fixedDl.containsAll(List.of("Cache-Control: no-store", "X-Frame-Options: DENY",
                "X-Content-Type-Options: nosniff")), fixedDl::toString);
    }

    // ---- SEC106 weak Origin regex ----

    static final String ORIGIN_CONF = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /weak/ {
                        if ($http_origin ~* "example.com") {
                            add_header Access-Control-Allow-Origin $http_origin;
                        }
                        return 200 "weak\\n";
                    }
                    location /strong/ {
                        if ($http_origin ~* "^https://(www\\.)?example\\.com$") {
                            add_header Access-Control-Allow-Origin $http_origin;
                        }
                        return 200 "strong\\n";
                    }
                }
            """);

    @Test
    void weakOriginRegex_allowsTheAttackersOrigin_theAnchoredOneDoesNot() {
        List<Finding> fs = lint(Dialect.NGINX, ORIGIN_CONF);
        assertEquals(List.of("SEC106"), ids(fs));
        NginxProcess n = nginx(ORIGIN_CONF);
        for (String evil : List.of("https://example.com.evil.test", "https://evilexample.com")) {
            assertTrue(fs.get(0).message().contains(evil), fs.get(0).message());
            String o = "Origin: " + evil + "\r\n";
            assertTrue(headers(request(n.port(), "/weak/", "127.0.0.1", o))
                    .contains("Access-Control-Allow-Origin: " + evil));
            assertTrue(headers(request(n.port(), "/strong/", "127.0.0.1", o)).stream()
                    .noneMatch(h -> h.startsWith("Access-Control-Allow-Origin")));
        }
        String good = "Origin: https://www.example.com\r\n";
        assertTrue(headers(request(n.port(), "/strong/", "127.0.0.1", good))
                .contains("Access-Control-Allow-Origin: https://www.example.com"));
    }

    // ---- hygiene: SEC107-SEC110 (nginx), SEC203-SEC206 (Apache) ----

    static final String NGINX_HYGIENE = nginxConfig("""
                server_tokens on;
                server {
                    listen 127.0.0.1:@PORT@;
                    location /files/ {
                        alias @DIR@/data/images/;
                        autoindex on;
                    }
                    location /status {
                        stub_status;
                    }
                    location /status-closed {
                        stub_status;
                        allow 127.0.0.2;
                        deny all;
                    }
                }
                server {
                    listen 127.0.0.1:@PORT_B@;
                    root /;
                }
            """);

    @Test
    void nginxHygiene_listingStatusVersionAndRootAreReallyServed() {
        List<Finding> fs = lint(Dialect.NGINX, NGINX_HYGIENE);
        // a server on loopback only is not flagged for stub_status; the same server on all addresses is
        assertEquals(List.of("SEC107", "SEC108", "SEC110"), ids(fs));
        List<Finding> open = lint(Dialect.NGINX, NGINX_HYGIENE.replace("listen 127.0.0.1:@PORT@;", "listen @PORT@;"));
        assertEquals(List.of("SEC107", "SEC108", "SEC109", "SEC110"), ids(open));
        NginxProcess n = nginx(NGINX_HYGIENE);
        String listing = get(n, "/files/");
        assertEquals(200, status(listing), listing);
        assertTrue(body(listing).contains("a.txt"), listing);
        assertTrue(headers(listing).contains("Server: nginx/1.22.1") || headers(listing).stream()
                .anyMatch(h -> h.matches("Server: nginx/\\d.*")), listing);
        assertTrue(body(get(n, "/status")).startsWith("Active connections:"));
        assertEquals(403, status(get(n, "/status-closed")));
        String passwd = request(n.port("B"), "/etc/passwd", "127.0.0.1");
        assertEquals(200, status(passwd), passwd);
        assertTrue(body(passwd).startsWith("root:"), passwd);

        String fixedText = fixed(NGINX_HYGIENE, fs);
        assertEquals(List.of("SEC107", "SEC110"), ids(lint(Dialect.NGINX, fixedText)));
        NginxProcess f = nginx(fixedText);
        assertTrue(headers(get(f, "/status")).contains("Server: nginx"), () -> get(f, "/status"));
    }

    static final String APACHE_HYGIENE = """
            ServerTokens Full
            TraceEnable On
            Alias /files/ @DIR@/data/images/
            Alias /data/ @DIR@/data/
            <Directory @DIR@/data/images>
                Options Indexes
                Require all granted
            </Directory>
            <Directory @DIR@/data>
                Options -Indexes
                Require all granted
            </Directory>
            <Location "/server-status">
                SetHandler server-status
            </Location>
            <Location "/status-closed">
                SetHandler server-status
                Require ip 127.0.0.2
            </Location>
            """;

    @Test
    void apacheHygiene_listingStatusVersionAndTraceAreReallyServed() {
        List<Finding> fs = lint(Dialect.APACHE, APACHE_HYGIENE);
        assertEquals(List.of("SEC203", "SEC204", "SEC205", "SEC206"), ids(fs));
        String[] mods = {"alias", "autoindex", "status", "authz_host"};
        ApacheProcess a = apache(APACHE_HYGIENE, mods);
        String listing = get(a, "/files/");
        assertEquals(200, status(listing), listing);
        assertTrue(body(listing).contains("Index of /files") && body(listing).contains("a.txt"), listing);
        assertTrue(headers(listing).stream().anyMatch(h -> h.startsWith("Server: Apache/2.4")), listing);
        assertEquals(403, status(get(a, "/data/")));
        assertTrue(body(get(a, "/server-status")).contains("Apache Server Status"));
        assertEquals(403, status(get(a, "/status-closed")));
        String trace = trace(a.port());
        assertEquals(200, status(trace), trace);
        assertTrue(body(trace).contains("TRACE / HTTP/1.1\r\nHost: 127.0.0.1"), trace);

        String fixedText = fixed(APACHE_HYGIENE, fs);
        assertEquals(List.of("SEC203", "SEC205"), ids(lint(Dialect.APACHE, fixedText)));
        ApacheProcess f = apache(fixedText, mods);
        assertTrue(headers(get(f, "/files/")).contains("Server: Apache"), () -> get(f, "/files/"));
        assertEquals(405, status(trace(f.port())));
    }

    static String trace(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- SEC111 add_header Content-Type ----

    static final String CONTENT_TYPE = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /api/ {
                        add_header Cache-Control no-store;
                        add_header Content-Type application/json;
                        return 200 '{"ok":true}';
                    }
                }
            """);

    @Test
    void addHeaderContentType_sendsTwoTypes_untilTheFixUsesDefaultType() {
        List<Finding> fs = lint(Dialect.NGINX, CONTENT_TYPE);
        assertEquals(List.of("SEC111"), ids(fs));
        List<String> bad = headers(get(nginx(CONTENT_TYPE), "/api/"));
        assertEquals(2, bad.stream().filter(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")).count(),
                bad::toString);
        assertTrue(bad.contains("Content-Type: application/json"), bad::toString);

        String fixedText = fixed(CONTENT_TYPE, fs);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty());
        List<String> good = headers(get(nginx(fixedText), "/api/"));
        assertEquals(List.of("Content-Type: application/json"), good.stream()
                .filter(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")).toList());
        assertTrue(good.contains("Cache-Control: no-store"), good::toString);
    }

    /** No Apache twin of SEC102: Apache refuses to send a header with CR or LF (AH02430) and answers 500. */
    @Test
    void apacheRefusesLineBreaksInHeaders_soThereIsNoCrlfTwin() {
        String conf = "RewriteEngine On\n"
                + "RewriteRule \"^/r/(.*)$\" \"https://example.com/$1\" [R=302,NE]\n"
                + "RewriteRule \"^/u/\" \"https://example.com%{REQUEST_URI}\" [R=302]\n";
        assertTrue(lint(Dialect.APACHE, conf).isEmpty());
        ApacheProcess a = apache(conf, "rewrite");
        String r = get(a, "/r/" + CRLF);
        assertEquals(500, status(r), r);
        assertFalse(injected(r), r);
        String u = get(a, "/u/" + CRLF);
        assertEquals(302, status(u), u);
        assertFalse(injected(u), u);
        assertTrue(headers(u).contains("Location: https://example.com/u/" + CRLF), u);
    }
}
