package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.Frontends;
import dev.proxylint.engine.LintResult;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Frontend;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.tls.TlsVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proxylint's protocol claims against real servers: for every TLS endpoint of a config that real
 * nginx and Apache run, each protocol proxylint computes as enabled completes a handshake, and each
 * one it computes as disabled is refused. The cipher strings set {@code @SECLEVEL=0} so that OpenSSL 3
 * really offers TLS 1.0/1.1 where the config enables them (testdata/reality/README.md). The findings
 * (TLS101/TLS102/TLS112) are checked on the same configs.
 */
class TlsRulesE2ETest {
    @TempDir
    static Path tmp;
    private static NginxProcess nginx;
    private static ApacheProcess apache;
    /** server name -> s_client switches that completed, e.g. "tls1_2 tls1_3". */
    private static final Map<String, String> accepted = new TreeMap<>();
    /** server name -> the switches proxylint says are enabled. */
    private static final Map<String, String> claimed = new TreeMap<>();
    /** server name -> TLS1xx ids reported for it. */
    private static final Map<String, Set<String>> findings = new TreeMap<>();
    /** server name -> the TLS102 message, if any. */
    private static final Map<String, String> tls102 = new TreeMap<>();

    private static final String SEC0 = "ssl_ciphers DEFAULT:@SECLEVEL=0;";
    private static final String AEAD = "ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384;";
    private static final String AEAD0 = "ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0;";
    private static final String INTERMEDIATE = "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            + "ECDHE-RSA-CHACHA20-POLY1305;";
    /** nginx cases: name -> directives. */
    private static final Map<String, String> NGINX = new TreeMap<>(Map.ofEntries(
            Map.entry("n-listed-old", "ssl_protocols TLSv1 TLSv1.1 TLSv1.2; " + SEC0),
            Map.entry("n-default", SEC0),
            Map.entry("n-modern", "ssl_protocols TLSv1.2 TLSv1.3; " + SEC0),
            Map.entry("n-13only", "ssl_protocols TLSv1.3; " + SEC0),
            Map.entry("n-12only", "ssl_protocols TLSv1.2; " + SEC0),
            Map.entry("n-12only-no-seclevel", "ssl_protocols TLSv1.2;"),
            Map.entry("n-gap-1-12", "ssl_protocols TLSv1 TLSv1.2; " + SEC0),
            Map.entry("n-gap-1-12-no-seclevel", "ssl_protocols TLSv1 TLSv1.2;"),
            Map.entry("n-gap-1-12-13", "ssl_protocols TLSv1 TLSv1.2 TLSv1.3; " + SEC0),
            Map.entry("n-gap-1-12-13-no-seclevel", "ssl_protocols TLSv1 TLSv1.2 TLSv1.3;"),
            Map.entry("n-gap-1-13", "ssl_protocols TLSv1 TLSv1.3; " + SEC0),
            Map.entry("n-gap-1-13-no-seclevel", "ssl_protocols TLSv1 TLSv1.3;"),
            Map.entry("n-gap-11-13", "ssl_protocols TLSv1.1 TLSv1.3; " + SEC0),
            Map.entry("n-gap-11-13-no-seclevel", "ssl_protocols TLSv1.1 TLSv1.3;"),
            Map.entry("n-gap-1-11-13", "ssl_protocols TLSv1 TLSv1.1 TLSv1.3; " + SEC0),
            Map.entry("n-gap-1-12-13-aead", "ssl_protocols TLSv1 TLSv1.2 TLSv1.3; " + AEAD),
            Map.entry("n-gap-1-12-13-aead-sec0", "ssl_protocols TLSv1 TLSv1.2 TLSv1.3; " + AEAD0),
            Map.entry("n-gap-11-13-aead", "ssl_protocols TLSv1.1 TLSv1.3; " + AEAD),
            Map.entry("n-gap-1-12-aead", "ssl_protocols TLSv1 TLSv1.2; " + AEAD),
            Map.entry("n-modern-aead", "ssl_protocols TLSv1.2 TLSv1.3; " + AEAD),
            Map.entry("n-old-aead", "ssl_protocols TLSv1 TLSv1.1 TLSv1.2; " + AEAD),
            Map.entry("n-gap-1-12-13-intermediate", "ssl_protocols TLSv1 TLSv1.2 TLSv1.3; " + INTERMEDIATE),
            Map.entry("n-sslv3-gap", "ssl_protocols SSLv3 TLSv1 TLSv1.2; " + INTERMEDIATE),
            Map.entry("n-gap-1-12-13-one-old", "ssl_protocols TLSv1 TLSv1.2 TLSv1.3; "
                    + "ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:@SECLEVEL=0;"),
            Map.entry("n-old-no-seclevel", "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;")));
    private static final String ASEC0 = "SSLCipherSuite DEFAULT:@SECLEVEL=0\n";
    private static final Map<String, String> APACHE = new TreeMap<>(Map.ofEntries(
            Map.entry("a-bare-words", "SSLProtocol TLSv1 TLSv1.1 TLSv1.2\n" + ASEC0),
            Map.entry("a-all", "SSLProtocol all -SSLv3\n" + ASEC0),
            Map.entry("a-default", ASEC0),
            Map.entry("a-intermediate", "SSLProtocol -all +TLSv1.2 +TLSv1.3\n" + ASEC0),
            Map.entry("a-plus-old", "SSLProtocol -all +TLSv1 +TLSv1.1 +TLSv1.2\n" + ASEC0),
            Map.entry("a-12only", "SSLProtocol -all +TLSv1.2\n" + ASEC0),
            Map.entry("a-hole", "SSLProtocol -all +TLSv1 +TLSv1.2\n" + ASEC0),
            Map.entry("a-hole-no-seclevel", "SSLProtocol -all +TLSv1 +TLSv1.2\n"),
            Map.entry("a-hole-1-13", "SSLProtocol -all +TLSv1 +TLSv1.3\n" + ASEC0),
            Map.entry("a-hole-1-13-no-seclevel", "SSLProtocol -all +TLSv1 +TLSv1.3\n"),
            Map.entry("a-hole-11-13", "SSLProtocol -all +TLSv1.1 +TLSv1.3\n" + ASEC0),
            Map.entry("a-bare-plus-hole", "SSLProtocol TLSv1 +TLSv1.2\n" + ASEC0),
            Map.entry("a-hole-1-12-13", "SSLProtocol -all +TLSv1 +TLSv1.2 +TLSv1.3\n" + ASEC0)));

