package dev.proxylint.rules.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.engine.Frontends;
import dev.proxylint.facts.HstsHeader;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.rules.Rules;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Frontend;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.TlsVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Effective TLS settings per endpoint, and what the TLS/HSTS messages and levels say. */
class TlsPolicyTest {

    static Resolved resolve(Dialect d, String text) {
        Frontend fe = Frontends.get(d);
        return fe.resolve(fe.parse(SourceFile.of(d == Dialect.NGINX ? "nginx.conf" : "httpd.conf", text)),
                ResolveOptions.defaults(), null);
    }

    static RuleSettings settings(String nginxVersion, String profile) {
        return new RuleSettings(nginxVersion, null, profile, "auto", RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of());
    }

    static List<Finding> run(Dialect d, String text, RuleSettings s) {
        RuleContext ctx = new RuleContext(resolve(d, text), d, s, id -> id.equals("TLS104") ? Level.WARNING : Level.ERROR);
        for (Rule rule : Rules.all()) {
            String id = rule.ids().iterator().next();
            if ((id.startsWith("TLS") || id.startsWith("HSTS")) && rule.dialects().contains(d)) {
                rule.check(ctx);
            }
        }
        return ctx.findings();
    }

    static Finding one(List<Finding> fs, String id) {
        List<Finding> m = fs.stream().filter(f -> f.ruleId().equals(id)).toList();
        assertEquals(1, m.size(), id + " in " + fs);
        return m.get(0);
    }

