package dev.proxylint.tls;

import static dev.proxylint.tls.TlsVersion.SSLv3;
import static dev.proxylint.tls.TlsVersion.TLSv1;
import static dev.proxylint.tls.TlsVersion.TLSv1_1;
import static dev.proxylint.tls.TlsVersion.TLSv1_2;
import static dev.proxylint.tls.TlsVersion.TLSv1_3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolSpecTest {
    static final OpensslVersion V3 = OpensslVersion.V3_0;

    static Set<TlsVersion> apache(String v) {
        ProtocolSpec.Result r = ProtocolSpec.apache(v, V3);
        assertTrue(r.ok(), v + ": " + r.error());
        return r.configured();
    }

    @Test
    void gapsAndTheLowestRun() {
        assertEquals(Set.of(TLSv1_1), ProtocolSpec.gap(Set.of(TLSv1, TLSv1_2)));
        assertEquals(Set.of(TLSv1_1, TLSv1_2), ProtocolSpec.gap(Set.of(TLSv1, TLSv1_3)));
        assertEquals(Set.of(TLSv1_2), ProtocolSpec.gap(Set.of(TLSv1, TLSv1_1, TLSv1_3)));
        assertEquals(Set.of(), ProtocolSpec.gap(Set.of(TLSv1_2, TLSv1_3)));
        assertEquals(Set.of(), ProtocolSpec.gap(Set.of(TLSv1_2)));
        assertEquals(Set.of(), ProtocolSpec.gap(Set.of()));
        assertEquals(Optional.of(TLSv1), ProtocolSpec.lowestRunTop(Set.of(TLSv1, TLSv1_2, TLSv1_3)));
        assertEquals(Optional.of(TLSv1_1), ProtocolSpec.lowestRunTop(Set.of(TLSv1, TLSv1_1, TLSv1_3)));
        assertEquals(Optional.of(TLSv1_3), ProtocolSpec.lowestRunTop(Set.of(TLSv1_2, TLSv1_3)));
        assertEquals(Optional.empty(), ProtocolSpec.lowestRunTop(Set.of()));
    }

    private static Set<TlsVersion> nginxWith(String protocols, String ciphers) {
        ProtocolSpec.Result r = ProtocolSpec.nginx(List.of(protocols.split(" ")), V3);
        CipherList l = CipherDirectives.nginxSslCiphers(ciphers, V3);
        List<CipherSuite> all = new java.util.ArrayList<>(l.suites());
        all.addAll(l.tls13());
        ProtocolSpec.Result g = ProtocolSpec.nginxWithCiphers(r, all);
        assertEquals(r.configured(), g.configured());
        return g.effective();
    }

    @Test
    void nginxGapNeedsASuiteAtTheTopOfTheLowestRun() {
        String gcm = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384";
        // only TLS 1.2 suites: nothing at TLS 1.0 / 1.1, so no handshake at all
        assertEquals(Set.of(), nginxWith("TLSv1 TLSv1.2 TLSv1.3", gcm));
        assertEquals(Set.of(), nginxWith("TLSv1 TLSv1.2", gcm + ":@SECLEVEL=0"));
        assertEquals(Set.of(), nginxWith("TLSv1.1 TLSv1.3", gcm));
        assertEquals(Set.of(), nginxWith("SSLv3 TLSv1 TLSv1.2", gcm));
        // one suite that works with TLS 1.0: the set as listed, gap and all
        assertEquals(Set.of(TLSv1, TLSv1_2, TLSv1_3), nginxWith("TLSv1 TLSv1.2 TLSv1.3", gcm + ":ECDHE-RSA-AES128-SHA"));
        assertEquals(Set.of(TLSv1_1, TLSv1_3), nginxWith("TLSv1.1 TLSv1.3", "HIGH:!aNULL:!MD5"));
        // contiguous sets are left alone, whatever the list
        assertEquals(Set.of(TLSv1_2, TLSv1_3), nginxWith("TLSv1.2 TLSv1.3", gcm));
        assertEquals(Set.of(TLSv1, TLSv1_1, TLSv1_2), nginxWith("TLSv1 TLSv1.1 TLSv1.2", gcm));
        assertEquals(Set.of(TLSv1_3), nginxWith("TLSv1.3", gcm));
    }

    @Test
    void apacheGapKeepsTheRunEndingAtTheTop() {
        assertEquals(Set.of(TLSv1_2), ProtocolSpec.apache("-all +TLSv1 +TLSv1.2", V3).effective());
        assertEquals(Set.of(TLSv1_3), ProtocolSpec.apache("-all +TLSv1 +TLSv1.3", V3).effective());
        assertEquals(Set.of(TLSv1_3), ProtocolSpec.apache("-all +TLSv1.1 +TLSv1.3", V3).effective());
        assertEquals(Set.of(TLSv1_2, TLSv1_3), ProtocolSpec.apache("-all +TLSv1 +TLSv1.2 +TLSv1.3", V3).effective());
        assertEquals(Set.of(TLSv1, TLSv1_2, TLSv1_3), ProtocolSpec.apache("-all +TLSv1 +TLSv1.2 +TLSv1.3", V3).configured());
    }

    @Test
    void apacheAlgebra() {
        assertEquals(Set.of(TLSv1, TLSv1_1, TLSv1_2, TLSv1_3), apache("all -SSLv3"));
        assertEquals(Set.of(TLSv1, TLSv1_1, TLSv1_2, TLSv1_3), ProtocolSpec.apacheDefault(V3).configured());
        assertEquals(Set.of(TLSv1_2, TLSv1_3), apache("-all +TLSv1.2 +TLSv1.3"));
        assertEquals(Set.of(TLSv1_2), apache("+TLSv1.3 TLSv1.2"));
        assertEquals(Set.of(TLSv1_2, TLSv1_3), apache("tlsv1.2 +TLSV1.3"));
        assertEquals(Set.of(TLSv1_2, TLSv1_3), apache("ALL -tlsv1 -TLSv1.1"));
        assertEquals(Set.of(TLSv1_2), apache("-SSLv3 +TLSv1.2"));
        assertEquals(Set.of(TLSv1_2), apache("-SSLv2 TLSv1.2"));
    }

    @Test
    void apacheHolesCutOffLowerVersions() {
        ProtocolSpec.Result r = ProtocolSpec.apache("TLSv1 +TLSv1.2", V3);
        assertEquals(Set.of(TLSv1, TLSv1_2), r.configured());
        assertEquals(Set.of(TLSv1_2), r.effective());
        assertFalse(r.allows(TLSv1));
        assertEquals(Set.of(TLSv1_2, TLSv1_3), ProtocolSpec.apache("all -TLSv1.1", V3).effective());
    }

    @Test
    void apacheErrorsReadLikeHttpd() {
        assertEquals(Optional.of("SSLv3 not supported by this version of OpenSSL"),
                ProtocolSpec.apache("SSLv3", V3).error());
        assertEquals(Optional.of("SSLProtocol: SSLv2 is no longer supported"), ProtocolSpec.apache("SSLv2", V3).error());
        assertEquals(Optional.of("SSLProtocol: Illegal protocol 'foo'"), ProtocolSpec.apache("foo", V3).error());
        assertEquals(Optional.of("SSLProtocol: Illegal protocol 'TLSv1.0'"), ProtocolSpec.apache("TLSv1.0", V3).error());
        assertTrue(ProtocolSpec.apache("-all", V3).error().orElseThrow().startsWith("No SSL protocols available"));
    }

    @Test
    void nginxListsAndDefaults() {
        ProtocolSpec.Result r = ProtocolSpec.nginx(List.of("SSLv3", "TLSv1.2", "tlsv1.3"), V3);
        assertTrue(r.ok());
        assertEquals(Set.of(SSLv3, TLSv1_2, TLSv1_3), r.configured());
        assertEquals(Set.of(TLSv1_2, TLSv1_3), r.effective());
        assertEquals(Optional.of("invalid value \"TLSv1.0\""), ProtocolSpec.nginx(List.of("TLSv1.0"), V3).error());
        assertEquals(Set.of(TLSv1, TLSv1_1, TLSv1_2), ProtocolSpec.nginxDefault("1.22.1", V3).configured());
        assertEquals(Set.of(TLSv1, TLSv1_1, TLSv1_2), ProtocolSpec.nginxDefault("1.23.3", V3).configured());
        assertEquals(Set.of(TLSv1, TLSv1_1, TLSv1_2, TLSv1_3), ProtocolSpec.nginxDefault("1.23.4", V3).configured());
        assertEquals(Set.of(TLSv1, TLSv1_1, TLSv1_2, TLSv1_3), ProtocolSpec.nginxDefault("1.27.2", V3).configured());
        assertEquals(Set.of(TLSv1_2, TLSv1_3), ProtocolSpec.nginxDefault("1.27.3", V3).configured());
        assertEquals(Set.of(TLSv1_2, TLSv1_3), ProtocolSpec.nginxDefault("1.29.0", V3).configured());
        assertEquals(Set.of(TLSv1, TLSv1_1, TLSv1_2, TLSv1_3), ProtocolSpec.nginxDefault(null, V3).configured());
    }

    private static void requireBinary(String path) {
        boolean present = Files.isExecutable(Path.of(path));
        if ("1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"))) {
            Assertions.assertTrue(present, path + " is required (PROXYLINT_REQUIRE_SERVERS=1)");
        } else {
            Assumptions.assumeTrue(present, path + " not installed; skipping");
        }
    }

    private static String run(Path dir, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        Path out = dir.resolve("out.txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return p.exitValue() + "|" + Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    /** httpd's own config check (apache2 -t, no server started) agrees on accepted/rejected values. */
    @Test
    void apacheConfigTestAgrees(@TempDir Path dir) throws Exception {
        requireBinary("/usr/sbin/apache2");
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/lib/apache2/modules/mod_ssl.so")), "mod_ssl missing");
        for (String v : List.of("all -SSLv3", "SSLv3", "foo", "SSLv2", "TLSv1.0", "tlsv1.2 +TLSV1.3")) {
            String conf = "ServerRoot " + dir + "\nDefaultRuntimeDir " + dir + "\nPidFile " + dir.resolve("pid")
                    + "\nErrorLog " + dir.resolve("error.log") + "\nServerName localhost\nListen 127.0.0.1:" + freePort() + "\n"
                    + "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n"
                    + "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
                    + "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\nSSLProtocol " + v + "\n";
            Path f = dir.resolve("t.conf");
            Files.writeString(f, conf);
            String out = run(dir, "/usr/sbin/apache2", "-t", "-f", f.toString());
            ProtocolSpec.Result r = ProtocolSpec.apache(v, V3);
            if (r.ok()) {
                assertTrue(out.startsWith("0|"), v + " -> " + out);
            } else {
                assertTrue(out.contains(r.error().get()), v + " -> " + out);
            }
        }
    }

    /** nginx -t agrees on which ssl_protocols values are invalid. */
    @Test
    void nginxConfigTestAgrees(@TempDir Path dir) throws Exception {
        requireBinary("/usr/sbin/nginx");
        for (String v : List.of("TLSv1.2 TLSv1.3", "tlsv1.2", "TLSv1.0", "SSLv2 SSLv3", "foo")) {
            Files.createDirectories(dir.resolve("logs"));
            String conf = "pid " + dir.resolve("pid") + ";\nerror_log " + dir.resolve("error.log")
                    + ";\nevents {}\nhttp { ssl_protocols " + v + "; }\n";
            Path f = dir.resolve("t.conf");
            Files.writeString(f, conf);
            String out = run(dir, "/usr/sbin/nginx", "-t", "-q", "-p", dir.toString(), "-c", f.toString());
            ProtocolSpec.Result r = ProtocolSpec.nginx(List.of(v.split(" ")), V3);
            if (r.ok()) {
                assertTrue(out.startsWith("0|"), v + " -> " + out);
            } else {
                assertTrue(out.contains(r.error().get()), v + " -> " + out);
            }
        }
    }
}
