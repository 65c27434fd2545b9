package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.syntax.Dialect;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the regex and rewrite SEC rules (SEC112 and up) claim, on real nginx: each config text is
 * linted in-process, then run on nginx 1.22 as the test's own process on 127.0.0.1. Where the hole
 * is a memory-safety bug of older nginx that Debian's build has patched, the test shows the
 * patched behaviour (the claim depends on the build, which is why those rules are warnings). A
 * small in-process backend answers with the path it received.
 */
class SecRegexE2ETest {
    @TempDir
    static Path tmp;
    private static HttpServer echo;
    private static final List<ServerProcess<?>> started = new ArrayList<>();

    @BeforeAll
    static void backends() throws IOException {
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        echo.createContext("/", ex -> {
            String q = ex.getRequestURI().getRawQuery();
            String inj = ex.getRequestHeaders().getFirst("X-Injected");
            String body = "BACKEND path=" + ex.getRequestURI().getRawPath() + (q == null ? "" : " query=" + q)
                    + (inj == null ? "" : " injected=" + inj) + "\n";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        echo.start();
    }

    @AfterAll
    static void stopAll() {
        for (ServerProcess<?> s : started) {
            s.stop();
        }
        if (echo != null) {
            echo.stop(0);
        }
    }

    // ---- lint in-process ----

    static List<Finding> lint(String text) {
        return lint(text, null);
    }

    static List<Finding> lint(String text, String nginxVersion) {
        return SecCasesE2ETest.lintIn(tmp, Dialect.NGINX, text, nginxVersion, null);
    }

    static List<String> ids(List<Finding> fs) {
        return SecCasesE2ETest.ids(fs);
    }

    static String fixed(String text, List<Finding> fs) {
        return SecCasesE2ETest.fixed(text, fs);
    }

    // ---- real nginx ----

    static String nginxConfig(String httpBody) {
        return SecCasesE2ETest.nginxConfig(httpBody);
    }

    static NginxProcess nginx(String full) {
        NginxProcess n = NginxProcess.create(tmp).fullConfig(full);
        n.var("ECHO", "127.0.0.1:" + echo.getAddress().getPort());
        started.add(n);
        return n.start();
    }

    /** One raw HTTP/1.1 request (Connection: close); the whole response, bounded by a 5 s read timeout. */
    /** A raw request with Host 127.0.0.1 and extra header lines (SecCasesE2ETest's client). */
    static String request(int port, String target, String extraHeaders) {
        return SecCasesE2ETest.request(port, target, "127.0.0.1", extraHeaders);
    }

    static String get(ServerProcess<?> s, String target) {
        return SecCasesE2ETest.get(s, target);
    }

    static int status(String response) {
        return SecCasesE2ETest.status(response);
    }

    static List<String> headers(String response) {
        return SecCasesE2ETest.headers(response);
    }

    static String header(String response, String name) {
        for (String h : headers(response)) {
            int c = h.indexOf(':');
            if (c > 0 && h.substring(0, c).equalsIgnoreCase(name)) {
                return h.substring(c + 1).trim();
            }
        }
        return null;
    }

    static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
    }

    static boolean workerCrashed(NginxProcess n) {
        return n.errorLogText().contains("exited on signal");
    }

    // ---- SEC112 / SEC113: rewrite memory-safety bugs of older nginx ----

    static final String PLUS = "+".repeat(3000);

    static final String RIFT = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /a/ {
                        rewrite ^(.*)$ /new?c=1;
                        set $v $1;
                        return 200 "[$v]";
                    }
                    location /go/ {
                        rewrite ^/go/((.*))$ https://example.com/$1?from=$2 redirect;
                    }
                }
            """);

    // ---- SEC114 and fastcgi_split_path_info ----

    @Test
    void unanchoredPhpLocation_withASplitAtTheExtension_namesOnlyPhpFilesAsTheScript() {
        String split = """
                    server {
                        listen 127.0.0.1:@PORT@;
                        location ~ ^(.+\\.php)(.*)$ {
                            fastcgi_split_path_info ^(.+\\.php)(.*)$;
                            fastcgi_pass 127.0.0.1:9;
                        }
                    }
                """;
        assertEquals(List.of(), ids(lint(nginxConfig(split))));
        String noSplit = split.replace("fastcgi_split_path_info ^(.+\\.php)(.*)$;", "");
        assertEquals(List.of("SEC114"), ids(lint(nginxConfig(noSplit))));
        // what PHP would be asked to run: nginx's own variables, answered instead of passed on
        NginxProcess n = nginx(nginxConfig(split.replace("fastcgi_pass 127.0.0.1:9;",
                "return 200 \"script=$fastcgi_script_name info=$fastcgi_path_info\";")));
        assertEquals("script=/up/x.php info=.jpg", SecCasesE2ETest.body(request(n.port(), "/up/x.php.jpg", "")));
        assertEquals("script=/a.php info=x", SecCasesE2ETest.body(request(n.port(), "/a.phpx", "")));
        NginxProcess bare = nginx(nginxConfig(noSplit.replace("fastcgi_pass 127.0.0.1:9;",
                "return 200 \"script=$fastcgi_script_name\";")));
        assertEquals("script=/up/x.php.jpg", SecCasesE2ETest.body(request(bare.port(), "/up/x.php.jpg", "")));
    }

    @Test
    void rewriteMemoryBugs_areFlaggedUnlessTheVersionIsFixed_andDebiansPatchedBuildServesThemCorrectly() {
        assertEquals(List.of("SEC112", "SEC113"), ids(lint(RIFT)));
        assertEquals(List.of("SEC112", "SEC113"), ids(lint(RIFT, "1.30.0")));
        assertEquals(List.of("SEC113"), ids(lint(RIFT, "1.31.0")));
        assertEquals(List.of(), ids(lint(RIFT, "1.30.2")));
        assertEquals(List.of(), ids(lint(RIFT, "1.31.1")));

        // Debian's 1.22.1 carries both fixes (CVE-2026-42945, CVE-2026-9256): on an unpatched
        // 1.30.0 (built with AddressSanitizer) these two requests overflow the worker's heap.
        NginxProcess n = nginx(RIFT);
        String a = get(n, "/a/x" + PLUS);
        assertEquals(200, status(a), a);
        assertTrue(body(a).equals("[/a/x" + PLUS + "]"), () -> "body of " + body(a).length() + " characters");
        String go = get(n, "/go/" + PLUS);
        assertEquals(302, status(go), go);
        // the whole target, both copies: the path part unescaped again, the argument escaped
        String want = "https://example.com/" + PLUS + "?from=" + "%2B".repeat(PLUS.length());
        assertTrue(want.equals(header(go, "Location")), () -> "Location has " + String.valueOf(header(go, "Location")).length()
                + " characters, expected " + want.length());
        assertEquals(200, status(get(n, "/a/again")));
        assertFalse(workerCrashed(n), n::errorLogText);
        assertTrue(n.isAlive());
    }

    // ---- SEC114 unanchored regex location ----

    static final String UNANCHORED = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    root @DIR@/www;
                    location ~ \\.php {
                        proxy_pass http://@ECHO@;
                    }
                }
            """);
    static final String ANCHORED_PATH_INFO = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    root @DIR@/www;
                    location ~ ^(.+\\.php)(/|$) {
                        proxy_pass http://@ECHO@;
                    }
                }
            """);

    @Test
    void unanchoredRegexLocation_sendsOtherPathsToTheBackend_untilTheFixAnchorsIt() {
        List<Finding> fs = lint(UNANCHORED);
        assertEquals(List.of("SEC114"), ids(fs));
        NginxProcess bad = nginx(UNANCHORED);
        for (String p : List.of("/x.php", "/a.phpx", "/up/x.php.jpg", "/x.php/anything")) {
            assertEquals("BACKEND path=" + p + "\n", body(get(bad, p)), p);
        }

        String fixedText = fixed(UNANCHORED, fs);
        assertTrue(fixedText.contains("location ~ \\.php$ {"), fixedText);
        assertTrue(lint(fixedText).isEmpty(), fixedText);
        NginxProcess good = nginx(fixedText);
        assertEquals("BACKEND path=/x.php\n", body(get(good, "/x.php")));
        for (String p : List.of("/a.phpx", "/up/x.php.jpg", "/x.php/anything")) {
            String r = get(good, p);
            assertEquals(404, status(r), p + ": " + r);
            assertFalse(body(r).contains("BACKEND"), p);
        }

        assertTrue(lint(ANCHORED_PATH_INFO).isEmpty());
        NginxProcess pathInfo = nginx(ANCHORED_PATH_INFO);
        assertEquals("BACKEND path=/x.php/info\n", body(get(pathInfo, "/x.php/info")));
        for (String p : List.of("/a.phpx", "/up/x.php.jpg")) {
            assertEquals(404, status(get(pathInfo, p)), p);
        }
    }

    // ---- SEC115 valid_referers none ----

    static final String REFERER_NONE = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    server_name img.example.com;
                    location /images/ {
                        valid_referers none blocked server_names *.example.com;
                        if ($invalid_referer) {
                            return 403;
                        }
                        return 200 "image\\n";
                    }
                }
            """);

    @Test
    void refererNone_letsARequestWithoutReferer_throughTheCheck_andWithoutNoneItIsRefused() {
        assertEquals(List.of("SEC115"), ids(lint(REFERER_NONE)));
        NginxProcess bad = nginx(REFERER_NONE);
        String evil = "Referer: https://evil.test/page\r\n";
        String own = "Referer: https://img.example.com/gallery\r\n";
        assertEquals(403, status(request(bad.port(), "/images/a.png", evil)));
        assertEquals(200, status(request(bad.port(), "/images/a.png", own)));
        // what a no-referrer page on evil.test makes the browser send: no Referer at all
        String none = request(bad.port(), "/images/a.png", "");
        assertEquals(200, status(none), none);
        assertEquals("image\n", body(none));
        // blocked only admits a Referer without a scheme, which browsers never send
        assertEquals(200, status(request(bad.port(), "/images/a.png", "Referer: evil.test\r\n")));

        String strict = REFERER_NONE.replace("valid_referers none blocked ", "valid_referers ");
        assertTrue(lint(strict).isEmpty(), () -> lint(strict).toString());
        NginxProcess good = nginx(strict);
        assertEquals(403, status(request(good.port(), "/images/a.png", "")));
        assertEquals(403, status(request(good.port(), "/images/a.png", evil)));
        assertEquals(200, status(request(good.port(), "/images/a.png", own)));
    }

    // ---- SEC116 proxy_pass with the decoded URI ----

    static final String DECODED = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /a/ {
                        proxy_pass http://@ECHO@$uri$is_args$args;
                    }
                    location ~ ^/api/(.*)$ {
                        proxy_pass http://@ECHO@/v1/$1;
                    }
                }
            """);
    static final String DECODED_SAFE = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /v/ {
                        proxy_pass http://@ECHO@/v1/;
                    }
                    location ~ ^/p/([A-Za-z0-9/._-]+)$ {
                        proxy_pass http://@ECHO@/p/$1;
                    }
                }
            """);

    @Test
    void proxyPassWithDecodedUri_letsTheClientReshapeTheUpstreamRequest_untilTheFixDropsTheUriPart() {
        List<Finding> fs = lint(DECODED);
        assertEquals(List.of("SEC116", "SEC116"), ids(fs));
        assertEquals(List.of(Level.ERROR, Level.WARNING), fs.stream().map(Finding::level).toList());
        NginxProcess bad = nginx(DECODED);
        String split = "/a/x%20HTTP/1.0%0d%0aX-Injected:%20yes%0d%0aX-Pad:%20p";
        String r = get(bad, split);
        assertTrue(body(r).contains("injected=yes"), r);
        assertEquals("BACKEND path=/v1/a query=admin=1\n", body(get(bad, "/api/a%3Fadmin=1")));

        String fixedText = fixed(DECODED, fs);
        assertEquals(List.of("SEC116"), ids(lint(fixedText)), fixedText); // the capture has no mechanical fix
        NginxProcess good = nginx(fixedText);
        String g = get(good, split);
        assertFalse(body(g).contains("injected="), g);
        assertEquals("BACKEND path=/a/b%3Fadmin=1 query=x=1\n", body(get(good, "/a/b%3Fadmin=1?x=1")));

        assertTrue(lint(DECODED_SAFE).isEmpty(), () -> lint(DECODED_SAFE).toString());
        NginxProcess safe = nginx(DECODED_SAFE);
        assertEquals("BACKEND path=/v1/a%3Fadmin=1\n", body(get(safe, "/v/a%3Fadmin=1")));
        assertFalse(body(get(safe, "/v/x%20HTTP/1.0%0d%0aX-Injected:%20yes%0d%0aX-Pad:%20p")).contains("injected="));
        assertEquals(404, status(get(safe, "/p/a%3Fadmin=1")));
    }

    // ---- SEC117 line breaks in header values ----

    static final String MULTILINE = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location / {
                        add_header X-Multi "a
             b";
                        add_header X-Escaped "a\\nSet-Cookie: injected=1";
                        return 200 "ok\\n";
                    }
                }
            """);

    @Test
    void lineBreakInAHeaderValue_isSentAsABareLineFeed_untilTheFixPutsItOnOneLine() {
        List<Finding> fs = lint(MULTILINE);
        assertEquals(List.of("SEC117", "SEC117"), ids(fs));
        String r = get(nginx(MULTILINE), "/");
        String head = r.substring(0, r.indexOf("\r\n\r\n"));
        assertTrue(head.contains("X-Multi: a\n b\r\n"), head);
        // a client that ends header lines at LF (as curl does) sees a Set-Cookie the config never meant
        assertTrue(List.of(head.split("\r?\n")).contains("Set-Cookie: injected=1"), head);

        String fixedText = fixed(MULTILINE, fs);
        assertTrue(lint(fixedText).isEmpty(), fixedText);
        String g = get(nginx(fixedText), "/");
        String ghead = g.substring(0, g.indexOf("\r\n\r\n"));
        assertFalse(ghead.replace("\r\n", "").contains("\n"), ghead);
        assertEquals("a b", header(g, "X-Multi"));
        assertEquals("a Set-Cookie: injected=1", header(g, "X-Escaped"));
        assertEquals(null, header(g, "Set-Cookie"));
    }
}
