package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real judge: a private nginx or Apache httpd (own config, PID file, logs, temp dirs under @TempDir, on
 * 127.0.0.1 and a free port) configured with a cipher string; `openssl s_client` then tries every
 * suite an RSA certificate could serve. A handshake must succeed exactly for the suites proxylint
 * computes, and with the server's order on, a client offering everything gets proxylint's first.
 */
class ServerNegotiationTest {
    static final String NGINX = "/usr/sbin/nginx";
    static final String APACHE = "/usr/sbin/apache2";
    static final String MODULES = "/usr/lib/apache2/modules/";
    /** Includes anonymous AECDH suites: nginx offers them, Apache's appended !aNULL removes them. */
    static final String CIPHERS =
            "kRSA+AESGCM:ECDHE-RSA-AES128-SHA:AES128-SHA:-AES256-GCM-SHA384:CAMELLIA:AECDH:+kRSA:@SECLEVEL=0";
    static final String APACHE_CIPHERS = "ALL:-ECDHE:ECDHE-RSA-AES256-SHA:+AES128:@SECLEVEL=0";

    @Test
    void nginxOffersWhatProxylintComputes(@TempDir Path dir) throws Exception {
        boolean present = Files.isExecutable(Path.of(NGINX)) && Files.isExecutable(Path.of(OpensslRunner.OPENSSL));
        if ("1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"))) {
            Assertions.assertTrue(present, "nginx and openssl are required (PROXYLINT_REQUIRE_SERVERS=1)");
        } else {
            Assumptions.assumeTrue(present, "nginx or openssl not installed; skipping");
        }
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        exec(dir, 60, OpensslRunner.OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost");
        int port = freePort();
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        String t = dir.resolve("tmp").toString();
        String conf = "daemon off;\nmaster_process off;\npid " + dir.resolve("nginx.pid") + ";\nerror_log "
                + dir.resolve("logs/error.log") + ";\nevents {}\nhttp {\n  access_log off;\n"
                + "  client_body_temp_path " + t + "/cb;\n  proxy_temp_path " + t + "/p;\n  fastcgi_temp_path " + t
                + "/f;\n  uwsgi_temp_path " + t + "/u;\n  scgi_temp_path " + t + "/s;\n"
                + "  server {\n    listen 127.0.0.1:" + port + " ssl;\n    ssl_certificate " + cert
                + ";\n    ssl_certificate_key " + key + ";\n    ssl_protocols TLSv1.2;\n    ssl_ciphers \"" + CIPHERS
                + "\";\n    ssl_prefer_server_ciphers on;\n    return 200 ok;\n  }\n}\n";
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        ProcessBuilder pb = new ProcessBuilder(NGINX, "-p", dir.toString(), "-c", confFile.toString());
        pb.environment().put("OPENSSL_CONF", "/dev/null");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("logs/stdout.log").toFile());
        Process nginx = pb.start();
        try {
            waitForPort(port, nginx, dir);
            probe(dir, port, CIPHERS, false);
        } finally {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Tries every suite an RSA certificate can serve (DHE only on Apache: mod_ssl supplies DH
     * parameters, nginx without ssl_dhparam does not) and checks the handshakes
     * succeed exactly for the suites proxylint computes for {@code ciphers} (with mod_ssl's suffix
     * when {@code apache}); a client offering everything must get proxylint's first choice.
     */
    private static void probe(Path dir, int port, String ciphers, boolean apache) throws Exception {
            CipherTable table = CipherTable.defaultTable();
        List<String> candidates = new ArrayList<>();
        for (CipherSuite s : table.legacySuites()) {
            if ((s.au() == CipherSuite.Au.RSA || s.au() == CipherSuite.Au.NULL) && (s.kx() == CipherSuite.Kx.RSA || s.kx() == CipherSuite.Kx.ECDHE
                    || apache && s.kx() == CipherSuite.Kx.DHE)) {
                candidates.add(s.name());
            }
        }
        List<String> expected = new ArrayList<>();
        for (String n : (apache ? CipherDirectives.apacheSslCipherSuite(ciphers, OpensslVersion.V3_0)
                : CipherDirectives.nginxSslCiphers(ciphers, OpensslVersion.V3_0)).names()) {
            if (candidates.contains(n)) {
                expected.add(n);
            }
        }
        assertTrue(expected.size() >= 5, "test string should leave several negotiable suites: " + expected);
        StringBuilder script = new StringBuilder();
        for (String c : candidates) {
            script.append(c).append('\n');
        }
        script.append("ALL:COMPLEMENTOFALL\n");
        Path in = dir.resolve("probe.txt");
        Files.writeString(in, script.toString());
        ProcessBuilder probe = new ProcessBuilder("/bin/sh", "-c",
                "while IFS= read -r c; do r=$(\"$0\" s_client -connect 127.0.0.1:$1 -tls1_2 -cipher \"$c:@SECLEVEL=0\""
                        + " </dev/null 2>/dev/null | sed -n 's/^ *Cipher *: *//p' | head -n 1);"
                        + " echo \"$c => ${r:-FAIL}\"; done",
                OpensslRunner.OPENSSL, Integer.toString(port));
        probe.environment().put("OPENSSL_CONF", "/dev/null");
        probe.redirectInput(in.toFile());
        Path out = dir.resolve("probe.out");
        probe.redirectOutput(out.toFile());
        probe.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = probe.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("s_client probes timed out");
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(candidates.size() + 1, lines.size(), String.join("\n", lines));
        List<String> negotiated = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String got = lines.get(i).substring(lines.get(i).indexOf("=> ") + 3);
            if (!got.equals("FAIL") && !got.equals("0000")) {
                assertEquals(candidates.get(i), got);
                negotiated.add(candidates.get(i));
            }
        }
        List<String> expectedInTableOrder = new ArrayList<>(candidates);
        expectedInTableOrder.retainAll(expected);
        assertEquals(expectedInTableOrder, negotiated);
        String last = lines.get(candidates.size());
        assertEquals(expected.get(0), last.substring(last.indexOf("=> ") + 3), "server preference order");
    }

    @Test
    void apacheOffersWhatProxylintComputes(@TempDir Path dir) throws Exception {
        boolean present = Files.isExecutable(Path.of(APACHE)) && Files.exists(Path.of(MODULES + "mod_ssl.so"))
                && Files.isExecutable(Path.of(OpensslRunner.OPENSSL));
        if ("1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"))) {
            Assertions.assertTrue(present, "apache2 with mod_ssl and openssl are required (PROXYLINT_REQUIRE_SERVERS=1)");
        } else {
            Assumptions.assumeTrue(present, "apache2/mod_ssl or openssl not installed; skipping");
        }
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        exec(dir, 60, OpensslRunner.OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost");
        int port = freePort();
        Files.createDirectories(dir.resolve("logs"));
        String conf = "ServerRoot " + dir + "\nDefaultRuntimeDir " + dir + "\nPidFile " + dir.resolve("httpd.pid")
                + "\nErrorLog " + dir.resolve("logs/error.log") + "\nServerName localhost\nMutex file:" + dir
                + " default\nListen 127.0.0.1:" + port + "\n"
                + "LoadModule mpm_event_module " + MODULES + "mod_mpm_event.so\n"
                + "LoadModule authz_core_module " + MODULES + "mod_authz_core.so\n"
                + "LoadModule socache_shmcb_module " + MODULES + "mod_socache_shmcb.so\n"
                + "LoadModule ssl_module " + MODULES + "mod_ssl.so\n"
                + "SSLSessionCache none\n"
                + "<VirtualHost 127.0.0.1:" + port + ">\n  SSLEngine on\n  SSLCertificateFile " + cert
                + "\n  SSLCertificateKeyFile " + key + "\n  SSLProtocol -all +TLSv1.2\n  SSLCipherSuite \""
                + APACHE_CIPHERS + "\"\n  SSLHonorCipherOrder on\n</VirtualHost>\n";
        Path confFile = dir.resolve("httpd.conf");
        Files.writeString(confFile, conf);
        ProcessBuilder pb = new ProcessBuilder(APACHE, "-X", "-f", confFile.toString());
        pb.environment().put("OPENSSL_CONF", "/dev/null");
        pb.environment().put("APACHE_RUN_DIR", dir.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("logs/stdout.log").toFile());
        Process httpd = pb.start();
        try {
            waitForPort(port, httpd, dir);
            assertTrue(CipherDirectives.nginxSslCiphers(APACHE_CIPHERS, OpensslVersion.V3_0).contains("AECDH-AES128-SHA"));
            probe(dir, port, APACHE_CIPHERS, true);
        } finally {
            httpd.destroy();
            if (!httpd.waitFor(10, TimeUnit.SECONDS)) {
                httpd.destroyForcibly();
                httpd.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void exec(Path dir, int seconds, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OPENSSL_CONF", "/dev/null");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("exec.log").toFile());
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("timed out: " + String.join(" ", cmd));
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("exec.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process nginx, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                Assertions.fail("nginx exited: " + Files.readString(dir.resolve("logs/stdout.log"))
                        + readIfExists(dir.resolve("logs/error.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        Assertions.fail("nginx did not listen on " + port);
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
