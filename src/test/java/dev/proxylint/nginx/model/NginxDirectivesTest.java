package dev.proxylint.nginx.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.nginx.model.NginxDirectives.Block;
import dev.proxylint.nginx.model.NginxDirectives.Ctx;
import dev.proxylint.nginx.model.NginxDirectives.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated directive and variable tables: facts nginx's sources and nginx -t agree on. */
class NginxDirectivesTest {
    private static final NginxDirectives T = NginxDirectives.builtin();

    private static List<Row> rows(String name, String version) {
        return T.rows(name).stream().filter(r -> r.existsIn(version)).toList();
    }

    @Test
    void releasesDecideWhatExists() {
        assertTrue(rows("http2", "1.22.1").isEmpty(), "http2 on; is new in 1.25.1");
        assertFalse(rows("http2", "1.25.1").isEmpty());
        assertFalse(rows("http2", null).isEmpty(), "an unknown release accepts every release's directives");
        assertFalse(rows("ssl", "1.24.0").isEmpty());
        assertTrue(rows("ssl", "1.25.1").stream().noneMatch(r -> r.module().equals("ngx_http_ssl_module")),
                "ssl on; left the http ssl module in 1.25.1");
        assertFalse(rows("keepalive_time", "1.19.10").isEmpty());
        assertTrue(rows("keepalive_time", "1.19.9").isEmpty());
        assertTrue(T.rows("proxy_set_headers").isEmpty());
    }

    @Test
    void contextsArgumentsAndValuesComeFromTheCommandTables() {
        Row gzip = rows("gzip", "1.22.1").get(0);
        assertTrue(gzip.allowedIn(Ctx.LIF.bit()));
        assertFalse(gzip.allowedIn(Ctx.SIF.bit()));
        assertEquals("flag", gzip.value());
        assertTrue(gzip.takes(1));
        assertFalse(gzip.takes(0));
        assertTrue(gzip.once());
        Row header = rows("add_header", "1.22.1").get(0);
        assertTrue(header.takes(2) && header.takes(3) && !header.takes(1) && !header.takes(4));
        assertEquals("2 or 3", header.describeArgs());
        assertFalse(header.once(), "add_header repeats");
        Row location = rows("location", "1.22.1").get(0);
        assertTrue(location.isBlock());
        assertEquals(Block.DIRECTIVES, location.block());
        assertEquals("server, location", location.describeContexts());
        assertEquals(Block.DATA, rows("map", "1.22.1").get(0).block());
        assertEquals(Block.DATA, rows("types", "1.22.1").get(0).block());
        assertTrue(rows("lingering_close", "1.22.1").get(0).value().startsWith("enum:off/on/always"));
        assertEquals(NginxDirectives.ANY, rows("include", "1.22.1").get(0).contexts());
        assertTrue(rows("proxy_pass", "1.22.1").stream().anyMatch(r -> r.allowedIn(Ctx.STREAM_SERVER.bit())));
    }

    @Test
    void thirdPartyModulesAreMarked() {
        Row lua = T.rows("content_by_lua_block").get(0);
        assertTrue(lua.thirdParty());
        assertEquals("lua", lua.source());
        assertEquals(Block.RAW, lua.block());
        assertEquals("first", T.rows("set_by_lua_block").get(0).defines());
        assertEquals("headers-more", T.rows("more_set_headers").get(0).source());
        assertTrue(T.rows("js_set").stream().allMatch(r -> r.source().equals("njs") && r.defines().equals("first")));
        assertFalse(T.rows("proxy_pass").get(0).thirdParty());
    }

    @Test
    void variablesAndPrefixFamilies() {
        assertTrue(T.knownVariable("slice_range", "1.22.1"));
        assertFalse(T.knownVariable("memcached_key", null), "the memcached recipe must set it");
        assertTrue(T.knownVariable("http_x_anything", "1.0.0"), "prefix families are older than their table entries");
        assertTrue(T.knownVariable("arg_", null));
        assertTrue(T.knownVariable("ssl_alpn_protocol", "1.21.4"));
        assertFalse(T.knownVariable("ssl_alpn_protocol", "1.21.3"));
        assertFalse(T.knownVariable("proxy_protocol_tlv_alpn", "1.22.1"));
        assertTrue(T.knownVariable("proxy_protocol_tlv_alpn", "1.23.2"));
        assertFalse(T.knownVariable("connection_upgrade", null));
    }

    @Test
    void theDataFilesNameTheirSource() throws IOException {
        for (String f : List.of("directives.tsv", "variables.tsv")) {
            String text = Files.readString(Path.of("src/main/resources/dev/proxylint/nginx", f));
            assertTrue(text.startsWith("# proxylint nginx"), f);
            assertTrue(text.lines().anyMatch(l -> l.matches("# nginx: nginx/nginx, tags release-1\\.0\\.0 \\.\\. .* at [0-9a-f]{40}")),
                    f + " names nginx's repository, tags and commit");
        }
    }
}
