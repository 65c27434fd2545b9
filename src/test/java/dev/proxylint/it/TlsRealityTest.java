package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth: which TLS versions real nginx 1.22 / Apache 2.4 with OpenSSL 3.0 complete, probed
 * with {@code openssl s_client -tls1 / -tls1_1 / -tls1_2 / -tls1_3} (client side always
 * {@code @SECLEVEL=0}, see {@link TlsProbe}).
 */
class TlsRealityTest {
    @TempDir
    static Path tmp;
    private static NginxProcess nginx;
    private static ApacheProcess apache;
    /** case -> the s_client switches that completed a handshake, e.g. "tls1_2 tls1_3". */
    private static final Map<String, String> accepted = new TreeMap<>();

    private static final String[] NGINX_CASES = {"U", "V1", "V2", "V0"};
    private static final String[] APACHE_CASES = {"W1", "W2", "X", "W0"};

    @BeforeAll
    static void start() {
        Tls.CertKey ck = Tls.selfSigned(tmp);
        nginx = NginxProcess.create(tmp).var("CERT", ck.cert().toString()).var("KEY", ck.key().toString());
        for (String c : NGINX_CASES) {
            nginx.port(c);
        }
        String cert = "ssl_certificate @CERT@; ssl_certificate_key @KEY@;\n";
        nginx.http("""
                server { listen 127.0.0.1:@PORT@; return 200 "plain\\n"; }
                # (u)
                server { listen 127.0.0.1:@PORT_U@ ssl; %s
                    ssl_protocols TLSv1.2 TLSv1.3; return 200 "u\\n"; }
                # (v1) old protocols enabled, nginx's default ssl_ciphers (HIGH:!aNULL:!MD5)
                server { listen 127.0.0.1:@PORT_V1@ ssl; %s
                    ssl_protocols TLSv1 TLSv1.1 TLSv1.2; return 200 "v1\\n"; }
                # (v2) old protocols enabled and the security level lowered
                server { listen 127.0.0.1:@PORT_V2@ ssl; %s
                    ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_ciphers DEFAULT:@SECLEVEL=0; return 200 "v2\\n"; }
                # (v0) no ssl_protocols at all (1.22 default), security level lowered
                server { listen 127.0.0.1:@PORT_V0@ ssl; %s
                    ssl_ciphers DEFAULT:@SECLEVEL=0; return 200 "v0\\n"; }
                """.formatted(cert, cert, cert, cert));

        apache = ApacheProcess.create(tmp).modules("ssl", "socache_shmcb")
                .var("CERT", ck.cert().toString()).var("KEY", ck.key().toString());
        StringBuilder body = new StringBuilder();
        for (String c : APACHE_CASES) {
            apache.port(c);
            body.append("Listen 127.0.0.1:@PORT_").append(c).append("@\n");
        }
        body.append("""
                SSLSessionCache shmcb:@DIR@/tmp/ssl_scache(512000)
                <VirtualHost 127.0.0.1:@PORT@>
                </VirtualHost>
                # (w1)
                <VirtualHost 127.0.0.1:@PORT_W1@>
                    SSLEngine on
                    SSLCertificateFile @CERT@
                    SSLCertificateKeyFile @KEY@
                    SSLProtocol all -SSLv3
                </VirtualHost>
                # (w2) the same with the security level lowered
                <VirtualHost 127.0.0.1:@PORT_W2@>
                    SSLEngine on
                    SSLCertificateFile @CERT@
                    SSLCertificateKeyFile @KEY@
                    SSLProtocol all -SSLv3
                    SSLCipherSuite DEFAULT:@SECLEVEL=0
                </VirtualHost>
                # (x)
                <VirtualHost 127.0.0.1:@PORT_X@>
                    SSLEngine on
                    SSLCertificateFile @CERT@
                    SSLCertificateKeyFile @KEY@
                    SSLProtocol -all +TLSv1.2
                </VirtualHost>
                # (w0) no SSLProtocol (default), security level lowered
                <VirtualHost 127.0.0.1:@PORT_W0@>
                    SSLEngine on
                    SSLCertificateFile @CERT@
                    SSLCertificateKeyFile @KEY@
                    SSLCipherSuite DEFAULT:@SECLEVEL=0
                </VirtualHost>
                """);
        apache.body(body.toString());
        nginx.start();
        apache.start();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String c : NGINX_CASES) {
            ports.put("nginx-" + c, nginx.port(c));
        }
        for (String c : APACHE_CASES) {
            ports.put("apache-" + c, apache.port(c));
        }
        ports.entrySet().parallelStream().forEach(e -> {
            StringBuilder sb = new StringBuilder();
            for (String p : TlsProbe.PROTOCOLS) {
                TlsProbe.Result r = TlsProbe.probe("127.0.0.1", e.getValue(), p);
                if (r.accepted()) {
                    sb.append(sb.length() == 0 ? "" : " ").append(p);
                }
            }
            synchronized (accepted) {
                accepted.put(e.getKey(), sb.toString());
            }
        });
        System.out.println("[reality] tls " + accepted);
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
    void u_nginxModernProtocolsOnly() {
        assertEquals("tls1_2 tls1_3", accepted.get("nginx-U"));
    }

    @Test
    void v_nginxOldProtocolsNeedSeclevel0ToReallyWork() {
        // listed but refused: OpenSSL 3.0's default security level 1 forbids TLS 1.0/1.1 handshakes
        assertEquals("tls1_2", accepted.get("nginx-V1"));
        assertEquals("tls1 tls1_1 tls1_2", accepted.get("nginx-V2"));
    }

    @Test
    void v0_nginx122DefaultProtocolsIncludeOldButNotTls13() {
        assertEquals("tls1 tls1_1 tls1_2", accepted.get("nginx-V0"));
    }

    @Test
    void w_apacheAllMinusSslv3() {
        assertEquals("tls1_2 tls1_3", accepted.get("apache-W1"));
        assertEquals("tls1 tls1_1 tls1_2 tls1_3", accepted.get("apache-W2"));
        // no SSLProtocol at all behaves like "all -SSLv3"
        assertEquals("tls1 tls1_1 tls1_2 tls1_3", accepted.get("apache-W0"));
    }

    @Test
    void x_apacheOnlyTls12() {
        assertEquals("tls1_2", accepted.get("apache-X"));
    }

    @Test
    void clientNeedsSeclevel0ToSeeServerTls10() {
        // without the client's @SECLEVEL=0, OpenSSL 3.0 itself refuses the server's TLS 1.0 signature
        ProcResult r = ServerSupport.run(List.of(ServerSupport.OPENSSL.toString(), "s_client", "-connect",
                "127.0.0.1:" + nginx.port("V2"), "-tls1", "-servername", "localhost"), null,
                java.time.Duration.ofSeconds(15));
        TlsProbe.Result parsed = TlsProbe.parse("tls1", r.output());
        assertEquals(false, parsed.accepted(), r.output());
        assertEquals(true, TlsProbe.accepts("127.0.0.1", nginx.port("V2"), "tls1"));
    }
}