    @BeforeAll
    static void start() throws Exception {
        nginx = NginxProcess.create(java.nio.file.Files.createDirectories(tmp.resolve("nginx"))).selfSignedCert();
        StringBuilder http = new StringBuilder("server { listen 127.0.0.1:@PORT@; return 200; }\n");
        for (var e : NGINX.entrySet()) {
            String port = e.getKey().replace("-", "_").toUpperCase();
            nginx.port(port);
            http.append("server { listen 127.0.0.1:@PORT_").append(port).append("@ ssl; server_name ").append(e.getKey())
                    .append("; ssl_certificate @CERT@; ssl_certificate_key @KEY@; ").append(e.getValue())
                    .append(" return 200 \"ok\\n\"; }\n");
        }
        nginx.http(http.toString());

        apache = ApacheProcess.create(java.nio.file.Files.createDirectories(tmp.resolve("apache"))).modules("ssl", "socache_shmcb").selfSignedCert();
        StringBuilder body = new StringBuilder();
        for (String c : APACHE.keySet()) {
            String port = c.replace("-", "_").toUpperCase();
            apache.port(port);
            body.append("Listen 127.0.0.1:@PORT_").append(port).append("@\n");
        }
        body.append("SSLSessionCache shmcb:@DIR@/tmp/ssl_scache(512000)\n<VirtualHost 127.0.0.1:@PORT@>\n</VirtualHost>\n");
        for (var e : APACHE.entrySet()) {
            String port = e.getKey().replace("-", "_").toUpperCase();
            body.append("<VirtualHost 127.0.0.1:@PORT_").append(port).append("@>\n    ServerName ").append(e.getKey())
                    .append("\n    SSLEngine on\n    SSLCertificateFile @CERT@\n    SSLCertificateKeyFile @KEY@\n    ")
                    .append(e.getValue().replace("\n", "\n    ").strip()).append("\n</VirtualHost>\n");
        }
        apache.body(body.toString());
        nginx.start();
        apache.start();

        analyse(Dialect.NGINX, nginx.configFile(), NGINX.keySet());
        analyse(Dialect.APACHE, apache.configFile(), APACHE.keySet());

        Map<String, Integer> ports = new TreeMap<>();
        for (String c : NGINX.keySet()) {
            ports.put(c, nginx.port(c.replace("-", "_").toUpperCase()));
        }
        for (String c : APACHE.keySet()) {
            ports.put(c, apache.port(c.replace("-", "_").toUpperCase()));
        }
        ports.entrySet().parallelStream().forEach(e -> {
            List<String> ok = new ArrayList<>();
            for (String p : TlsProbe.PROTOCOLS) {
                if (TlsProbe.accepts("127.0.0.1", e.getValue(), p)) {
                    ok.add(p);
                }
            }
            synchronized (accepted) {
                accepted.put(e.getKey(), String.join(" ", ok));
            }
        });
        System.out.println("[e2e] tls accepted " + accepted + "\n[e2e] tls claimed " + claimed + "\n[e2e] findings "
                + findings);
    }

