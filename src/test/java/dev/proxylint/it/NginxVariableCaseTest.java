package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Finding;
import dev.proxylint.syntax.Dialect;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx folds variable names to lower case, so $Http_Upgrade is $http_upgrade; and a directive that
 * defines a variable may not take a built-in one that nginx keeps fixed (CFG124). Verdicts checked
 * by hand against nginx 1.22.1 (the cases in testdata/nginx/cfg run through real nginx as well).
 */
class NginxVariableCaseTest {
    @TempDir
    Path tmp;

    private List<Finding> lint(String http) {
        return SecCasesE2ETest.lintAll(tmp, Dialect.NGINX, "events {}\nhttp {\n" + http + "\n}\n", "1.22.1", null);
    }

    private static List<String> ids(List<Finding> fs) {
        return SecCasesE2ETest.ids(fs);
    }

    private static final String WS = """
            map $HTTP_UPGRADE $Connection_Upgrade { default upgrade; '' close; }
            server {
                listen 8080;
                location /ws/ {
                    proxy_pass http://127.0.0.1:9000;
                    proxy_http_version 1.1;
                    proxy_set_header Upgrade %s;
                    proxy_set_header Connection %s;
                    proxy_read_timeout 3600s;
                }
            }""";

    /**
     * On a real nginx: $Who, $Tier and $HTTP_X_T are $who, $tier and $http_x_t (nginx answers with
     * the values set under the other spelling); proxylint reports each capitalised name (SEC128),
     * no undefined variable, and its fix changes nothing in the answer.
     */
    @Test
    void realNginxReadsNamesWithoutCaseAndTheFixKeepsTheAnswer() throws Exception {
        ServerSupport.requireBinary(ServerSupport.NGINX);
        String http = """
                map $uri $Tier { default gold; }
                server {
                    listen 127.0.0.1:@PORT@;
                    location / {
                        set $Who caps;
                        return 200 "$who $tier $HTTP_X_T";
                    }
                }
                """;
        String linted = http.replace("@PORT@", "8080");
        List<Finding> fs = lint(linted);
        assertEquals(List.of("SEC128", "SEC128", "SEC128"), ids(fs).stream().filter(i -> i.startsWith("SEC128")
                || i.startsWith("CFG")).toList(), fs.toString());
        String fixed = SecCasesE2ETest.fixed("events {}\nhttp {\n" + linted + "\n}\n", fs).replace("8080", "@PORT@");
        assertFalse(fixed.contains("$Tier") || fixed.contains("$Who") || fixed.contains("$HTTP_X_T"), fixed);
        for (String config : List.of(http, fixed.substring(fixed.indexOf("http {\n") + 7, fixed.lastIndexOf('}')))) {
            try (NginxProcess n = NginxProcess.create(tmp).fullConfig(SecCasesE2ETest.nginxConfig(config)).start()) {
                String r = SecCasesE2ETest.request(n.port(), "/", "127.0.0.1", "X-T: v\r\n");
                assertEquals(200, SecCasesE2ETest.status(r), r);
                assertTrue(r.endsWith("caps gold v"), r);
            }
        }
    }

    @Test
    void mixedCaseNamesAreTheSameVariables() {
        List<String> ids = ids(lint(WS.formatted("$Http_Upgrade", "$connection_upgrade")));
        assertFalse(ids.contains("CFG110"), ids.toString());
        assertFalse(ids.contains("WS101"), "the map in capitals still forwards the upgrade: " + ids);
        assertFalse(ids.contains("WS102"), ids.toString());
        // a real typo is still found
        List<String> typo = ids(lint(WS.formatted("$Http_Upgrade", "$connection_upgrad")));
        assertTrue(typo.contains("CFG110"), typo.toString());
        assertTrue(typo.contains("WS101"), typo.toString());
    }

    @Test
    void unknownVariableMessageUsesNginxsLowerCaseName() {
        List<Finding> fs = lint("server { listen 8080; location / { return 200 \"$Nope\"; } }");
        Finding f = fs.stream().filter(x -> x.ruleId().equals("CFG110")).findFirst().orElseThrow();
        assertTrue(f.message().contains("unknown \"nope\" variable"), f.message());
        assertTrue(f.message().startsWith("Variable $Nope "), f.message());
    }

    @Test
    void sourcesOfMapGeoSplitClientsAndSetValuesAreChecked() {
        assertTrue(ids(lint("map $nope $x { default 1; }")).contains("CFG110"));
        assertTrue(ids(lint("geo $nope $x { default 1; }")).contains("CFG110"));
        assertTrue(ids(lint("split_clients \"${nope}x\" $x { * a; }")).contains("CFG110"));
        assertTrue(ids(lint("server { listen 8080; location / { set $x $nope; return 200 $x; } }")).contains("CFG110"));
        // values of geo and split_clients are plain text; a one-argument geo reads $remote_addr
        assertFalse(ids(lint("split_clients $uri $x { * $lit; } geo $y { default $lit; }")).contains("CFG110"));
    }

    /**
     * set_real_ip_from: a value with a / that is no network makes nginx try it as a host name and
     * refuse ("host not found in set_real_ip_from"); checked by hand on nginx 1.22.1, not in the
     * differential test because nginx would send the name to DNS. A bare name is left alone.
     */
    @Test
    void setRealIpFromWithABadMaskIsRefused() {
        for (String bad : List.of("10.0.0.0/33", "::1/129", "1.2.3.4/x", "a/b")) {
            List<Finding> fs = lint("set_real_ip_from " + bad + ";");
            assertTrue(fs.stream().anyMatch(f -> f.ruleId().equals("CFG123")
                    && f.message().startsWith("host not found in set_real_ip_from \"" + bad + "\"")), bad + " " + fs);
        }
        for (String ok : List.of("10.0.0.0/8", "::1/64", "unix:", "192.168.1.1", "proxy.internal")) {
            List<String> ids = ids(lint("set_real_ip_from " + ok + ";"));
            assertFalse(ids.contains("CFG123"), ok + " " + ids);
        }
    }

    @Test
    void definingAFixedBuiltinVariableIsRefused() {
        for (String bad : List.of("server { listen 8080; location / { set $uri /; return 200; } }",
                "map $uri $Host { default 1; }", "geo $request_uri { default 1; }",
                "server { listen 8080; location ~ ^/(?<REMOTE_ADDR>.*) { return 200; } }",
                "server { listen 8080; server_name ~^(?<host>.+)$; }",
                "map $uri $x { ~^/(?<uri>.+) 1; default 0; }",
                "server { listen 8080; location / { auth_request_set $status 1; } }")) {
            List<Finding> fs = lint(bad);
            long n = fs.stream().filter(f -> f.ruleId().equals("CFG124")
                    && f.message().matches("the duplicate \"[A-Za-z_]+\" variable: .*")).count();
            assertEquals(1, n, bad + " -> " + fs);
        }
        for (String ok : List.of("server { listen 8080; location / { set $args a=1; set $limit_rate 1k; return 200; } }",
                "map $uri $ssl_protocol { default 1; }", "map $uri $http_x_custom { default 1; }",
                "map $uri $msie { default 1; }", "map $uri $geoip_country_code { default 1; }",
                "server { listen 8080; location ~ ^/(?<name>.*) { return 200 $name; } }")) {
            List<String> ids = ids(lint(ok));
            assertFalse(ids.contains("CFG124"), ok + " -> " + ids);
        }
    }
}