    @Test
    void nginxDefaultsFollowTheVersionAndHttpLevelInherits() {
        String conf = "http { ssl_ciphers HIGH:!aNULL; server { listen 443 ssl; } server { listen 80; } }";
        Resolved r = resolve(Dialect.NGINX, conf);
        List<TlsEndpoint> old = TlsEndpoint.nginx(NginxModel.build(r), settings("1.22.1", "mozilla-intermediate").facts());
        assertEquals(1, old.size());
        assertNull(old.get(0).protocolsDirective());
        assertEquals(EnumSet.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1, TlsVersion.TLSv1_2), old.get(0).protocols().effective());
        assertEquals("ssl_ciphers", old.get(0).ciphersDirective().name());
        List<TlsEndpoint> mid = TlsEndpoint.nginx(NginxModel.build(r), settings("1.25.0", null).facts());
        assertEquals(EnumSet.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1, TlsVersion.TLSv1_2, TlsVersion.TLSv1_3),
                mid.get(0).protocols().effective());
        List<TlsEndpoint> now = TlsEndpoint.nginx(NginxModel.build(r), settings("1.27.3", null).facts());
        assertEquals(EnumSet.of(TlsVersion.TLSv1_2, TlsVersion.TLSv1_3), now.get(0).protocols().effective());
        assertTrue(now.get(0).sessionTickets());
        assertFalse(now.get(0).serverOrder());
    }

    @Test
    void apacheVhostInheritsFromTheMainServerAndDefaultsToAllMinusSslv3() {
        String conf = "SSLProtocol -all +TLSv1.2\nSSLSessionTickets off\n<VirtualHost *:443>\nSSLEngine on\n</VirtualHost>\n"
                + "<VirtualHost *:8443>\nSSLEngine on\nSSLProtocol all -SSLv3\nSSLHonorCipherOrder on\n</VirtualHost>\n"
                + "<VirtualHost *:80>\n</VirtualHost>\n";
        List<TlsEndpoint> eps = TlsEndpoint.apache(ApacheModel.build(resolve(Dialect.APACHE, conf)),
                settings(null, "mozilla-intermediate").facts());
        assertEquals(2, eps.size());
        assertEquals(EnumSet.of(TlsVersion.TLSv1_2), eps.get(0).protocols().effective());
        assertFalse(eps.get(0).sessionTickets());
        assertEquals(EnumSet.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1, TlsVersion.TLSv1_2, TlsVersion.TLSv1_3),
                eps.get(1).protocols().effective());
        assertTrue(eps.get(1).serverOrder());
    }

    @Test
    void legacyProtocolMessageSaysWhereTheyComeFromAndAboutSeclevel() {
        Finding dflt = one(run(Dialect.NGINX, "http { server { listen 443 ssl; } }", settings("1.22.1", null)), "TLS102");
        assertTrue(dflt.message().startsWith("server (line 1) sets no ssl_protocols, so it enables TLSv1 and "
                + "TLSv1.1. The default is nginx 1.22.1's default ssl_protocols (TLSv1, TLSv1.1 and TLSv1.2)"),
                dflt.message());
        assertTrue(dflt.message().contains("@SECLEVEL=0 (this one does not)"), dflt.message());
        assertEquals("ssl_protocols TLSv1.2 TLSv1.3;", dflt.fix().edits().get(0).replacement().strip());

        Finding unknown = one(run(Dialect.NGINX, "http { server { listen 443 ssl; } }", settings(null, null)), "TLS102");
        assertTrue(unknown.message().contains("the nginx version is unknown"), unknown.message());

        Finding all = one(run(Dialect.APACHE, "<VirtualHost *:443>\nSSLEngine on\nSSLProtocol all -SSLv3\n"
                + "SSLCipherSuite DEFAULT:@SECLEVEL=0\n</VirtualHost>\n", settings(null, null)), "TLS102");
        assertTrue(all.message().contains("through 'all'"), all.message());
        assertTrue(all.message().contains("sets @SECLEVEL=0, so OpenSSL 3 really completes"), all.message());
        assertEquals("SSLProtocol -all +TLSv1.2 +TLSv1.3", all.fix().edits().get(0).replacement());

        assertTrue(run(Dialect.NGINX, "http { server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.2; } }",
                settings("1.27.3", "mozilla-old")).stream().noneMatch(f -> f.ruleId().equals("TLS102")));
    }

    /** With --openssl-version 1.1.1 the TLS 1.0/1.1 and SSLv3 messages follow 1.1.1's behaviour. */
    @Test
    void openssl111MessagesAndTables() {
        RuleSettings v111 = settings("1.22.1", null).withOpenssl(OpensslVersion.V1_1_1);
        String conf = "http { server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.1 TLSv1.2; } }";
        Finding dflt = one(run(Dialect.NGINX, conf, v111), "TLS102");
        assertTrue(dflt.message().contains("OpenSSL 1.1.1 really completes these handshakes at its default security "
                + "level 1"), dflt.message());
        assertFalse(dflt.message().contains("this one does not"), dflt.message());
        Finding level3 = one(run(Dialect.NGINX, "http { server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.1 TLSv1.2;"
                + " ssl_ciphers DEFAULT:@SECLEVEL=3; } }", v111), "TLS102");
        assertTrue(level3.message().contains("At @SECLEVEL=3 OpenSSL 1.1.1 refuses TLSv1 (it still completes TLSv1.1 "
                + "with an RSA certificate)"), level3.message());
        Finding level4 = one(run(Dialect.NGINX, "http { server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.1 TLSv1.2;"
                + " ssl_ciphers DEFAULT:@SECLEVEL=4; } }", v111), "TLS102");
        assertTrue(level4.message().contains("At @SECLEVEL=4 OpenSSL 1.1.1 refuses TLSv1 and TLSv1.1, but"),
                level4.message());
        // the default (no --openssl-version) and an explicit 3.0 say the same
        RuleSettings v3 = settings("1.22.1", null).withOpenssl(OpensslVersion.V3_0);
        assertEquals(one(run(Dialect.NGINX, conf, settings("1.22.1", null)), "TLS102").message(),
                one(run(Dialect.NGINX, conf, v3), "TLS102").message());
        Finding ssl3 = one(run(Dialect.APACHE, "<VirtualHost *:443>\nSSLEngine on\nSSLProtocol +SSLv3 +TLSv1.2\n"
                + "</VirtualHost>\n", settings(null, null).withOpenssl(OpensslVersion.V1_1_1)), "TLS101");
        assertTrue(ssl3.message().contains("Apache with OpenSSL 1.1.1, whose default build (Debian's too) has no SSLv3,"
                + " refuses to start"), ssl3.message());
        // the endpoint's suites come from the 1.1.1 table: MEDIUM is the SEED suites there, nothing in 3.0
        String medium = "http { server { listen 443 ssl; ssl_protocols TLSv1.2; ssl_ciphers MEDIUM; } }";
        Resolved r = resolve(Dialect.NGINX, medium);
        assertEquals(List.of("DHE-RSA-SEED-SHA", "DHE-DSS-SEED-SHA", "ADH-SEED-SHA", "SEED-SHA"),
                TlsEndpoint.nginx(NginxModel.build(r), v111.facts()).get(0).ciphers().names());
        assertTrue(TlsEndpoint.nginx(NginxModel.build(r), v3.facts()).get(0).ciphers() == null);
        assertTrue(one(run(Dialect.NGINX, medium, v3), "TLS113").message().contains("no cipher match"));
    }

    @Test
    void cipherFindingsNameSuitesAndTheTokenAndModernMakesThemErrors() {
        String conf = "<VirtualHost *:443>\nSSLEngine on\nSSLProtocol -all +TLSv1.2\n"
                + "SSLCipherSuite ECDHE-RSA-AES128-GCM-SHA256:ECDHE:ECDH:AES:HIGH:!NULL:!aNULL:!MD5:!ADH:!RC4:!DH:!DHE\n"
                + "</VirtualHost>\n";
        Finding f = one(run(Dialect.APACHE, conf, settings(null, null)), "TLS104");
        assertEquals(Level.WARNING, f.level());
        assertTrue(f.message().contains("AES256-SHA, AES128-SHA, AES256-SHA256, AES128-SHA256 (let in by 'AES')"),
                f.message());
        assertTrue(f.message().contains("without forward secrecy"), f.message());
        Finding modern = one(run(Dialect.APACHE, conf, settings(null, "mozilla-modern")), "TLS104");
        assertEquals(Level.ERROR, modern.level());

        Finding insecure = one(run(Dialect.NGINX, "http { server { listen 443 ssl; ssl_protocols TLSv1.2; "
                + "ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:eNULL; } }", settings(null, null)), "TLS103");
        assertTrue(insecure.message().contains("(let in by 'eNULL')"), insecure.message());
        assertTrue(insecure.message().contains("null encryption"), insecure.message());
    }

    @Test
    void tls13OnlyEndpointsIgnoreTheTls12CipherList() {
        List<Finding> fs = run(Dialect.NGINX, "http { server { listen 443 ssl; ssl_protocols TLSv1.3; "
                + "ssl_ciphers ALL:eNULL; } }", settings(null, "mozilla-modern"));
        assertTrue(fs.stream().noneMatch(f -> f.ruleId().equals("TLS103") || f.ruleId().equals("TLS104")), fs.toString());
    }

    @Test
    void hstsValues() {
        assertEquals(63072000L, HstsHeader.parse("max-age=63072000; includeSubDomains").maxAge());
        assertTrue(HstsHeader.parse("max-age=\"300\"").problems().isEmpty());
        assertEquals(300L, HstsHeader.parse("max-age=\"300\"").maxAge());
        assertFalse(HstsHeader.parse("includeSubDomains").problems().isEmpty());
        assertFalse(HstsHeader.parse("max-age=1y").problems().isEmpty());
        assertFalse(HstsHeader.parse("max-age=1; max-age=2").problems().isEmpty());
        assertFalse(HstsHeader.parse("Strict-Transport-Security: max-age=1").problems().isEmpty());
        HstsHeader.Value v = HstsHeader.parse(" MAX-AGE=10 ; Preload ");
        assertTrue(v.preload());
        assertFalse(v.includeSubDomains());
        assertEquals(10L, v.maxAge());
    }

    @Test
    void hstsLevelsAndTheProfileFloorOption() {
        String conf = "http { ssl_protocols TLSv1.2; server { listen 443 ssl; "
                + "add_header Strict-Transport-Security \"max-age=31536000\" always; } }";
        Finding f = one(run(Dialect.NGINX, conf, settings(null, null)), "HSTS102");
        assertTrue(f.message().contains("max-age=31536000 is below the 63072000 seconds"), f.message());
        RuleSettings lower = new RuleSettings(null, null, "mozilla-intermediate", "auto",
                RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of("HSTS102", Map.of("min-max-age", 31536000L)));
        assertTrue(run(Dialect.NGINX, conf, lower).stream().noneMatch(x -> x.ruleId().startsWith("HSTS")));
        // Apache: 'Header set' is the onsuccess table; the fix inserts 'always'
        Finding a = one(run(Dialect.APACHE, "<VirtualHost *:443>\nSSLEngine on\n"
                + "Header set Strict-Transport-Security \"max-age=63072000\"\n</VirtualHost>\n", settings(null, null)), "HSTS103");
        assertEquals("always ", a.fix().edits().get(0).replacement());
    }

    @Test
    void addedLinesStayInsideOneLineBlocksAndGoBelowTheLastTlsDirective() {
        String one = "http { server { listen 443 ssl; ssl_ciphers HIGH; } }";
        Finding f = one(run(Dialect.NGINX, one, settings("1.22.1", null)), "TLS102");
        var edit = f.fix().edits().get(0);
        assertTrue(edit.start() < one.lastIndexOf("} }") + 1 && edit.start() > one.indexOf("ssl_ciphers"), edit.toString());
        String multi = "http {\n    server {\n        listen 443 ssl;\n        ssl_ciphers HIGH;\n"
                + "        location / { }\n    }\n}\n";
        Finding g = one(run(Dialect.NGINX, multi, settings("1.22.1", null)), "TLS102");
        var e2 = g.fix().edits().get(0);
        assertEquals(multi.indexOf("        location"), e2.start());
        assertEquals("        ssl_protocols TLSv1.2 TLSv1.3;\n", e2.replacement());
    }

    @Test
    void nameBasedServersAreJudgedOnTheDefaultServersProtocolsOnce() {
        String conf = "http { ssl_certificate c; ssl_certificate_key k; ssl_ciphers DEFAULT:@SECLEVEL=0;\n"
                + " server { listen 443 ssl; server_name a; ssl_protocols TLSv1 TLSv1.2; }\n"
                + " server { listen 443 ssl; server_name b; ssl_protocols TLSv1.2 TLSv1.3; }\n"
                + " server { listen 443 ssl; server_name c; ssl_protocols TLSv1 TLSv1.1 TLSv1.2; } }";
        List<Finding> fs = run(Dialect.NGINX, conf, settings("1.22.1", null));
        Finding t102 = one(fs, "TLS102");
        assertEquals(2, t102.span().startLine(), "reported on the default server's directive only: " + t102);
        List<Finding> t115 = fs.stream().filter(f -> f.ruleId().equals("TLS115")).toList();
        assertEquals(2, t115.size(), fs.toString());
        Finding b = t115.get(0);
        assertEquals(3, b.span().startLine());
        assertEquals(Level.ERROR, b.level(), "TLSv1 offered although b leaves it out: the rule's level");
        assertTrue(b.message().contains("on *:443") && b.message().contains("can negotiate TLSv1,")
                && b.message().contains("TLSv1.3 is not offered"), b.message());
        assertEquals(2, b.related().get(0).span().startLine());
        Finding c = t115.get(1);
        assertEquals(Level.NOTE, c.level(), "c only loses TLSv1.1: a note");
        assertTrue(c.message().contains("TLSv1.1 is not offered"), c.message());
    }
}
