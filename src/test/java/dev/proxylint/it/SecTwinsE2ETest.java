package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.proxylint.rules.Finding;
import dev.proxylint.syntax.Dialect;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SEC rules that are twins of others (the Apache side of an nginx rule and the reverse) and
 * the twins that turned out not to exist, on real nginx 1.22 and Apache 2.4: each config text is
 * linted in-process and run; the flagged config shows the effect (an unlisted client passes a
 * check, a doubled slash skips a restriction, an attacker's Origin gets the CORS header, a foreign
 * Host reaches the first site, /etc/passwd is served), and the fixed or unflagged variant does not.
 * One in-process HTTP backend answers with the request target and Host it received.
 */
class SecTwinsE2ETest {
    static final String APACHE_VERSION = "2.4.71";
    @TempDir
    static Path tmp;
    private static HttpServer backend;
    private static final List<ServerProcess<?>> started = new ArrayList<>();

    @BeforeAll
    static void backends() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.createContext("/", ex -> {
            byte[] b = ("BACKEND target=" + ex.getRequestURI() + " host=" + ex.getRequestHeaders().getFirst("Host")
                    + "\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        backend.start();
    }

    @AfterAll
    static void stopAll() {
        for (ServerProcess<?> s : started) {
            s.stop();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    // ---- helpers ----

    static List<Finding> lint(Dialect d, String text) {
        return SecCasesE2ETest.lintIn(tmp, d, text, null, APACHE_VERSION);
    }

    static List<String> ids(Dialect d, String text) {
        return SecCasesE2ETest.ids(lint(d, text));
    }

    /** A whole nginx config: the harness' preamble and http block around {@code httpBody}. */
    static String nginxConfig(String httpBody) {
        return SecCasesE2ETest.nginxConfig(httpBody);
    }

    static NginxProcess nginx(String full) {
        NginxProcess n = NginxProcess.create(tmp).fullConfig(full)
                .var("BACKEND_PORT", Integer.toString(backend.getAddress().getPort()));
        started.add(n);
        return n.start();
    }

    static ApacheProcess apache(String body, String... modules) {
        ApacheProcess a = ApacheProcess.create(tmp).modules(modules).body(body)
                .var("BACKEND_PORT", Integer.toString(backend.getAddress().getPort()));
        a.file("www/index.html", "INDEX\n").file("www/files/secret.txt", "TOP-SECRET\n");
        started.add(a);
        return a.start();
    }

    static String request(ServerProcess<?> s, String target, String host, String extraHeaders) {
        return SecCasesE2ETest.request(s.port(), target, host, extraHeaders);
    }

    static String get(ServerProcess<?> s, String target, String extraHeaders) {
        return request(s, target, "127.0.0.1", extraHeaders);
    }

    static int status(String response) {
        return SecCasesE2ETest.status(response);
    }

    static String body(String response) {
        return SecCasesE2ETest.body(response);
    }

    static List<String> headers(String response) {
        return SecCasesE2ETest.headers(response);
    }

    // ---- SEC118 map without default ----

    static final String MAP_ALLOW_LIST = nginxConfig("""
                map $http_x_client $allowed {
                    alice 1;
                }
                server {
                    listen 127.0.0.1:@PORT@;
                    location / {
                        if ($allowed = 0) {
                            return 403;
                        }
                        proxy_pass http://127.0.0.1:@BACKEND_PORT@;
                    }
                }
            """);
    static final String MAP_ALLOW_LIST_RIGHT = MAP_ALLOW_LIST.replace("$allowed = 0", "$allowed != 1");

    @Test
    void mapWithoutDefault_anUnlistedClientPassesTheCheck_untilTheFixAddsTheDefault() {
        List<Finding> fs = lint(Dialect.NGINX, MAP_ALLOW_LIST);
        assertEquals(List.of("SEC118"), SecCasesE2ETest.ids(fs));
        NginxProcess bad = nginx(MAP_ALLOW_LIST);
        String bob = get(bad, "/page", "X-Client: bob\r\n");
        assertEquals(200, status(bob), bob);
        assertTrue(body(bob).startsWith("BACKEND target=/page"), bob);
        String none = get(bad, "/page", "");
        assertEquals(200, status(none), none);

        String fixedText = SecCasesE2ETest.fixed(MAP_ALLOW_LIST, fs);
        assertTrue(fixedText.contains("default 0;"), fixedText);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty(), fixedText);
        NginxProcess good = nginx(fixedText);
        assertEquals(403, status(get(good, "/page", "X-Client: bob\r\n")));
        assertEquals(403, status(get(good, "/page", "")));
        assertEquals(200, status(get(good, "/page", "X-Client: alice\r\n")));

        // the check written against what the map gives is not flagged and refuses bob as well
        assertTrue(lint(Dialect.NGINX, MAP_ALLOW_LIST_RIGHT).isEmpty());
        NginxProcess right = nginx(MAP_ALLOW_LIST_RIGHT);
        assertEquals(403, status(get(right, "/page", "X-Client: bob\r\n")));
        assertEquals(200, status(get(right, "/page", "X-Client: alice\r\n")));
    }

    // ---- SEC209 MergeSlashes Off (Apache twin of SEC126) ----

    static final String MERGE_SLASHES_OFF = """
            MergeSlashes Off
            DocumentRoot "@DIR@/www"
            <Directory "@DIR@/www">
                Require all granted
            </Directory>
            <LocationMatch "^/api/admin">
                Require all denied
            </LocationMatch>
            <Location ~ "^/files/secret">
                Require all denied
            </Location>
            <Location "/app/admin">
                Require all denied
            </Location>
            RewriteEngine On
            RewriteRule "^/api/internal/" - [F]
            ProxyPass /api/ http://127.0.0.1:@BACKEND_PORT@/api/
            """;

    @Test
    void mergeSlashesOff_aDoubledSlashSkipsTheRegexChecks_butNotPlainLocations() {
        String[] mods = {"proxy", "proxy_http", "rewrite"};
        List<Finding> fs = lint(Dialect.APACHE, MERGE_SLASHES_OFF);
        assertEquals(List.of("SEC209"), SecCasesE2ETest.ids(fs));
        assertTrue(fs.get(0).message().startsWith("MergeSlashes Off lets /api//admin bypass the check (<LocationMatch ^/api/admin>)."),
                fs.get(0).message());
        ApacheProcess bad = apache(MERGE_SLASHES_OFF, mods);
        assertEquals(403, status(get(bad, "/api/admin", "")));
        String api = get(bad, "/api//admin", "");
        assertEquals(200, status(api), api);
        // ProxyPass /api/ takes "/api//" as its prefix: the backend gets the very path the check refuses
        assertEquals("BACKEND target=/api/admin host=127.0.0.1:" + backend.getAddress().getPort() + "\n", body(api));
        assertTrue(fs.get(0).message().contains("passes it to the backend as /api/admin, the very path the check refuses"),
                fs.get(0).message());
        assertEquals(403, status(get(bad, "/files/secret.txt", "")));
        String file = get(bad, "/files//secret.txt", "");
        assertEquals(200, status(file), file);
        assertEquals("TOP-SECRET\n", body(file));
        assertEquals(403, status(get(bad, "/api/internal/x", "")));
        assertTrue(body(get(bad, "/api//internal/x", "")).startsWith("BACKEND target=/api/internal/x"));
        // a plain Location merges the slashes, and httpd collapses a doubled leading slash anyway
        assertEquals(403, status(get(bad, "/app//admin", "")));
        assertEquals(403, status(get(bad, "//api/admin", "")));

        // MergeSlashes On (the default): the same paths are refused, and nothing is reported
        String on = MERGE_SLASHES_OFF.replace("MergeSlashes Off", "MergeSlashes On");
        assertTrue(lint(Dialect.APACHE, on).isEmpty(), () -> lint(Dialect.APACHE, on).toString());
        ApacheProcess good = apache(on, mods);
        for (String p : List.of("/api//admin", "/files//secret.txt", "/api//internal/x", "/app//admin")) {
            assertEquals(403, status(get(good, p, "")), p);
        }

        // the Good of the doc: the checks as plain Locations, MergeSlashes still off
        String plain = """
                MergeSlashes Off
                DocumentRoot "@DIR@/www"
                <Directory "@DIR@/www">
                    Require all granted
                </Directory>
                <Location "/api/admin">
                    Require all denied
                </Location>
                <Location "/files/secret.txt">
                    Require all denied
                </Location>
                ProxyPass /api/ http://127.0.0.1:@BACKEND_PORT@/api/
                """;
        assertTrue(lint(Dialect.APACHE, plain).isEmpty(), () -> lint(Dialect.APACHE, plain).toString());
        ApacheProcess safe = apache(plain, mods);
        assertEquals(403, status(get(safe, "/api//admin", "")));
        assertEquals(403, status(get(safe, "/files/secret.txt", "")));
        assertEquals(403, status(get(safe, "/files//secret.txt", "")));
        assertTrue(body(get(safe, "/api//other", "")).startsWith("BACKEND target=/api/other"));
    }

    // ---- SEC210 weak SetEnvIf Origin/Referer regex (Apache twin of SEC106) ----

    static final String WEAK_ORIGIN = """
            DocumentRoot "@DIR@/www"
            SetEnvIf Origin "^https://app.example.com$" CORS_A=$0
            SetEnvIfNoCase Origin "^https://(www\\.)?example\\.com" CORS_B
            SetEnvIfNoCase Referer "example\\.com" REF_OK
            <Location /a/>
                Header always set Access-Control-Allow-Origin "%{CORS_A}e" env=CORS_A
            </Location>
            <Location /b/>
                Header always set Access-Control-Allow-Origin "expr=%{req:Origin}" env=CORS_B
            </Location>
            <Location /files/>
                Require env REF_OK
            </Location>
            <Directory "@DIR@/www">
                Require all granted
            </Directory>
            """;
    static final String STRONG_ORIGIN = WEAK_ORIGIN.replace("^https://app.example.com$", "^https://app\\.example\\.com$")
            .replace("^https://(www\\.)?example\\.com\"", "^https://(www\\.)?example\\.com$\"")
            .replace("\"example\\.com\" REF_OK", "\"^https://(www\\.)?example\\.com/\" REF_OK");

    static String acao(String response) {
        return headers(response).stream().filter(h -> h.startsWith("Access-Control-Allow-Origin:")).findFirst()
                .orElse("");
    }

    @Test
    void weakOriginRegex_theAttackersOriginGetsTheCorsHeaderOrPassesRequireEnv_theAnchoredOneDoesNot() {
        String[] mods = {"setenvif", "headers", "authz_host"};
        List<Finding> fs = lint(Dialect.APACHE, WEAK_ORIGIN);
        assertEquals(List.of("SEC210", "SEC210", "SEC210"), SecCasesE2ETest.ids(fs));
        ApacheProcess bad = apache(WEAK_ORIGIN, mods);
        String a = get(bad, "/a/", "Origin: https://appxexample.com\r\n");
        assertEquals("Access-Control-Allow-Origin: https://appxexample.com", acao(a), a);
        String b = get(bad, "/b/", "Origin: https://example.com.evil.test\r\n");
        assertEquals("Access-Control-Allow-Origin: https://example.com.evil.test", acao(b), b);
        String f = get(bad, "/files/secret.txt", "Referer: https://example.com.evil.test/\r\n");
        assertEquals(200, status(f), f);
        assertEquals("TOP-SECRET\n", body(f));
        assertEquals(403, status(get(bad, "/files/secret.txt", "")));
        for (String finding : List.of("https://appxexample.com", "https://example.com.evil.test")) {
            assertTrue(fs.stream().anyMatch(x -> x.message().startsWith("This Origin check also accepts " + finding + ",")),
                    fs::toString);
        }

        // the anchored, escaped regexes (the doc's Good): not flagged, and only the real site passes
        assertTrue(lint(Dialect.APACHE, STRONG_ORIGIN).isEmpty(), () -> STRONG_ORIGIN + lint(Dialect.APACHE, STRONG_ORIGIN));
        ApacheProcess good = apache(STRONG_ORIGIN, mods);
        assertEquals("", acao(get(good, "/a/", "Origin: https://appxexample.com\r\n")));
        assertEquals("", acao(get(good, "/b/", "Origin: https://example.com.evil.test\r\n")));
        assertEquals(403, status(get(good, "/files/secret.txt", "Referer: https://example.com.evil.test/\r\n")));
        assertEquals("Access-Control-Allow-Origin: https://app.example.com",
                acao(get(good, "/a/", "Origin: https://app.example.com\r\n")));
        assertEquals("Access-Control-Allow-Origin: https://www.example.com",
                acao(get(good, "/b/", "Origin: https://www.example.com\r\n")));
        assertEquals(200, status(get(good, "/files/secret.txt", "Referer: https://www.example.com/page\r\n")));
    }

    /**
     * Not reported: with {@code $0} an Origin regex open at the end sends back only the matched
     * part, which is not the attacker's origin, and {@code %{Origin}i} is not the Origin at all.
     */
    @Test
    void weakOriginRegexWithTheMatchedPartOnly_sendsAnOriginTheBrowserRefuses() {
        String conf = """
                DocumentRoot "@DIR@/www"
                SetEnvIf Origin "^https://(www\\.)?example\\.com" CORS=$0
                Header always set Access-Control-Allow-Origin "%{CORS}e" env=CORS
                Header always set X-Origin-Via-I "%{Origin}i" env=CORS
                """;
        assertTrue(lint(Dialect.APACHE, conf).isEmpty(), () -> lint(Dialect.APACHE, conf).toString());
        ApacheProcess a = apache(conf, "setenvif", "headers");
        String r = get(a, "/", "Origin: https://example.com.evil.test\r\n");
        assertEquals("Access-Control-Allow-Origin: https://example.com", acao(r), r);
        assertTrue(headers(r).stream().anyMatch(h -> h.matches("X-Origin-Via-I: i=-?\\d+")), r);
    }

    // ---- SEC211 first VirtualHost answers unknown Hosts (Apache twin of SEC121) ----

    static final String TWO_VHOSTS = """
            <VirtualHost *:@PORT@>
                ServerName app.example
                ProxyPass / http://127.0.0.1:@BACKEND_PORT@/
            </VirtualHost>
            <VirtualHost *:@PORT@>
                ServerName other.example
                DocumentRoot "@DIR@/www"
                <Directory "@DIR@/www">
                    Require all granted
                </Directory>
            </VirtualHost>
            """;
    static final String VHOST_CATCH_ALL = """
            <VirtualHost *:@PORT@>
                ServerName invalid
                Redirect 404 /
            </VirtualHost>
            """;

    @Test
    void implicitDefaultVhost_aForeignHostReachesTheFirstSite_untilACatchAllTakesOver() {
        String[] mods = {"proxy", "proxy_http", "alias"};
        List<Finding> fs = lint(Dialect.APACHE, TWO_VHOSTS);
        assertEquals(List.of("SEC211"), SecCasesE2ETest.ids(fs));
        ApacheProcess bad = apache(TWO_VHOSTS, mods);
        String r = request(bad, "/x", "unknown.test", "");
        assertEquals(200, status(r), r);
        assertTrue(body(r).startsWith("BACKEND target=/x host=127.0.0.1:"), r);
        assertEquals("INDEX\n", body(request(bad, "/index.html", "other.example", "")));

        // the Good of the doc: a catch-all first (proxylint offers no automatic fix)
        String good = VHOST_CATCH_ALL + TWO_VHOSTS;
        assertTrue(lint(Dialect.APACHE, good).isEmpty(), () -> lint(Dialect.APACHE, good).toString());
        ApacheProcess fixed = apache(good, mods);
        String u = request(fixed, "/x", "unknown.test", "");
        assertEquals(404, status(u), u);
        assertFalse(body(u).contains("BACKEND"), u);
        assertTrue(body(request(fixed, "/x", "app.example", "")).startsWith("BACKEND target=/x"));
        assertEquals("INDEX\n", body(request(fixed, "/index.html", "other.example", "")));
    }

    // ---- SEC133 try_files and proxy_pass in one location ----

    static final String TRY_FILES_PROXY = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    root @DIR@/www;
                    location / {
                        try_files $uri $uri/ =404;
                        proxy_pass http://127.0.0.1:@BACKEND_PORT@;
                    }
                    location /c/ {
                        try_files $uri /index.html;
                        proxy_pass http://127.0.0.1:@BACKEND_PORT@;
                    }
                    location /d/ {
                        try_files $uri @app;
                    }
                    location @app {
                        proxy_pass http://127.0.0.1:@BACKEND_PORT@;
                    }
                }
            """);

    @Test
    void tryFilesWithProxyPass_proxiesFilesOnDiskAndAnswersTheRestItself_whileANamedFallbackServesThem() {
        List<Finding> fs = lint(Dialect.NGINX, TRY_FILES_PROXY);
        assertEquals(List.of("SEC133", "SEC133"), SecCasesE2ETest.ids(fs));
        NginxProcess n = NginxProcess.create(tmp).fullConfig(TRY_FILES_PROXY)
                .var("BACKEND_PORT", Integer.toString(backend.getAddress().getPort()));
        n.file("www/index.html", "STATIC\n").file("www/c/s.txt", "SC\n").file("www/d/s.txt", "SD\n");
        started.add(n);
        n.start();
        // flagged: a file on disk is proxied, not served; any other path gets 404 and never reaches the backend
        String file = get(n, "/index.html", "");
        assertTrue(body(file).startsWith("BACKEND target=/index.html"), file);
        String route = get(n, "/app/route", "");
        assertEquals(404, status(route), route);
        assertFalse(body(route).contains("BACKEND"), route);
        // flagged: a URI fallback sends every route to the backend as that one URI
        assertTrue(body(get(n, "/c/s.txt", "")).startsWith("BACKEND target=/c/s.txt"));
        assertTrue(body(get(n, "/c/route", "")).startsWith("BACKEND target=/index.html"));
        // not flagged: files from disk, the rest through the named location
        assertEquals("SD\n", body(get(n, "/d/s.txt", "")));
        assertTrue(body(get(n, "/d/route", "")).startsWith("BACKEND target=/d/route"));
    }

    // ---- SEC201 ProxyRequests On: an open forward proxy unless a <Proxy *> section restricts it ----

    @Test
    void forwardProxy_relaysAnAbsoluteUrl_unlessAProxySectionForEveryUrlRestrictsIt() {
        String[] mods = {"proxy", "proxy_http", "authz_host"};
        String url = "http://127.0.0.1:" + backend.getAddress().getPort() + "/fwd";
        String open = "ProxyRequests On\n";
        assertEquals(List.of("SEC201"), ids(Dialect.APACHE, open));
        String r = get(apache(open, mods), url, "");
        assertEquals(200, status(r), r);
        assertTrue(body(r).startsWith("BACKEND target=/fwd"), r);

        // a guard that grants everyone, or one for some URLs only, leaves the proxy open
        String granted = "ProxyRequests On\n<Proxy \"*\">\n    Require all granted\n</Proxy>\n";
        assertEquals(List.of("SEC201"), ids(Dialect.APACHE, granted));
        assertTrue(body(get(apache(granted, mods), url, "")).startsWith("BACKEND target=/fwd"));
        String partial = "ProxyRequests On\n<Proxy \"http://internal.example/*\">\n    Require ip 192.0.2.1\n</Proxy>\n";
        assertEquals(List.of("SEC201"), ids(Dialect.APACHE, partial));
        assertTrue(body(get(apache(partial, mods), url, "")).startsWith("BACKEND target=/fwd"));

        // a restricted forward proxy: 127.0.0.1 is not on the list, so it is refused and nothing is relayed
        for (String guard : new String[] {"<Proxy \"*\">\n    Require ip 192.0.2.1\n</Proxy>\n",
            "<ProxyMatch \"^http\">\n    Require ip 192.0.2.1\n</ProxyMatch>\n"}) {
            String guarded = "ProxyRequests On\n" + guard;
            assertEquals(List.of(), ids(Dialect.APACHE, guarded), guarded);
            String d = get(apache(guarded, mods), url, "");
            assertEquals(403, status(d), d);
            assertFalse(body(d).contains("BACKEND"), d);
        }
    }

    // ---- no Apache twin of SEC103: httpd takes the host of an absolute request line into Host ----

    @Test
    void apachePreserveHost_sendsTheRequestLinesHost_notTheClientsHeader_soThereIsNoTwinOfSec103() {
        String conf = VHOST_CATCH_ALL + """
                <VirtualHost *:@PORT@>
                    ServerName app.example
                    ProxyPreserveHost On
                    ProxyPass / http://127.0.0.1:@BACKEND_PORT@/
                </VirtualHost>
                """;
        assertEquals(List.of(), ids(Dialect.APACHE, conf));
        ApacheProcess a = apache(conf, "proxy", "proxy_http", "alias");
        // what nginx forwards as $http_host (SEC103): the header, although the request line named app.example
        String r = request(a, "http://app.example/x", "evil.example", "");
        assertEquals(200, status(r), r);
        assertEquals("BACKEND target=/x host=app.example\n", body(r), r);
        assertEquals("BACKEND target=/x host=app.example\n", body(request(a, "/x", "app.example", "")));
    }

    // ---- SEC212 DocumentRoot / (Apache twin of SEC110) ----

    @Test
    void documentRootSlash_servesEtcPasswd_unlessTheRootDirectoryIsDenied() throws IOException {
        String granted = "DocumentRoot /\n<Directory />\n    Require all granted\n</Directory>\n";
        assertEquals(List.of("SEC212"), ids(Dialect.APACHE, granted));
        ApacheProcess bad = apache(granted);
        String passwd = get(bad, "/etc/passwd", "");
        assertEquals(200, status(passwd), passwd);
        assertTrue(body(passwd).startsWith("root:"), passwd);

        // no <Directory /> at all: httpd's default grants; the whole configuration (with its
        // LoadModule lines, as the harness wrote it) is flagged, the body alone is a snippet
        String bare = "DocumentRoot /\n";
        assertTrue(lint(Dialect.APACHE, bare).isEmpty());
        ApacheProcess open = apache(bare);
        String whole = java.nio.file.Files.readString(open.configFile());
        assertEquals(List.of("SEC212"), ids(Dialect.APACHE, whole), whole);
        String p2 = get(open, "/etc/passwd", "");
        assertEquals(200, status(p2), p2);
        assertTrue(body(p2).startsWith("root:"), p2);

        // Debian's guard: the root denied
        String denied = granted.replace("Require all granted", "Require all denied");
        assertTrue(lint(Dialect.APACHE, denied).isEmpty());
        ApacheProcess closed = apache(denied);
        assertEquals(403, status(get(closed, "/etc/passwd", "")));
        assertEquals(List.of(), ids(Dialect.APACHE, java.nio.file.Files.readString(closed.configFile())));
    }

    // ---- no Apache twin of SEC105: mod_headers merges the outer Header lines into inner sections ----

    @Test
    void apacheHeaderInAnInnerSection_keepsTheOuterHeaders_soThereIsNoTwinOfSec105() {
        String conf = """
                DocumentRoot "@DIR@/www"
                <Directory "@DIR@/www">
                    Require all granted
                </Directory>
                Header always set X-Frame-Options DENY
                Header always set X-Content-Type-Options nosniff
                <Location /files/>
                    Header always set Cache-Control no-store
                </Location>
                <Location /index.html>
                    Header always set X-Frame-Options SAMEORIGIN
                </Location>
                <VirtualHost *:@PORT@>
                    ServerName vhost.example
                    DocumentRoot "@DIR@/www"
                    Header always set Referrer-Policy no-referrer
                    <Directory "@DIR@/www/files">
                        Header always set X-Dir yes
                    </Directory>
                </VirtualHost>
                """;
        assertTrue(lint(Dialect.APACHE, conf).stream().noneMatch(f -> f.ruleId().equals("SEC105")));
        ApacheProcess a = apache(conf, "headers");
        // the main server: the Location's own header is added to the outer two, not put in their place
        List<String> files = headers(request(a, "/files/secret.txt", "other.example", ""));
        assertTrue(files.containsAll(List.of("X-Frame-Options: DENY", "X-Content-Type-Options: nosniff",
                "Cache-Control: no-store")), files::toString);
        // an inner set of the same header replaces only that header
        List<String> index = headers(request(a, "/index.html", "other.example", ""));
        assertTrue(index.contains("X-Frame-Options: SAMEORIGIN") && !index.contains("X-Frame-Options: DENY")
                && index.contains("X-Content-Type-Options: nosniff"), index::toString);
        // a virtual host with Header lines of its own still gets the main server's, its Directory
        // section adds to both, and the main server's Location applies there too
        List<String> v = headers(request(a, "/files/secret.txt", "vhost.example", ""));
        assertTrue(v.containsAll(List.of("X-Frame-Options: DENY", "X-Content-Type-Options: nosniff",
                "Referrer-Policy: no-referrer", "X-Dir: yes", "Cache-Control: no-store")), v::toString);
    }

    // ---- no Apache twin of WS111: a WebSocket ProxyPass named with a slash does not redirect ----

    @Test
    void apacheWebSocketRouteWithASlash_answersTheBareName404_noRedirect() throws IOException {
        try (WsEchoBackend ws = WsEchoBackend.start()) {
            ApacheProcess alone = ApacheProcess.create(tmp).backend(ws).modules("proxy", "proxy_http")
                    .body("ProxyPass /ws/ ws://@BACKEND@/ws/\n");
            started.add(alone);
            alone.start();
            WsOutcome bare = WsOutcome.attempt(ws, alone.port(), "/ws", "bare");
            assertEquals("404 (backend: not reached)", bare.summary(), bare::toString);
            assertFalse(bare.clientHead().toLowerCase(java.util.Locale.ROOT).contains("\r\nlocation:"), bare::toString);
            WsOutcome slash = WsOutcome.attempt(ws, alone.port(), "/ws/", "slash");
            assertEquals("101 echo", slash.summary(), slash::toString);
            String plain = SecCasesE2ETest.get(alone, "/ws");
            assertEquals(404, status(plain), plain);

            // with a catch-all ProxyPass behind it, the bare name goes there as a plain request
            ApacheProcess behind = ApacheProcess.create(tmp).backend(ws).modules("proxy", "proxy_http")
                    .body("ProxyPass /ws/ ws://@BACKEND@/ws/\nProxyPass / http://@BACKEND@/\n");
            started.add(behind);
            behind.start();
            WsOutcome b = WsOutcome.attempt(ws, behind.port(), "/ws", "behind");
            assertEquals(400, b.status(), b::toString);
            assertEquals("GET /ws HTTP/1.1", b.backendRequestLine(), b::toString);
        }
    }

    // ---- SEC214 unanchored handler extension (Apache twin of SEC114) ----

    static final String CGI_SCRIPT = "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\nEXECUTED\\n'\n";

    /** A CGI-enabled document root whose upload directory holds x.cgi.jpg (an executable shell script). */
    static ApacheProcess cgiServer(String handlerLines) throws IOException {
        String body = """
                TypesConfig "@DIR@/mime.types"
                ScriptSock "@DIR@/tmp/cgid.sock"
                DocumentRoot "@DIR@/www"
                <Directory "@DIR@/www">
                    Options +ExecCGI
                    Require all granted
                </Directory>
                """ + handlerLines;
        ApacheProcess a = ApacheProcess.create(tmp).modules("cgid", "mime").body(body)
                .file("mime.types", "image/jpeg jpg\n").file("www/up/x.cgi.jpg", CGI_SCRIPT)
                .file("www/up/run.cgi", CGI_SCRIPT);
        started.add(a);
        a.writeConfig();
        for (String f : List.of("www/up/x.cgi.jpg", "www/up/run.cgi")) {
            java.nio.file.Files.setPosixFilePermissions(a.dir().resolve(f),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return a.start();
    }

    @Test
    void unanchoredHandler_runsTheUploadedImage_untilTheFixAnchorsIt() throws IOException {
        for (String handler : List.of("<FilesMatch \"\\.cgi\">\n    SetHandler cgi-script\n</FilesMatch>\n",
                "AddHandler cgi-script .cgi\n")) {
            List<Finding> fs = lint(Dialect.APACHE, handler);
            assertEquals(List.of("SEC214"), SecCasesE2ETest.ids(fs), handler);
            ApacheProcess bad = cgiServer(handler);
            String img = get(bad, "/up/x.cgi.jpg", "");
            assertEquals(200, status(img), img);
            // CGI output may come chunked: look for the program's output, not for its source
            assertTrue(body(img).contains("EXECUTED") && !body(img).contains("#!/bin/sh"), "the image is run: " + img);

            String fixedText = SecCasesE2ETest.fixed(handler, fs);
            assertTrue(lint(Dialect.APACHE, fixedText).isEmpty(), fixedText);
            ApacheProcess fixed = cgiServer(fixedText);
            String after = get(fixed, "/up/x.cgi.jpg", "");
            assertEquals(200, status(after), after);
            assertEquals(CGI_SCRIPT, body(after), "the fixed config sends the file instead: " + fixedText);
            // the real script still runs
            String run = get(fixed, "/up/run.cgi", "");
            assertTrue(body(run).contains("EXECUTED") && !body(run).contains("#!/bin/sh"), fixedText + run);
        }
    }
}