    /** Runs proxylint's model and rules on the config the server really runs. */
    private static void analyse(Dialect d, Path config, Set<String> names) throws Exception {
        String nginxVersion = d == Dialect.NGINX ? "1.22.1" : null;
        RuleSettings settings = new RuleSettings(nginxVersion, d == Dialect.APACHE ? "2.4.62" : null,
                "mozilla-intermediate", "auto", RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of());
        Frontend fe = Frontends.get(d);
        Resolved r = fe.resolve(fe.parse(SourceFile.read(config)), new ResolveOptions(null, null, Map.of(), Set.of(),
                false, null, null), null);
        List<TlsEndpoint> eps = d == Dialect.NGINX ? TlsEndpoint.nginx(NginxModel.build(r), settings.facts())
                : TlsEndpoint.apache(ApacheModel.build(r), settings.facts());
        LintResult lr = new CaseFile(config, d, "TLS", Set.of(),
                nginxVersion == null ? Map.of() : Map.of("nginx-version", nginxVersion)).lint();
        for (TlsEndpoint e : eps) {
            String name = serverName(e);
            if (!names.contains(name)) {
                continue;
            }
            List<String> on = new ArrayList<>();
            for (TlsVersion v : e.offered().effective()) {
                on.add(TlsProbe.switchOf(v));
            }
            claimed.put(name, String.join(" ", on));
            Set<String> ids = new TreeSet<>();
            for (Finding f : lr.findings()) {
                int at = f.span().start();
                if (f.ruleId().matches("TLS10[12]|TLS11[26]") && at >= e.opener().start() && at < e.opener().end()) {
                    ids.add(f.ruleId());
                    if (f.ruleId().equals("TLS102")) {
                        tls102.put(name, f.message());
                    }
                }
            }
            findings.put(name, ids);
        }
    }

