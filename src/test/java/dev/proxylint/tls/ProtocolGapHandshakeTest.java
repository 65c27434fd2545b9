package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxylint.it.TlsProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The facts behind {@link ProtocolSpec#nginxWithCiphers} on each release's own {@code openssl s_server}:
 * protocol sets with a gap, switched off one version at a time with {@code -no_tls1_1} and so on (the
 * SSL_OP_NO_* options nginx sets from ssl_protocols). For every set and cipher string, the versions
 * s_client completes equal the ones proxylint computes: the set itself when a suite works at the top of
 * its lowest run, none otherwise.
 */
class ProtocolGapHandshakeTest {
    private static final List<TlsVersion> TLS = List.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1, TlsVersion.TLSv1_2,
            TlsVersion.TLSv1_3);
    private static final String GCM = "ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0";
    private static final String GCM_AND_SHA1 = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:@SECLEVEL=0";
    private static final String ALL = "DEFAULT:@SECLEVEL=0";

    record Case(String protocols, String cipher) {
    }

    private static final List<Case> CASES = List.of(
            new Case("TLSv1 TLSv1.2 TLSv1.3", ALL),
            new Case("TLSv1 TLSv1.2", ALL),
            new Case("TLSv1 TLSv1.3", ALL),
            new Case("TLSv1.1 TLSv1.3", ALL),
            new Case("TLSv1 TLSv1.1 TLSv1.3", ALL),
            new Case("TLSv1 TLSv1.2 TLSv1.3", GCM),
            new Case("TLSv1 TLSv1.2", GCM),
            new Case("TLSv1.1 TLSv1.3", GCM),
            new Case("TLSv1 TLSv1.2 TLSv1.3", GCM_AND_SHA1),
            new Case("TLSv1.2 TLSv1.3", GCM),
            new Case("TLSv1.2", GCM));

    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void gappedSetsAsComputed(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        LegacyProtocolHandshakeTest.Cert c = LegacyProtocolHandshakeTest.cert(OpensslRunner.require(OpensslVersion.V3_0),
                dir, "rsa", "rsa:2048");
        List<String> report = new ArrayList<>();
        for (Case k : CASES) {
            ProtocolSpec.Result set = ProtocolSpec.nginx(List.of(k.protocols().split(" ")), version);
            CipherList list = CipherDirectives.nginxSslCiphers(k.cipher(), version);
            List<CipherSuite> suites = new ArrayList<>(list.suites());
            suites.addAll(list.tls13());
            Set<TlsVersion> computed = ProtocolSpec.nginxWithCiphers(set, suites).effective();
            Set<TlsVersion> completed = handshakes(bin, c, set.configured(), k.cipher(), dir);
            report.add(k + " -> " + completed);
            assertEquals(computed, completed, k + " on OpenSSL " + version.label() + ": " + report);
        }
        System.out.printf("protocol gaps (OpenSSL %s): %s%n", version.label(), report);
    }

    private static Set<TlsVersion> handshakes(OpensslRunner.Binary bin, LegacyProtocolHandshakeTest.Cert c,
            Set<TlsVersion> on, String cipher, Path dir) throws Exception {
        List<String> off = new ArrayList<>();
        for (TlsVersion v : TLS) {
            if (!on.contains(v)) {
                off.add("-no_" + TlsProbe.switchOf(v));
            }
        }
        return LegacyProtocolHandshakeTest.withServer(bin, c, cipher, off, dir, port -> {
            Set<TlsVersion> out = EnumSet.noneOf(TlsVersion.class);
            for (TlsVersion v : TLS) {
                if (completes(bin, port, v, dir)) {
                    out.add(v);
                }
            }
            return out;
        });
    }

    /** Whether s_client completes a handshake with exactly {@code v} (a "New, ..." line without (NONE)). */
    private static boolean completes(OpensslRunner.Binary bin, int port, TlsVersion v, Path dir) throws Exception {
        ProcessBuilder pb = bin.process("s_client", "-connect", "127.0.0.1:" + port, "-" + TlsProbe.switchOf(v), "-cipher",
                "DEFAULT:@SECLEVEL=0");
        Path log = dir.resolve("client.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("New, ") && !line.contains("(NONE)")) {
                return true;
            }
        }
        return false;
    }
}
