package dev.proxylint.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.engine.Frontends;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Frontend;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.tls.TlsVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Default-server selection per nginx address, and the protocols a name-based server really offers. */
class NginxListensTest {

    static NginxModel model(String text) {
        Frontend fe = Frontends.get(Dialect.NGINX);
        return NginxModel.build(fe.resolve(fe.parse(SourceFile.of("nginx.conf", text)), ResolveOptions.defaults(), null));
    }

    static RuleSettings settings() {
        return new RuleSettings("1.22.1", null, null, "auto", RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of());
    }

    static String name(Scope s) {
        return s.ownLast("server_name").arg(0);
    }

    @Test
    void addressesAreGroupedAsNginxGroupsThem() {
        assertEquals("*:443", NginxListens.address("443"));
        assertEquals("*:443", NginxListens.address("*:443"));
        assertEquals("*:443", NginxListens.address("0.0.0.0:443"));
        assertEquals("127.0.0.1:443", NginxListens.address("127.0.0.1:443"));
        assertEquals("127.0.0.1:80", NginxListens.address("127.0.0.1"));
        assertEquals("*:80", NginxListens.address("*"));
        assertEquals("[::]:443", NginxListens.address("[::]:443"));
        assertEquals("[::1]:80", NginxListens.address("[::1]"));
        assertEquals("localhost:8443", NginxListens.address("LocalHost:8443"));
        assertEquals("unix:/run/a.sock", NginxListens.address("unix:/run/a.sock"));
    }

    @Test
    void defaultServerIsTheFlaggedOneElseTheFirstPerAddress() {
        NginxModel m = model("http {"
                + " server { listen 443 ssl; server_name a; }"
                + " server { listen *:443 ssl default_server; listen 127.0.0.1:443 ssl; server_name b; }"
                + " server { listen 127.0.0.1:443 ssl; listen [::]:443 ssl; server_name c; }"
                + " server { listen [::]:443 ssl default; server_name d; }"
                + " server { server_name e; } }");
        Map<String, NginxListens.Default> d = NginxListens.defaults(m);
        assertEquals(List.of("*:443", "127.0.0.1:443", "[::]:443", "*:80"), List.copyOf(d.keySet()));
        assertEquals("b", name(d.get("*:443").server()));
        assertTrue(d.get("*:443").explicit());
        assertEquals("b", name(d.get("127.0.0.1:443").server()), "first server on the specific address");
        assertFalse(d.get("127.0.0.1:443").explicit());
        assertEquals("d", name(d.get("[::]:443").server()), "the old 'default' parameter counts");
        assertEquals("e", name(d.get("*:80").server()), "no listen: *:80");
        assertNull(d.get("*:80").listen());
    }

    @Test
    void aNameBasedServerOffersTheDefaultServersProtocols() {
        NginxModel m = model("http { ssl_certificate c; ssl_certificate_key k;"
                + " server { listen 127.0.0.1:443 ssl; server_name a; ssl_protocols TLSv1.2 TLSv1.3; }"
                + " server { listen 127.0.0.1:443 ssl; listen 127.0.0.2:443 ssl; server_name b; ssl_protocols TLSv1.2; }"
                + " server { listen 127.0.0.2:443 ssl; server_name c; ssl_protocols TLSv1 TLSv1.2; }"
                + " server { listen 10.0.0.1:443 ssl; server_name d; ssl_protocols TLSv1.2; } }");
        List<TlsEndpoint> eps = TlsEndpoint.nginx(m, settings().facts());
        TlsEndpoint a = eps.get(0);
        TlsEndpoint b = eps.get(1);
        TlsEndpoint c = eps.get(2);
        TlsEndpoint d = eps.get(3);
        assertTrue(a.decidesItself());
        assertEquals(List.of(a), a.deciders());
        assertSame(a.protocols(), a.offered());
        // b: own TLSv1.2 (unchanged), but a decides on 127.0.0.1 and b itself on 127.0.0.2
        assertFalse(b.decidesItself());
        assertEquals(EnumSet.of(TlsVersion.TLSv1_2), b.protocols().effective());
        assertEquals(EnumSet.of(TlsVersion.TLSv1_2, TlsVersion.TLSv1_3), b.offered().effective());
        assertEquals(2, b.deciders().size());
        assertSame(b, b.deciders().get(0));
        assertSame(a.opener(), b.deciders().get(1).opener());
        assertEquals("127.0.0.1:443", b.sources().get(0).address());
        assertNull(b.sources().get(1).decider(), "b is the first server on 127.0.0.2:443");
        // c: b's TLSv1.2 applies on 127.0.0.2
        assertEquals(EnumSet.of(TlsVersion.TLSv1_2), c.offered().effective());
        assertSame(b.opener(), c.deciders().get(0).opener());
        assertTrue(d.decidesItself());
    }

    @Test
    void aNonTlsDefaultServerStillDecides() {
        NginxModel m = model("http { ssl_certificate c; ssl_certificate_key k;"
                + " server { listen 443; server_name a; ssl_protocols TLSv1.3; }"
                + " server { listen 443 ssl; server_name b; ssl_protocols TLSv1.2; } }");
        List<TlsEndpoint> eps = TlsEndpoint.nginx(m, settings().facts());
        assertEquals(1, eps.size());
        assertEquals(EnumSet.of(TlsVersion.TLSv1_3), eps.get(0).offered().effective());
    }
}