    private static String serverName(TlsEndpoint e) {
        if (e.nginxServer() != null) {
            Directive sn = e.nginxServer().ownLast("server_name");
            return sn == null ? "" : sn.arg(0);
        }
        Directive sn = e.apacheScope().last("ServerName");
        return sn == null ? "" : sn.arg(0);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.stop();
        }
        if (apache != null) {
            apache.stop();
        }
    }

    @Test
    void everyProtocolProxylintCallsEnabledIsAcceptedAndEveryOtherRefused() {
        Set<String> all = new TreeSet<>(NGINX.keySet());
        all.addAll(APACHE.keySet());
        // checked separately: OpenSSL 3 refuses the TLS 1.0/1.1 the config asks for at security level 1
        all.removeIf(c -> c.endsWith("-no-seclevel"));
        // not modelled: a contiguous range whose old versions have no suite in the cipher list
        all.remove("n-old-aead");
        for (String c : all) {
            assertNotNull(claimed.get(c), "proxylint found no TLS endpoint for " + c);
            assertEquals(claimed.get(c), accepted.get(c), "protocols of " + c);
        }
    }

    @Test
    void expectedClaims() {
        // the bare-word SSLProtocol line enables only TLS 1.2 (TLS112), not the old protocols it names
        assertEquals("tls1_2", claimed.get("a-bare-words"));
        assertEquals(Set.of("TLS112"), findings.get("a-bare-words"));
        // 'all' and the default include TLS 1.0/1.1 and 1.3
        assertEquals("tls1 tls1_1 tls1_2 tls1_3", claimed.get("a-all"));
        assertEquals(Set.of("TLS102"), findings.get("a-all"));
        assertEquals(Set.of("TLS102"), findings.get("a-default"));
        assertEquals(Set.of(), findings.get("a-intermediate"));
        // mod_ssl sets a min/max range: a hole keeps only the run ending at the highest version
        assertEquals("tls1_2", claimed.get("a-hole"));
        // nginx 1.22's default: TLS 1.0-1.2, no 1.3
        assertEquals("tls1 tls1_1 tls1_2", claimed.get("n-default"));
        assertEquals(Set.of("TLS102"), findings.get("n-default"));
        assertEquals(Set.of("TLS102"), findings.get("n-listed-old"));
        assertEquals(Set.of(), findings.get("n-modern"));
    }

    @Test
    void withoutSeclevel0OpenSsl3RefusesTheOldProtocolsTheConfigEnables() {
        // proxylint reports what the config asks for (TLS102) and its message says SECLEVEL 0 is needed
        assertEquals("tls1 tls1_1 tls1_2 tls1_3", claimed.get("n-old-no-seclevel"));
        assertEquals(Set.of("TLS102"), findings.get("n-old-no-seclevel"));
        assertEquals("tls1_2 tls1_3", accepted.get("n-old-no-seclevel"));
        assertTrue(tls102.get("n-old-no-seclevel").contains("only really offers them when the cipher string lowers "
                + "the security level to @SECLEVEL=0 (this one does not)"), tls102.get("n-old-no-seclevel"));
        assertTrue(tls102.get("n-listed-old").contains("sets @SECLEVEL=0, so OpenSSL 3 really completes"),
                tls102.get("n-listed-old"));
    }

    @Test
    void protocolGaps() {
        // nginx passes the set to OpenSSL as SSL_OP_NO_* options: each listed version is negotiated...
        assertEquals("tls1 tls1_2", accepted.get("n-gap-1-12"));
        assertEquals("tls1 tls1_2 tls1_3", accepted.get("n-gap-1-12-13"));
        assertEquals("tls1 tls1_3", accepted.get("n-gap-1-13"));
        assertEquals("tls1_1 tls1_3", accepted.get("n-gap-11-13"));
        assertEquals("tls1 tls1_1 tls1_3", accepted.get("n-gap-1-11-13"));
        assertEquals("tls1 tls1_2 tls1_3", accepted.get("n-gap-1-12-13-one-old"));
        for (String c : List.of("n-gap-1-12", "n-gap-1-12-13", "n-gap-1-13", "n-gap-11-13", "n-gap-1-11-13",
                "n-gap-1-12-13-one-old")) {
            assertEquals(Set.of("TLS102"), findings.get(c), c);
        }
        // ... unless no suite of the cipher list works at the top of the lowest run: then none is,
        // whatever the security level
        for (String c : List.of("n-gap-1-12-13-aead", "n-gap-1-12-13-aead-sec0", "n-gap-11-13-aead", "n-gap-1-12-aead",
                "n-gap-1-12-13-intermediate", "n-sslv3-gap")) {
            assertEquals("", accepted.get(c), c);
            assertEquals("", claimed.get(c), c);
            assertTrue(findings.get(c).contains("TLS116"), c + " " + findings.get(c));
            assertTrue(!findings.get(c).contains("TLS102"), c + " " + findings.get(c));
        }
        // the same sets without @SECLEVEL=0 (default cipher list): TLS 1.2/1.3 complete, TLS 1.0/1.1 are
        // refused by OpenSSL 3's security level as for a contiguous set
        assertEquals("tls1_2 tls1_3", accepted.get("n-gap-1-12-13-no-seclevel"));
        assertEquals("tls1_2", accepted.get("n-gap-1-12-no-seclevel"));
        assertEquals("tls1_3", accepted.get("n-gap-1-13-no-seclevel"));
        assertEquals("tls1_3", accepted.get("n-gap-11-13-no-seclevel"));
        // controls
        assertEquals("tls1_2 tls1_3", accepted.get("n-modern-aead"));
        assertEquals("tls1_2", accepted.get("n-12only"));
        assertEquals("tls1_2", accepted.get("n-12only-no-seclevel"));
        assertEquals("tls1_2", accepted.get("n-old-aead"));
        // mod_ssl keeps the run ending at the highest version and never fills the gap
        assertEquals("tls1_2", accepted.get("a-hole"));
        assertEquals("tls1_2", accepted.get("a-hole-no-seclevel"));
        assertEquals("tls1_3", accepted.get("a-hole-1-13"));
        assertEquals("tls1_3", accepted.get("a-hole-1-13-no-seclevel"));
        assertEquals("tls1_3", accepted.get("a-hole-11-13"));
        assertEquals("tls1_2 tls1_3", accepted.get("a-hole-1-12-13"));
        assertEquals("tls1_2", accepted.get("a-12only"));
        assertEquals("tls1_2", accepted.get("a-bare-plus-hole"));
        for (String c : List.of("a-bare-plus-hole", "a-hole", "a-hole-no-seclevel", "a-hole-1-13", "a-hole-1-13-no-seclevel", "a-hole-11-13",
                "a-hole-1-12-13")) {
            assertEquals(Set.of("TLS116"), findings.get(c), c);
        }
        assertEquals(Set.of(), findings.get("a-12only"));
        assertEquals(Set.of(), findings.get("n-12only"));
    }
}
