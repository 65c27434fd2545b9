package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.it.ServerSupport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The facts behind TLS102's message ({@link TlsDefaults#legacyProtocolsRefused}), observed on each
 * release's own {@code openssl s_server} and {@code s_client} (OPENSSL_CONF=/dev/null, so the
 * library defaults apply): which of TLS 1.0 / 1.1 a server completes at each security level. The
 * client always offers {@code DEFAULT:@SECLEVEL=0}, so only the server's level decides. TLS 1.2 is
 * the control: it must complete every time.
 */
class LegacyProtocolHandshakeTest {
    record Cert(Path cert, Path key) {
    }

    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void legacyProtocolsFollowTheSecurityLevel(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        OpensslRunner.Binary gen = OpensslRunner.require(OpensslVersion.V3_0);
        // RSA 3072 is enough up to level 3; level 4 needs 192 bits, which P-384 has
        Cert rsa = cert(gen, dir, "rsa", "rsa:3072");
        Cert ec = cert(gen, dir, "ec", "ec", "-pkeyopt", "ec_paramgen_curve:P-384");
        List<String> report = new ArrayList<>();
        for (int level = -1; level <= 4; level++) {
            Cert c = level == 4 ? ec : rsa;
            String cipher = level < 0 ? "DEFAULT" : "DEFAULT:@SECLEVEL=" + level;
            int effective = level < 0 ? TlsDefaults.OPENSSL_DEFAULT_SECURITY_LEVEL : level;
            List<TlsVersion> completed = handshakes(bin, c, cipher, dir);
            report.add(cipher + " (" + (c == ec ? "ECDSA" : "RSA") + "): " + completed);
            assertTrue(completed.contains(TlsVersion.TLSv1_2), "control: TLS 1.2 with " + cipher + ": " + report);
            for (TlsVersion v : List.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1)) {
                boolean refused = TlsDefaults.legacyProtocolsRefused(version, effective).contains(v);
                assertEquals(!refused, completed.contains(v), v + " at " + cipher + " on OpenSSL " + version.label()
                        + ": " + report);
            }
        }
        if (version == OpensslVersion.V1_1_1) {
            // the caveat in TLS102's message: at level 2 an ECDSA certificate's SHA-1 signature is refused
            List<TlsVersion> ecdsa2 = handshakes(bin, ec, "DEFAULT:@SECLEVEL=2", dir);
            assertEquals(List.of(TlsVersion.TLSv1_2), ecdsa2, "1.1.1, ECDSA certificate, level 2");
        }
        System.out.printf("legacy handshakes (OpenSSL %s): %s%n", version.label(), report);
    }

    static Cert cert(OpensslRunner.Binary gen, Path dir, String name, String... newkey) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        List<String> args = new ArrayList<>(List.of("req", "-x509", "-newkey"));
        args.addAll(List.of(newkey));
        args.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj",
                "/CN=localhost"));
        ProcessBuilder pb = gen.process(args.toArray(String[]::new));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "certificate generation timed out");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve(name + ".log")));
        return new Cert(cert, key);
    }

    /** The protocol versions (TLS 1.0 to 1.2) one s_server with {@code cipher} completes with s_client. */
    static List<TlsVersion> handshakes(OpensslRunner.Binary bin, Cert c, String cipher, Path dir) throws Exception {
        return withServer(bin, c, cipher, List.of(), dir, port -> {
            List<TlsVersion> out = new ArrayList<>();
            String[][] probes = {{"-tls1", "TLSv1"}, {"-tls1_1", "TLSv1.1"}, {"-tls1_2", "TLSv1.2"}};
            for (String[] probe : probes) {
                if (protocolOf(bin, port, probe[0], dir).equals(probe[1])) {
                    out.add(TlsVersion.parse(probe[1]).orElseThrow());
                }
            }
            return out;
        });
    }

    /** What a probe of a running s_server finds. */
    interface Probe<T> {
        T at(int port) throws Exception;
    }

    /**
     * Starts {@code openssl s_server} on a free 127.0.0.1 port with the certificate, cipher string and
     * extra arguments, waits (bounded) until it accepts connections, runs the probe and stops it.
     */
    static <T> T withServer(OpensslRunner.Binary bin, Cert c, String cipher, List<String> extra, Path dir,
            Probe<T> probe) throws Exception {
        int port = ServerSupport.freePort();
        List<String> args = new ArrayList<>(List.of("s_server", "-accept", "127.0.0.1:" + port, "-cert",
                c.cert().toString(), "-key", c.key().toString(), "-cipher", cipher, "-quiet"));
        args.addAll(extra);
        ProcessBuilder spb = bin.process(args.toArray(String[]::new));
        spb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process server = spb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!ServerSupport.portAccepts(port, 200)) {
                assertTrue(server.isAlive(), "s_server exited: " + Files.readString(dir.resolve("server.log")));
                assertTrue(System.nanoTime() < deadline, "s_server did not listen on " + port);
                Thread.sleep(50);
            }
            return probe.at(port);
        } finally {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The protocol s_client reports after the handshake, or "" when it failed. */
    static String protocolOf(OpensslRunner.Binary bin, int port, String flag, Path dir) throws IOException,
            InterruptedException {
        ProcessBuilder pb = bin.process("s_client", "-connect", "127.0.0.1:" + port, flag, "-cipher",
                "DEFAULT:@SECLEVEL=0");
        Path log = dir.resolve("client.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "";
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.startsWith("Protocol") && t.contains(":") && !t.contains("(NONE)")) {
                String v = t.substring(t.indexOf(':') + 1).trim();
                // a failed handshake prints no session; the Cipher line tells success apart
                return Files.readString(log).contains("Cipher is (NONE)") ? "" : v;
            }
        }
        return "";
    }
}
