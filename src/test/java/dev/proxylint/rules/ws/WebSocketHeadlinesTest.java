package dev.proxylint.rules.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.report.Headline;
import dev.proxylint.rules.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first sentence of a WebSocket finding stays within 100 characters however long the values
 * it names (location patterns, paths, virtual hosts): long ones are cut, short ones kept whole,
 * and the cut never keeps the sentence from ending.
 */
class WebSocketHeadlinesTest {
    private static final String LONG = "/api/v2/organisations/tenant-services/notifications/live/socket";

    @Test
    void shortValuesAreKeptWhole() {
        assertEquals("Regex location ^/(ws|api)/ shadows WebSocket location /ws/ and does not forward the upgrade.",
                WebSocketWords.headline("Regex location {} shadows WebSocket location {} and does not forward "
                        + "the upgrade.", "^/(ws|api)/", "/ws/"));
    }

    @Test
    void theLongestValueIsCutFirst() {
        String h = WebSocketWords.headline("ProxyPass {} in {} is never used: main-server ProxyPass {} comes first.",
                "/ws", "<VirtualHost 10.0.0.1:443 10.0.0.2:443 [2001:db8::1]:443>", "/");
        String first = Headline.first(h);
        assertEquals(100, first.length(), first);
        assertTrue(first.startsWith("ProxyPass /ws in <VirtualHost 1"), first);
        assertTrue(first.endsWith("<VirtualHost 1...1:db8::1]:443> is never used: main-server ProxyPass / comes first."), first);
        assertEquals("In full: <VirtualHost 10.0.0.1:443 10.0.0.2:443 [2001:db8::1]:443>.",
                h.substring(first.length() + 1));
    }

    @Test
    void cutKeepsWholeCharacters() {
        assertEquals("abcdefgh", WebSocketWords.cut("abcdefgh", 8));
        assertEquals("abc...gh", WebSocketWords.cut("abcdefghi-gh", 8));
        assertEquals("/api/v2/o...ocket/ws/", WebSocketWords.cut(LONG + "/ws/", 21));
        assertEquals("a...\uD83D\uDE00", WebSocketWords.cut("a\uD83D\uDE00bcdefg\uD83D\uDE00", 7));
    }

    @Test
    void nginxHeadlinesStayShortWithALongLocation(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("nginx/ws/long.conf");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                events {}
                http {
                    server {
                        proxy_set_header Upgrade $http_upgrade;
                        location %s/ {
                            proxy_http_version 1.0;
                            proxy_set_header Upgrade websocket;
                            proxy_set_header Connection "";
                            proxy_pass http://b;
                        }
                        location ~ ^%s/(chat|feed|events|presence|typing)/ { proxy_pass http://b; }
                    }
                }
                """.formatted(LONG, LONG));
        assertShortHeadlines(CaseFile.read(f).lint().findings(), "WS102", "WS108", "WS109", "WS111");
    }

    @Test
    void apacheHeadlinesStayShortWithALongPath(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("apache/ws/long.conf");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                <VirtualHost 10.0.0.1:443 10.0.0.2:443 [2001:db8::1]:443>
                    ProxyPass %s/ http://127.0.0.1:8080%s
                    ProxyPass %s/socket/ws/ http://127.0.0.1:8080/ws/
                    RewriteCond %%{HTTP:Connection} (^|,\\s*)upgrade(\\s*,|$|;|\\s+keep-alive)
                    RewriteRule ^/live/(.*) ws://127.0.0.1:8080/live/$1 [P,L]
                </VirtualHost>
                """.formatted(LONG, LONG, LONG));
        assertShortHeadlines(CaseFile.read(f).lint().findings(), "WS201", "WS202", "WS205", "WS208", "WS210");
    }

    private static void assertShortHeadlines(List<Finding> all, String... expected) {
        List<Finding> ws = all.stream().filter(x -> x.ruleId().startsWith("WS")).toList();
        for (String id : expected) {
            assertTrue(ws.stream().anyMatch(x -> x.ruleId().equals(id)), id + " in " + ws);
        }
        for (Finding x : ws) {
            String h = Headline.first(x.message());
            assertTrue(h.length() <= WebSocketWords.HEADLINE_MAX, x.ruleId() + ": " + h);
            assertFalse(h.equals(x.message()), x.ruleId() + " has a rest: " + x.message());
            if (h.contains("...")) {
                assertTrue(x.message().contains(" In full: "), x.message());
            }
        }
    }
}
