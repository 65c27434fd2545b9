package dev.proxylint.it;

import static dev.proxylint.it.SecCasesE2ETest.body;
import static dev.proxylint.it.SecCasesE2ETest.fixed;
import static dev.proxylint.it.SecCasesE2ETest.headers;
import static dev.proxylint.it.SecCasesE2ETest.ids;
import static dev.proxylint.it.SecCasesE2ETest.nginxConfig;
import static dev.proxylint.it.SecCasesE2ETest.request;
import static dev.proxylint.it.SecCasesE2ETest.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.syntax.Dialect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the access-control rules claim, on real nginx 1.22 and Apache 2.4: each config is linted
 * in-process, then run on 127.0.0.1 and asked as a client the config means to refuse (127.0.0.1
 * is never in the allow lists, and no request carries credentials). The flagged config lets that
 * client in; the fixed or unflagged variants do not.
 */
class SecAccessE2ETest {
    static final String APACHE_VERSION = "2.4.71";
    @TempDir
    static Path tmp;
    private static final List<ServerProcess<?>> started = new ArrayList<>();

    @AfterAll
    static void stopAll() {
        for (ServerProcess<?> s : started) {
            s.stop();
        }
    }

    static List<Finding> lint(Dialect d, String text) {
        return SecCasesE2ETest.lintIn(tmp, d, text, null, APACHE_VERSION);
    }

    static NginxProcess nginx(String full) {
        NginxProcess n = NginxProcess.create(tmp).fullConfig(full);
        n.file("data/images/a.txt", "image\n").file("data/version.txt", "build from file\n").file("htpasswd", "");
        n.port("B");
        started.add(n);
        return n.start();
    }

    static ApacheProcess apache(String body, String... modules) {
        ApacheProcess a = ApacheProcess.create(tmp).modules(modules).body(body);
        a.file("data/images/a.txt", "image\n");
        started.add(a);
        return a.start();
    }

    static String get(ServerProcess<?> s, String target) {
        return request(s.port(), target, "127.0.0.1");
    }

    static String getB(NginxProcess s, String target) {
        return request(s.port("B"), target, "127.0.0.1");
    }

    // ---- SEC130 return before the access phase ----

