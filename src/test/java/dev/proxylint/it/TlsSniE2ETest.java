package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Name-based TLS servers sharing an address, on the real servers: which server's protocol list and
 * cipher list a client gets when it sends the SNI name of a server that is not the default one.
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
}
