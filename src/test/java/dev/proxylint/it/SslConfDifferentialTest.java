package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.rules.Finding;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.tls.SslConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SslConf} against the servers' OpenSSL 3.0: every value of {@link #NGINX_VALUES} goes to
 * {@code nginx -t} in a {@code ssl_conf_command} of a TLS server, and nginx refuses exactly the values
 * SslConf refuses. A smaller table ({@link #APACHE_VALUES}) goes to a real Apache start (apache2 -t says
 * Syntax OK for all of them: OpenSSL sees the values only after the configuration is read): httpd exits
 * with AH02407 exactly where SslConf refuses, and CFG136 reports exactly those configs, the main
 * server's commands included, which mod_ssl runs for every virtual host with SSLEngine on.
 */
class SslConfDifferentialTest {
    /** Command and value; expected verdicts are SslConf's, the servers must agree. */
    static final List<String[]> NGINX_VALUES = List.of(
            v("Protocol", "TLSv1.2"), v("Protocol", "-ALL, tlsv1.2,+TLSv1.3"), v("Protocol", "SSLv2"),
            v("Protocol", "DTLSv1"), v("Protocol", "TLSv1.4"), v("Protocol", "TLSv1.2 TLSv1.3"),
            v("Protocol", "TLSv1.2,"), v("Protocol", "TLSv1.2,,TLSv1.3"),
            v("MinProtocol", "TLSv1.2"), v("MinProtocol", "None"), v("MinProtocol", "DTLSv1.2"),
            v("MinProtocol", "tlsv1.2"), v("MaxProtocol", "SSLv2"), v("MaxProtocol", "TLSv1.3 "),
            v("Options", "-SessionTicket, PrioritizeChaCha"), v("Options", "KTLS"), v("Options", "NoTicket"),
            v("Options", "ServerPreference,"),
            v("VerifyMode", "Peer"), v("VerifyMode", "peer, +Once"), v("VerifyMode", "RequirePostHandshake"),
            v("VerifyMode", "Optional"), v("VerifyMode", "Peer,,Once"),
            v("SignatureAlgorithms", "ECDSA+SHA256:RSA-PSS+SHA256:rsa_pss_pss_sha256:ed25519:ed448"),
            v("SignatureAlgorithms", "SHA384+ECDSA: RSA+sha1 :DSA+SHA224:ECDSA+SHA224"),
            v("SignatureAlgorithms", "rsa_pkcs1_sha1:rsa_pkcs1_sha224:ecdsa_secp521r1_sha512:rsa_pss_rsae_sha512"),
            v("SignatureAlgorithms", "rsa+sha256"), v("SignatureAlgorithms", "Ed25519"),
            v("SignatureAlgorithms", "ecdsa_sha1"), v("SignatureAlgorithms", "dsa_sha256"),
            v("SignatureAlgorithms", "PSS+SHA1"), v("SignatureAlgorithms", "RSA-PSS+SHA224"),
            v("SignatureAlgorithms", "RSA+MD5"), v("SignatureAlgorithms", "RSA+SHA-256"),
            v("SignatureAlgorithms", "ECDSA+SHA256:ecdsa_secp256r1_sha256"),
            v("SignatureAlgorithms", "RSA-PSS+SHA256:rsa_pss_rsae_sha256"),
            v("SignatureAlgorithms", "RSA+SHA256+SHA384"), v("SignatureAlgorithms", "SHA256+SHA384"),
            v("SignatureAlgorithms", "RSA+"), v("SignatureAlgorithms", "RSA+SHA256:"),
            v("SignatureAlgorithms", "ecdsa_brainpoolP256r1tls13_sha256"),
            v("ClientSignatureAlgorithms", "RSA+SHA256:ECDSA+SHA256"), v("ClientSignatureAlgorithms", "EC+SHA256"),
            v("Groups", "X25519:P-256:secp384r1"), v("Groups", "x448 : ffdhe2048"), v("Groups", "X25519:x25519"),
            v("Curves", "prime256v1:secp256r1"), v("Groups", "X25519MLKEM768"),
            v("NumTickets", "0"), v("NumTickets", "4"), v("NumTickets", "many"), v("NumTickets", "-1"),
            v("NumTickets", "4294967295"), v("NumTickets", "4294967296"),
            v("RecordPadding", "0"), v("RecordPadding", "16384"), v("RecordPadding", "16385"),
            v("RecordPadding", "-2"), v("RecordPadding", "512 bytes"));

    /** For Apache: one or two values of each kind, refused and accepted. */
    static final List<String[]> APACHE_VALUES = List.of(
            v("Protocol", "-ALL,TLSv1.2,TLSv1.3"), v("Protocol", "TLSv1.2 TLSv1.3"),
            v("MinProtocol", "TLSv1.2"), v("MinProtocol", "tlsv1.2"),
            v("Options", "-SessionTicket,ServerPreference"), v("Options", "NoTicket"),
            v("SignatureAlgorithms", "RSA-PSS+SHA256:ECDSA+SHA256:rsa_pkcs1_sha256"),
            v("SignatureAlgorithms", "RSA+MD5"),
            v("Groups", "X25519:prime256v1"), v("Curves", "P-256:secp256r1"),
            v("VerifyMode", "Bogus"), v("NumTickets", "-1"), v("RecordPadding", "16384"));

    private static String[] v(String command, String value) {
        return new String[] {command, value};
    }

    @TempDir
    static Path tmp;
    private static Tls.CertKey cert;
    private static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void cert() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("cert"));
        ServerSupport.openUp(tmp);
        ServerSupport.openUp(d);
        cert = Tls.selfSigned(d);
    }

    @Test
    void tablesHoldBothVerdicts() {
        for (List<String[]> t : List.of(NGINX_VALUES, APACHE_VALUES)) {
            long refused = t.stream().filter(x -> SslConf.command(x[0], x[1]) != null).count();
            assertTrue(refused >= 5 && t.size() - refused >= 5, "refused " + refused + " of " + t.size());
        }
    }

    @TestFactory
    Stream<DynamicTest> nginxTRefusesExactlyWhatSslConfRefuses() {
        return NGINX_VALUES.stream().map(x -> DynamicTest.dynamicTest(x[0] + " \"" + x[1] + "\"", () -> {
            NginxProcess n = NginxProcess.create(Files.createDirectories(tmp.resolve("n" + SEQ.incrementAndGet())))
                    .http("server { listen 127.0.0.1:@PORT@ ssl; ssl_certificate " + cert.cert() + "; ssl_certificate_key "
                            + cert.key() + "; ssl_conf_command " + x[0] + " \"" + x[1] + "\"; return 200; }\n");
            ProcResult r = n.configTest();
            String why = SslConf.command(x[0], x[1]);
            assertEquals(why != null, !r.ok(), "proxylint: " + (why == null ? "accepted" : why) + "\nnginx -t: "
                    + r.output());
            if (why != null) {
                assertTrue(r.output().contains("SSL_CONF_cmd(\"" + x[0] + "\""), r.output());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> apacheStartRefusesExactlyWhatCfg136Reports() {
        List<DynamicTest> out = new ArrayList<>();
        for (String[] x : APACHE_VALUES) {
            out.add(DynamicTest.dynamicTest("vhost " + x[0] + " \"" + x[1] + "\"", () -> apache(x, false)));
        }
        out.add(DynamicTest.dynamicTest("main server's Options NoTicket, vhost with SSLEngine on",
                () -> apache(v("Options", "NoTicket"), true)));
        return out.stream();
    }

    /** One TLS virtual host; the command in it, or in the main server ({@code inMain}). */
    private static void apache(String[] x, boolean inMain) throws Exception {
        String cmd = "SSLOpenSSLConfCmd " + x[0] + " \"" + x[1] + "\"\n";
        ApacheProcess a = ApacheProcess.create(Files.createDirectories(tmp.resolve("a" + SEQ.incrementAndGet())))
                .modules("ssl", "socache_shmcb")
                .body("Listen 127.0.0.1:@PORT_S@\nSSLSessionCache shmcb:@DIR@/tmp/ssl_scache(512000)\n"
                        + (inMain ? cmd : "") + "<VirtualHost 127.0.0.1:@PORT_S@>\n    SSLEngine on\n"
                        + "    SSLCertificateFile " + cert.cert() + "\n    SSLCertificateKeyFile " + cert.key() + "\n"
                        + (inMain ? "" : "    " + cmd) + "</VirtualHost>\n");
        a.port("S");
        Path config = a.writeConfig();
        List<Finding> cfg136 = new CaseFile(config, Dialect.APACHE, "CFG", Set.of(), Map.of()).lint().findings()
                .stream().filter(f -> f.ruleId().equals("CFG136")).toList();
        boolean refused = SslConf.command(x[0], x[1]) != null;
        assertEquals(refused ? 1 : 0, cfg136.size(), "CFG136 findings: " + cfg136);
        ProcResult t = a.configTest();
        assertTrue(t.ok() && t.output().contains("Syntax OK"), "apache2 -t: " + t.output());
        try {
            if (refused) {
                int code = a.startExpectingExit(15);
                assertTrue(code != 0, "httpd exited with 0");
                assertTrue(a.errorLogText().contains("AH02407"), "no AH02407 in\n" + a.errorLogText());
                assertTrue(cfg136.get(0).message().contains("AH02407"), cfg136.get(0).message());
            } else {
                a.start();
                // a handshake is served only once the configuration is applied (post_config has run)
                TlsProbe.probe("127.0.0.1", a.port("S"), "tls1_2");
                assertTrue(a.isAlive(), "httpd exited:\n" + a.errorLogText());
                assertFalse(a.errorLogText().contains("AH02407"), a.errorLogText());
            }
        } finally {
            a.stop();
        }
    }
}
