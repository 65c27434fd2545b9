package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.engine.Frontends;
import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Frontend;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.TlsVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Name-based TLS servers sharing an address, on the real servers: which server's protocol list and
 * cipher list a client gets when it sends the SNI name of a server that is not the default one.
 * Apache applies the named virtual host's own settings; nginx keeps the default server's protocols
 * and TLS 1.3 list. The nginx cases {@code testdata/nginx/tls/sni-*.conf} run on real nginx 1.22.1
 * (port 443 replaced by a free port, the addresses kept: 127.0.0.1, 127.0.0.2, the wildcard reached
 * through 127.0.0.3, [::1]); for every TLS server and every address it listens on, the protocols and
 * TLS 1.3 suites {@code openssl s_client -servername NAME} completes must be exactly those proxylint
 * computes for it there (the deciding server of {@link TlsEndpoint#sources()}).
 */
class TlsSniE2ETest {
    @TempDir
    static Path tmp;
    private static Tls.CertKey cert;

    @BeforeAll
    static void cert() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("cert"));
        ServerSupport.openUp(tmp);
        ServerSupport.openUp(d);
        cert = Tls.selfSigned(d);
    }

    /** The s_client switches (tls1 ... tls1_3) whose handshake completes with SNI {@code name}. */
    static List<String> accepted(int port, String name) {
        List<String> out = new ArrayList<>();
        for (String p : TlsProbe.PROTOCOLS) {
            if (TlsProbe.probe("127.0.0.1", port, p, name).accepted()) {
                out.add(p);
            }
        }
        return out;
    }

    private static ApacheProcess apache(String dir, String first, String second) throws IOException {
        String vhost = "<VirtualHost 127.0.0.1:@PORT@>\n SSLEngine on\n SSLCertificateFile @CERT@\n"
                + " SSLCertificateKeyFile @KEY@\n";
        return ApacheProcess.create(Files.createDirectories(tmp.resolve(dir))).modules("ssl", "socache_shmcb")
                .var("CERT", cert.cert().toString()).var("KEY", cert.key().toString())
                .body(vhost + " ServerName localhost\n" + first + "</VirtualHost>\n"
                        + vhost + " ServerName other\n" + second + "</VirtualHost>\n");
    }

    /**
     * Apache 2.4.71 (OpenSSL 3.0): the SNI-selected virtual host's SSLProtocol and SSLCipherSuite
     * apply, not the first (default) virtual host's.
     */
    @Test
    void apacheAppliesTheSniVirtualHostsProtocolsAndCiphers() throws IOException {
        ApacheProcess a = apache("apache1", " SSLProtocol -all +TLSv1.2 +TLSv1.3\n",
                " SSLProtocol -all +TLSv1.2\n");
        ApacheProcess b = apache("apache2",
                " SSLProtocol -all +TLSv1 +TLSv1.1 +TLSv1.2\n SSLCipherSuite DEFAULT:@SECLEVEL=0\n",
                " SSLProtocol -all +TLSv1.2 +TLSv1.3\n SSLCipherSuite DEFAULT:@SECLEVEL=0\n");
        ApacheProcess c = apache("apache3",
                " SSLProtocol -all +TLSv1.2\n SSLCipherSuite ECDHE-RSA-AES128-GCM-SHA256\n",
                " SSLProtocol -all +TLSv1.2\n SSLCipherSuite AES256-SHA:@SECLEVEL=0\n");
        try {
            a.start();
            b.start();
            c.start();
            assertEquals(List.of("tls1_2", "tls1_3"), accepted(a.port(), "localhost"), "A, localhost");
            assertEquals(List.of("tls1_2"), accepted(a.port(), "other"), "A, other: its own SSLProtocol");
            assertEquals(List.of("tls1", "tls1_1", "tls1_2"), accepted(b.port(), "localhost"), "B, localhost");
            assertEquals(List.of("tls1_2", "tls1_3"), accepted(b.port(), "other"), "B, other: its own SSLProtocol");
            assertTrue(TlsProbe.acceptsTls12Cipher("127.0.0.1", c.port(), "AES256-SHA", "other"), "C, other: AES256-SHA");
            assertFalse(TlsProbe.acceptsTls12Cipher("127.0.0.1", c.port(), "ECDHE-RSA-AES128-GCM-SHA256", "other"),
                    "C, other: the default vhost's suite");
            assertFalse(TlsProbe.acceptsTls12Cipher("127.0.0.1", c.port(), "AES256-SHA", "localhost"),
                    "C, localhost: AES256-SHA");
        } finally {
            a.stop();
            b.stop();
            c.stop();
        }
    }

    /**
     * nginx 1.22.1: the SNI-selected server's TLS 1.2 cipher list applies (unlike its protocols), so
     * TLS103/TLS104 keep judging each server's own ssl_ciphers.
     */
    @Test
    void nginxAppliesTheSniServersCipherList() throws IOException {
        NginxProcess n = NginxProcess.create(Files.createDirectories(tmp.resolve("nginx-ciphers")))
                .var("CERT", cert.cert().toString()).var("KEY", cert.key().toString())
                .http("ssl_certificate @CERT@; ssl_certificate_key @KEY@; ssl_protocols TLSv1.2;\n"
                        + "server { listen 127.0.0.1:@PORT@ ssl; server_name localhost;"
                        + " ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256; }\n"
                        + "server { listen 127.0.0.1:@PORT@ ssl; server_name other; ssl_ciphers AES256-SHA:@SECLEVEL=0; }\n");
        try {
            n.start();
            assertTrue(TlsProbe.acceptsTls12Cipher("127.0.0.1", n.port(), "AES256-SHA", "other"), "other: AES256-SHA");
            assertFalse(TlsProbe.acceptsTls12Cipher("127.0.0.1", n.port(), "ECDHE-RSA-AES128-GCM-SHA256", "other"),
                    "other: the default server's suite");
            assertFalse(TlsProbe.acceptsTls12Cipher("127.0.0.1", n.port(), "AES256-SHA", "localhost"),
                    "localhost: AES256-SHA");
            assertTrue(TlsProbe.acceptsTls12Cipher("127.0.0.1", n.port(), "ECDHE-RSA-AES128-GCM-SHA256", "localhost"),
                    "localhost: its own suite");
        } finally {
            n.stop();
        }
    }

    private static final Pattern LISTEN = Pattern.compile("listen\\s+(\\S+?)([\\s;])");
    private static final List<String> TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256");

    static List<Path> nginxCases() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("testdata/nginx/tls"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("sni-")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> nginxSniCasesOfferWhatProxylintComputes() throws IOException {
        List<Path> all = nginxCases();
        assertTrue(all.size() >= 6, "expected the sni-* cases, found " + all);
        return all.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> runNginx(p)));
    }

    /** Port 443 of every listen becomes the harness port; addresses stay. */
    static String ports(String body) {
        Matcher m = LISTEN.matcher(body);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String a = m.group(1);
            String b = a.equals("443") ? "@PORT@" : a.endsWith(":443") ? a.substring(0, a.length() - 3) + "@PORT@" : a;
            m.appendReplacement(sb, Matcher.quoteReplacement("listen " + b + m.group(2)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Where a client connects to reach an address: the wildcard through a loopback address no listen names. */
    static String host(String address) {
        String h = address.substring(0, address.lastIndexOf(':'));
        return switch (h) {
            case "*" -> "127.0.0.3";
            case "[::]" -> "::1";
            default -> h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        };
    }

    static void runNginx(Path casePath) throws Exception {
        String name = casePath.getFileName().toString().replace(".conf", "");
        String body = ports(NginxCaseConfig.httpBody(Files.readString(casePath)))
                .replace("/etc/ssl/certs/app.pem", "@CERT@").replace("/etc/ssl/private/app.key", "@KEY@");
        NginxProcess n = NginxProcess.create(Files.createDirectories(tmp.resolve(name)))
                .var("CERT", cert.cert().toString()).var("KEY", cert.key().toString()).http(body);
        try {
            n.start();
            RuleSettings settings = new RuleSettings("1.22.1", null, "mozilla-intermediate", "auto",
                    RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of());
            Frontend fe = Frontends.get(Dialect.NGINX);
            Resolved r = fe.resolve(fe.parse(SourceFile.read(n.configFile())), new ResolveOptions(null, null, Map.of(),
                    Set.of(), false, null, "1.22.1"), null);
            List<String> expected = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            int checked = 0;
            for (TlsEndpoint e : TlsEndpoint.nginx(NginxModel.build(r), settings.facts())) {
                Directive sn = e.nginxServer().ownLast("server_name");
                String sni = sn.arg(0);
                for (TlsEndpoint.Source x : e.sources()) {
                    TlsEndpoint d = x.decider() == null ? e : x.decider();
                    String where = sni + "@" + x.address() + ": ";
                    List<String> want = new ArrayList<>();
                    for (TlsVersion v : d.protocols().effective()) {
                        boolean legacy = v == TlsVersion.TLSv1 || v == TlsVersion.TLSv1_1;
                        // OpenSSL 3 completes TLS 1.0/1.1 only at @SECLEVEL=0 (TlsRulesE2ETest), and the level
                        // is that of the named server's cipher string, not the default server's (sni-seclevel-named)
                        if (!legacy || (e.ciphers() != null && e.ciphers().secLevel().orElse(1) == 0)) {
                            want.add(TlsProbe.switchOf(v));
                        }
                    }
                    expected.add(where + want);
                    seen.add(where + accepted(host(x.address()), n.port(), sni));
                    if (d.protocols().allows(TlsVersion.TLSv1_3)) {
                        List<String> suites = Tls13Setting.of(d, null, OpensslVersion.V3_0).negotiable().stream()
                                .map(CipherSuite::name).sorted().toList();
                        expected.add(where + "tls1_3 " + suites);
                        List<String> ok = new ArrayList<>();
                        for (String s : TLS13) {
                            if (TlsProbe.acceptsTls13Suite(host(x.address()), n.port(), s, sni)) {
                                ok.add(s);
                            }
                        }
                        seen.add(where + "tls1_3 " + ok.stream().sorted().toList());
                    }
                    checked++;
                }
            }
            assertTrue(checked >= 2, "no name-based servers in " + name);
            System.out.println("[e2e] " + name + " " + seen);
            assertEquals(String.join("\n", expected), String.join("\n", seen), name);
        } finally {
            n.stop();
        }
    }

    /** The protocol switches s_client completes against host:port with SNI {@code name}. */
    static List<String> accepted(String host, int port, String name) {
        List<String> out = new ArrayList<>();
        for (String p : TlsProbe.PROTOCOLS) {
            if (TlsProbe.probe(host, port, p, name).accepted()) {
                out.add(p);
            }
        }
        return out;
    }
}
