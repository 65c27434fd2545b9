package dev.proxylint.rules.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.proxylint.nginx.NginxFrontend;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.source.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * {@link NginxModel#select}: the location nginx picks for a request path, as
 * {@code ngx_http_core_find_location} does it (exact, longest prefix, nested locations first,
 * {@code ^~}, regexes in file order). The server-level regex/prefix behaviour is the one measured
 * in testdata/reality/README.md (cases h, h2).
 */
class NginxModelSelectTest {
    static Scope server(String body) {
        NginxModel m = NginxModel.build(new NginxFrontend().parse(SourceFile.of("t.conf", "server {\n" + body + "\n}\n")).items());
        assertEquals(1, m.servers().size());
        return m.servers().get(0);
    }

    /** The selected location's head ("location ^~ /ws"), or null. */
    static String pick(Scope server, String path) {
        Scope s = NginxModel.select(server, path);
        return s == null ? null : "location " + String.join(" ", s.block().values());
    }

    @Test
    void exactMatchBeatsEverything() {
        Scope s = server("""
                location = /ws { }
                location ^~ /ws { }
                location ~ ^/ws$ { }
                """);
        assertEquals("location = /ws", pick(s, "/ws"));
        assertEquals("location ^~ /ws", pick(s, "/ws/x"), "= matches only the exact path");
        assertEquals("location =/ws", pick(server("location =/ws { }"), "/ws"), "modifier glued to the path");
    }

    @Test
    void longestPrefixWinsRegardlessOfOrder() {
        Scope s = server("""
                location / { }
                location /api/v1/ { }
                location /api/ { }
                """);
        assertEquals("location /api/v1/", pick(s, "/api/v1/x"));
        assertEquals("location /api/", pick(s, "/api/v2"));
        assertEquals("location /", pick(s, "/other"));
        assertNull(pick(server("location /api/ { }"), "/ws"), "nothing matches");
    }

    @Test
    void regexAfterPrefixUnlessCaretTilde() {
        Scope plain = server("""
                location /ws { }
                location ~ ^/(api|ws) { }
                """);
        assertEquals("location ~ ^/(api|ws)", pick(plain, "/ws"), "reality case h: the regex wins");
        Scope caret = server("""
                location ^~ /ws { }
                location ~ ^/(api|ws) { }
                """);
        assertEquals("location ^~ /ws", pick(caret, "/ws"), "reality case h2: ^~ stops the regex search");
        assertEquals("location ~ ^/(api|ws)", pick(caret, "/api"));
    }

    @Test
    void firstMatchingRegexInFileOrderWins() {
        Scope s = server("""
                location ~* \\.(png|jpg)$ { }
                location ~ \\.png$ { }
                location / { }
                """);
        assertEquals("location ~* \\.(png|jpg)$", pick(s, "/a.PNG"), "~* is case-insensitive and comes first");
        assertEquals("location ~* \\.(png|jpg)$", pick(s, "/a.png"));
        Scope caseSensitive = server("""
                location ~ \\.PNG$ { }
                location / { }
                """);
        assertEquals("location /", pick(caseSensitive, "/a.png"), "~ is case-sensitive");
    }

    @Test
    void nestedLocationsAreSearchedBeforeOuterRegexes() {
        Scope s = server("""
                location /app/ {
                    location /app/ws { }
                    location ~ \\.json$ { }
                }
                location ~ ^/app/ { }
                """);
        assertEquals("location ~ \\.json$", pick(s, "/app/x.json"), "the nested regex is tried first");
        assertEquals("location ~ ^/app/", pick(s, "/app/ws"), "outer regexes still beat a nested prefix");
        assertEquals("location ~ ^/app/", pick(s, "/app/page"));
    }

    @Test
    void caretTildeStopsOnlyItsOwnLevelsRegexes() {
        Scope outer = server("""
                location ^~ /app/ {
                    location /app/ws { }
                    location ~ \\.json$ { }
                }
                location ~ ^/app/ { }
                """);
        assertEquals("location /app/ws", pick(outer, "/app/ws"), "outer ^~: server regexes are skipped");
        assertEquals("location ~ \\.json$", pick(outer, "/app/x.json"), "but regexes nested in it are tried");
        Scope inner = server("""
                location /app/ {
                    location ^~ /app/ws { }
                    location ~ ws { }
                }
                location ~ ^/app/ { }
                """);
        assertEquals("location ~ ^/app/", pick(inner, "/app/ws"),
                "a nested ^~ skips the nested regexes, not the server's");
        Scope exact = server("""
                location /app/ {
                    location = /app/ws { }
                }
                location ~ ^/app/ { }
                """);
        assertEquals("location = /app/ws", pick(exact, "/app/ws"), "a nested exact match is final");
    }

    @Test
    void namedLocationsAreNeverSelected() {
        Scope s = server("""
                location @ws { }
                location / { }
                """);
        assertEquals("location /", pick(s, "/ws"));
        Scope only = server("location @fallback { }");
        assertSame(null, NginxModel.select(only, "/"));
    }
}
