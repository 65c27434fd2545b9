package dev.proxylint.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Self-signed certificates made by the real openssl binary. */
public final class Tls {
    public record CertKey(Path cert, Path key) {
    }

    private Tls() {
    }

    /**
     * {@code openssl req -x509 -newkey rsa:2048 -nodes} into {@code dir}/cert.pem and key.pem
     * (CN=localhost, SAN localhost + 127.0.0.1), bounded to 30 s. RSA so that every TLS version
     * (1.0 included) has a usable signature scheme.
     */
    public static CertKey selfSigned(Path dir) {
        ServerSupport.requireBinary(ServerSupport.OPENSSL);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        ProcResult r = ServerSupport.run(List.of(ServerSupport.OPENSSL.toString(), "req", "-x509",
                "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"), dir, Duration.ofSeconds(30));
        if (!r.ok() || !Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
            throw new IllegalStateException("openssl req failed (" + r.exitCode() + "):\n" + r.output());
        }
        return new CertKey(cert, key);
    }
}