    static final String RETURN = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /version {
                        allow 10.0.0.0/8;
                        deny all;
                        return 200 "build 4711\\n";
                    }
                    location /staff {
                        auth_basic "staff";
                        auth_basic_user_file @DIR@/htpasswd;
                        return 200 "staff only\\n";
                    }
                    location /debug {
                        deny all;
                        if ($arg_debug) {
                            return 200 "debug dump\\n";
                        }
                        alias @DIR@/data/version.txt;
                    }
                    location /old {
                        deny all;
                        return 302 /new;
                    }
                }
                server {
                    listen 127.0.0.1:@PORT_B@;
                    deny all;
                    location /x {
                        return 200 "inherited deny\\n";
                    }
                }
            """);
    static final String RETURN_SAFE = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /version {
                        allow 10.0.0.0/8;
                        deny all;
                        alias @DIR@/data/version.txt;
                    }
                    location /staff {
                        auth_basic "staff";
                        auth_basic_user_file @DIR@/htpasswd;
                        alias @DIR@/data/version.txt;
                    }
                    location /refused {
                        deny all;
                        return 403;
                    }
                    location /preflight {
                        deny all;
                        return 204;
                    }
                    location /files/ {
                        deny all;
                        rewrite ^/files/(.*)$ /images/$1 break;
                        root @DIR@/data;
                    }
                }
                server {
                    listen 127.0.0.1:@PORT_B@;
                    deny all;
                    location /x {
                        alias @DIR@/data/version.txt;
                    }
                }
            """);

    @Test
    void returnBeforeAccess_servesDeniedClients_andFilesBehindTheSameCheckAreRefused() {
        List<Finding> fs = lint(Dialect.NGINX, RETURN);
        assertEquals(List.of("SEC130", "SEC130", "SEC130", "SEC130", "SEC130"), ids(fs), fs::toString);
        assertEquals(List.of(Level.ERROR, Level.ERROR, Level.ERROR, Level.NOTE, Level.ERROR),
                fs.stream().sorted(Finding.ORDER).map(Finding::level).toList());
        NginxProcess bad = nginx(RETURN);
        String v = get(bad, "/version");
        assertEquals(200, status(v), v);
        assertEquals("build 4711\n", body(v));
        String staff = get(bad, "/staff");
        assertEquals(200, status(staff), staff);
        assertEquals("staff only\n", body(staff));
        assertEquals("debug dump\n", body(get(bad, "/debug?debug=1")));
        assertEquals(403, status(get(bad, "/debug")), "the same location's file is refused");
        String old = get(bad, "/old");
        assertEquals(302, status(old), old);
        assertTrue(headers(old).stream().anyMatch(h -> h.startsWith("Location: ") && h.endsWith("/new")), old);
        String x = getB(bad, "/x");
        assertEquals(200, status(x), x);
        assertEquals("inherited deny\n", body(x));

        assertTrue(lint(Dialect.NGINX, RETURN_SAFE).isEmpty(), () -> lint(Dialect.NGINX, RETURN_SAFE).toString());
        NginxProcess safe = nginx(RETURN_SAFE);
        assertEquals(403, status(get(safe, "/version")));
        assertEquals(401, status(get(safe, "/staff")));
        assertEquals(403, status(get(safe, "/refused")));
        assertEquals(204, status(get(safe, "/preflight")), "a 204 discloses nothing and is not flagged");
        assertEquals(403, status(get(safe, "/files/a.txt")), "rewrite ... break lets the access phase run");
        assertEquals(403, status(getB(safe, "/x")));
    }

    // ---- SEC131 allow without deny ----

    static final String ALLOW = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    deny all;
                    location /y/ {
                        allow 10.1.1.1;
                        alias @DIR@/data/images/;
                    }
                    location /z/ {
                        alias @DIR@/data/images/;
                    }
                }
                server {
                    listen 127.0.0.1:@PORT_B@;
                    location /m/ {
                        allow 10.0.0.0/8;
                        allow 192.0.2.1;
                        alias @DIR@/data/images/;
                    }
                }
            """);
    static final String ALLOW_SAFE = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    location /staff/ {
                        satisfy any;
                        allow 10.0.0.0/8;
                        auth_basic "staff";
                        auth_basic_user_file @DIR@/htpasswd;
                        alias @DIR@/data/images/;
                    }
                    location /lan/ {
                        satisfy any;
                        allow 127.0.0.1;
                        auth_basic "staff";
                        auth_basic_user_file @DIR@/htpasswd;
                        alias @DIR@/data/images/;
                    }
                }
                server {
                    listen 127.0.0.1:@PORT_B@;
                    deny all;
                    location /public/ {
                        allow all;
                        alias @DIR@/data/images/;
                    }
                }
            """);

    @Test
    void allowWithoutDeny_letsEveryoneIn_andReplacesTheServersDeny_untilTheFixAddsDenyAll() {
        List<Finding> fs = lint(Dialect.NGINX, ALLOW);
        assertEquals(List.of("SEC131", "SEC131"), ids(fs), fs::toString);
        NginxProcess bad = nginx(ALLOW);
        assertEquals(403, status(get(bad, "/z/a.txt")), "the server's deny all holds where no own list is");
        String y = get(bad, "/y/a.txt");
        assertEquals(200, status(y), y);
        assertEquals("image\n", body(y));
        assertEquals("image\n", body(getB(bad, "/m/a.txt")));

        String fixedText = fixed(ALLOW, fs);
        assertTrue(lint(Dialect.NGINX, fixedText).isEmpty(), fixedText);
        NginxProcess good = nginx(fixedText);
        assertEquals(403, status(get(good, "/y/a.txt")));
        assertEquals(403, status(getB(good, "/m/a.txt")));

        assertTrue(lint(Dialect.NGINX, ALLOW_SAFE).isEmpty(), () -> lint(Dialect.NGINX, ALLOW_SAFE).toString());
        NginxProcess safe = nginx(ALLOW_SAFE);
        // satisfy any: the allow decides who skips the password, so it is not a no-op
        assertEquals(401, status(get(safe, "/staff/a.txt")));
        assertEquals("image\n", body(get(safe, "/lan/a.txt")));
        assertEquals("image\n", body(getB(safe, "/public/a.txt")));
    }

    // ---- SEC132 try_files skipped by a matching if ----

    static final String TRY_IF = nginxConfig("""
                server {
                    listen 127.0.0.1:@PORT@;
                    root @DIR@/data;
                    location /images/ {
                        try_files $uri /version.txt;
                        if ($arg_x) {
                            add_header X-If 1;
                        }
                    }
                    location ~ \\.php$ {
                        try_files $uri =404;
                        if ($arg_debug) {
                            set $debug 1;
                        }
                        proxy_pass http://127.0.0.1:@PORT_B@;
                    }
                }
                server {
                    listen 127.0.0.1:@PORT_B@;
                    location / {
                        return 200 "BACKEND $uri\n";
                    }
                }
            """);
    static final String TRY_IF_SAFE = nginxConfig("""
                map $arg_debug $debug {
                    default 0;
                    ~.      1;
                }
                server {
                    listen 127.0.0.1:@PORT@;
                    root @DIR@/data;
                    location /images/ {
                        try_files $uri /version.txt;
                        if ($arg_x = deny) {
                            return 403;
                        }
                    }
                    location ~ \\.php$ {
                        try_files $uri =404;
                        proxy_set_header X-Debug $debug;
                        proxy_pass http://127.0.0.1:@PORT_B@;
                    }
                }
                server {
                    listen 127.0.0.1:@PORT_B@;
                    location / {
                        return 200 "BACKEND $uri\n";
                    }
                }
            """);

    @Test
    void ifInTryFilesLocation_skipsTryFiles_soMissingFilesReachTheBackend() {
        List<Finding> fs = lint(Dialect.NGINX, TRY_IF);
        assertEquals(List.of("SEC132", "SEC132"), ids(fs), fs::toString);
        NginxProcess bad = nginx(TRY_IF);
        assertEquals("build from file\n", body(get(bad, "/images/missing")), "the fallback without the if");
        assertEquals(404, status(get(bad, "/images/missing?x=1")), "no fallback when the if matches");
        assertEquals(404, status(get(bad, "/no.php")));
        String leak = get(bad, "/no.php?debug=1");
        assertEquals(200, status(leak), leak);
        assertEquals("BACKEND /no.php\n", body(leak));

        assertTrue(lint(Dialect.NGINX, TRY_IF_SAFE).isEmpty(), () -> lint(Dialect.NGINX, TRY_IF_SAFE).toString());
        NginxProcess safe = nginx(TRY_IF_SAFE);
        assertEquals("build from file\n", body(get(safe, "/images/missing?x=1")));
        assertEquals(403, status(get(safe, "/images/missing?x=deny")));
        assertEquals(404, status(get(safe, "/no.php?debug=1")));
    }

    // ---- Apache twins that do not exist: recorded in SEC101's and SEC102's docs ----

    /** A backend that answers with the X-Echo and X-Injected request headers it received. */
    private static com.sun.net.httpserver.HttpServer echoBackend() throws IOException {
        var s = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 8);
        s.createContext("/", ex -> {
            byte[] b = ("echo=" + ex.getRequestHeaders().getFirst("X-Echo") + " injected="
                    + ex.getRequestHeaders().getFirst("X-Injected") + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (var o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        s.start();
        return s;
    }

    @Test
    void apacheHeaderFromRequestDataInEnv_turnsLineBreaksIntoSpaces_soNoInjection() throws IOException {
        var backend = echoBackend();
        try {
            String conf = """
                    <Location /h>
                        SetEnvIf Request_URI "^/h/(.*)$" ECHO=$1
                        Header always set X-Echo "%{ECHO}e"
                    </Location>
                    <Location /p>
                        SetEnvIf Request_URI "^/p/(.*)$" ECHO=$1
                        RequestHeader set X-Echo "%{ECHO}e"
                        ProxyPass "http://127.0.0.1:@BACKEND_PORT@/p"
                    </Location>
                    """.replace("@BACKEND_PORT@", Integer.toString(backend.getAddress().getPort()));
            assertTrue(lint(Dialect.APACHE, conf).isEmpty(), () -> lint(Dialect.APACHE, conf).toString());
            ApacheProcess a = apache(conf, "setenvif", "headers", "proxy", "proxy_http");
            String crlf = "a%0d%0aX-Injected:%20yes";
            String h = get(a, "/h/" + crlf);
            // Request_URI is decoded, so the variable holds CR LF; mod_headers writes them as blanks
            assertTrue(headers(h).contains("X-Echo: a  X-Injected: yes"), h);
            assertTrue(headers(h).stream().noneMatch(x -> x.startsWith("X-Injected")), h);
            String p = get(a, "/p/" + crlf);
            assertEquals("echo=a  X-Injected: yes injected=null\n", body(p), p);
        } finally {
            backend.stop(0);
        }
    }

    @Test
    void apacheAliasWithSlashOnlyOnTheUrl_doesNotTraverse_butReachesSiblingsByPrefix() {
        String conf = "Alias /i/ @DIR@/data/images\n<Directory @DIR@/data>\n    Require all granted\n</Directory>\n";
        assertTrue(lint(Dialect.APACHE, conf).isEmpty(), () -> lint(Dialect.APACHE, conf).toString());
        ApacheProcess a = ApacheProcess.create(tmp).modules("alias").body(conf);
        a.file("data/images/a.txt", "image\n").file("data/secret.txt", "TOP-SECRET\n")
                .file("data/images.bak/b.txt", "backup\n");
        started.add(a);
        a.start();
        for (String t : List.of("/i/../secret.txt", "/i/..%2fsecret.txt", "/i/%2e%2e/secret.txt", "/i../secret.txt")) {
            String r = request(a.port(), t, "127.0.0.1");
            assertFalse(r.contains("TOP-SECRET"), t + ": " + r);
        }
        // /i/a.txt maps to .../imagesa.txt; what the mismatch reaches is a sibling whose name extends "images"
        assertEquals(404, status(get(a, "/i/a.txt")));
        assertEquals("backup\n", body(get(a, "/i/.bak/b.txt")));
    }

    // ---- SEC207 Satisfy Any with a host check that passes everyone ----

    static final String SATISFY = """
            Alias /admin @DIR@/data/images
            Alias /staff @DIR@/data/images
            Alias /closed @DIR@/data/images
            Alias /inner @DIR@/data/lan
            <Directory @DIR@/data>
                Require all granted
            </Directory>
            <Directory @DIR@/data/lan>
                Order allow,deny
                Allow from 10.0.0.0/8
            </Directory>
            <Location /admin>
                Order allow,deny
                Allow from all
                AuthType Basic
                AuthName "admin"
                AuthUserFile @DIR@/htpasswd
                Require valid-user
                Satisfy Any
            </Location>
            <Location /staff>
                Satisfy Any
                AuthType Basic
                AuthName "staff"
                AuthUserFile @DIR@/htpasswd
                Require valid-user
            </Location>
            <Location /closed>
                Satisfy Any
                Require all denied
            </Location>
            <Location /inner>
                Satisfy Any
                AuthType Basic
                AuthName "inner"
                AuthUserFile @DIR@/htpasswd
                Require valid-user
            </Location>
            """;
    static final String SATISFY_SAFE = """
            Alias /admin @DIR@/data/images
            <Directory @DIR@/data>
                Require all granted
            </Directory>
            <Location /admin>
                Order allow,deny
                Allow from 10.0.0.0/8
                AuthType Basic
                AuthName "admin"
                AuthUserFile @DIR@/htpasswd
                Require valid-user
                Satisfy Any
            </Location>
            """;
    static final String[] AUTH_MODULES = {"alias", "authz_host", "access_compat", "auth_basic", "authn_core",
        "authn_file", "authz_user"};

    static ApacheProcess apacheAuth(String conf) {
        ApacheProcess a = ApacheProcess.create(tmp).modules(AUTH_MODULES).body(conf);
        a.file("data/images/a.txt", "image\n").file("data/lan/a.txt", "lan only\n").file("data/closed/a.txt", "closed\n")
                .file("htpasswd", "");
        started.add(a);
        return a.start();
    }

    @Test
    void satisfyAny_withAHostCheckThatPassesEveryone_skipsRequire_untilTheFixUsesSatisfyAll() {
        List<Finding> fs = lint(Dialect.APACHE, SATISFY);
        assertEquals(List.of("SEC207", "SEC207", "SEC207", "SEC207"), ids(fs), fs::toString);
        ApacheProcess bad = apacheAuth(SATISFY);
        assertEquals("image\n", body(get(bad, "/admin/a.txt")), "Allow from all skips the password");
        assertEquals("image\n", body(get(bad, "/staff/a.txt")), "the defaults of mod_access_compat pass everyone");
        assertEquals("image\n", body(get(bad, "/closed/a.txt")), "even Require all denied is skipped");
        // the Location's own compat settings replace the Directory's Allow from 10.0.0.0/8 whole
        assertEquals("lan only\n", body(get(bad, "/inner/a.txt")));

        String fixedText = fixed(SATISFY, fs);
        assertTrue(lint(Dialect.APACHE, fixedText).isEmpty(), fixedText);
        ApacheProcess good = apacheAuth(fixedText);
        assertEquals(401, status(get(good, "/admin/a.txt")));
        assertEquals(401, status(get(good, "/staff/a.txt")));
        assertEquals(403, status(get(good, "/closed/a.txt")));
        // 401, not 403: the Location's compat settings (Satisfy only) replaced the Directory's Allow list
        assertEquals(401, status(get(good, "/inner/a.txt")));

        assertTrue(lint(Dialect.APACHE, SATISFY_SAFE).isEmpty(), () -> lint(Dialect.APACHE, SATISFY_SAFE).toString());
        assertEquals(401, status(get(apacheAuth(SATISFY_SAFE), "/admin/a.txt")));
    }

    // ---- SEC208 Allow from under Order deny,allow without a Deny ----

    static final String COMPAT_ALLOW = """
            Alias /e @DIR@/data/images
            Alias /inner @DIR@/data/closed
            <Directory @DIR@/data>
                Require all granted
            </Directory>
            <Directory @DIR@/data/closed>
                Order deny,allow
                Deny from all
            </Directory>
            <Location /e>
                Order deny,allow
                Allow from 10.0.0.1
                Require all granted
            </Location>
            <Location /inner>
                Allow from 10.0.0.0/8
            </Location>
            """;

    @Test
    void apacheAllowWithoutDeny_letsEveryoneIn_evenUnderADirectoryDenyAll_untilTheFixAddsDenyFromAll() {
        List<Finding> fs = lint(Dialect.APACHE, COMPAT_ALLOW);
        assertEquals(List.of("SEC208", "SEC208"), ids(fs), fs::toString);
        ApacheProcess bad = apacheAuth(COMPAT_ALLOW);
        assertEquals("image\n", body(get(bad, "/e/a.txt")));
        assertEquals("closed\n", body(get(bad, "/inner/a.txt")), "the Location's own list replaced Deny from all");

        String fixedText = fixed(COMPAT_ALLOW, fs);
        assertTrue(lint(Dialect.APACHE, fixedText).isEmpty(), fixedText);
        ApacheProcess good = apacheAuth(fixedText);
        assertEquals(403, status(get(good, "/e/a.txt")));
        assertEquals(403, status(get(good, "/inner/a.txt")));

        String safe = COMPAT_ALLOW.replace("    Order deny,allow\n    Allow from 10.0.0.1", "    Order allow,deny\n    Allow from 10.0.0.1");
        assertEquals(List.of("SEC208"), ids(lint(Dialect.APACHE, safe)), "only /inner is left");
        assertEquals(403, status(get(apacheAuth(safe), "/e/a.txt")));
    }
}
