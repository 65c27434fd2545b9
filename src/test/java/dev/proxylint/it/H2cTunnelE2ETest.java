package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WS206's claim about {@code upgrade=h2c}, on real Apache: a route that allows the h2c upgrade lets
 * a client switch its connection to a tunnel, and a request sent through that tunnel reaches the
 * backend although Apache denies that path ({@code <Location /app/admin> Require all denied});
 * with {@code upgrade=websocket} (WS206's fix) the same h2c request is proxied as a plain one, no
 * tunnel opens, and the denied path stays denied. proxylint reports WS206 on the first config and
 * not on the fixed one. The backend is a small in-process server that accepts an h2c upgrade and
 * then answers whatever request comes through the tunnel with SECRET.
 */
class H2cTunnelE2ETest {
    @TempDir
    static Path tmp;
    private static ServerSocket backend;
    private static final List<String> seen = new CopyOnWriteArrayList<>();
    private static Thread acceptor;

    @BeforeAll
    static void startBackend() throws IOException {
        backend = new ServerSocket();
        backend.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(() -> {
            while (!backend.isClosed()) {
                try (Socket s = backend.accept()) {
                    s.setSoTimeout(5000);
                    serve(s);
                } catch (IOException e) {
                    // closed, or one connection failed: the next one is served
                }
            }
        }, "h2c-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopBackend() throws Exception {
        if (backend != null) {
            backend.close();
            acceptor.join(5000);
        }
    }

    /** One connection: an h2c upgrade gets 101 and the next request on the socket SECRET; anything else PLAIN. */
    private static void serve(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        String head = readHead(in);
        seen.add("request: " + head.lines().findFirst().orElse(""));
        if (head.toLowerCase(Locale.ROOT).contains("\nupgrade: h2c")) {
            out.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String tunnelled = readHead(in);
            seen.add("tunnelled: " + tunnelled.lines().findFirst().orElse(""));
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nSECRET".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nPLAIN"
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    /** Reads up to the blank line that ends a request or response head (bounded: 64 KiB, socket timeout). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && b.size() < 65536) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static String readAll(InputStream in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0 && b.size() < 65536) {
                b.write(buf, 0, n);
                if (b.toString(StandardCharsets.ISO_8859_1).contains("SECRET")) {
                    break;
                }
            }
        } catch (IOException e) {
            // timeout or reset: what arrived so far is the answer
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static String vhost(String upgrade) {
        return "<VirtualHost 127.0.0.1:@PORT@>\n"
                + "    ProxyPass /app http://127.0.0.1:" + backend.getLocalPort() + "/app upgrade=" + upgrade + "\n"
                + "    <Location /app/admin>\n"
                + "        Require all denied\n"
                + "    </Location>\n"
                + "</VirtualHost>\n";
    }

    /** The h2c upgrade at /app, then a request for the denied /app/admin through what it opened. */
    static String[] attempt(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /app HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = readHead(s.getInputStream());
            if (!first.startsWith("HTTP/1.1 101")) {
                return new String[] {first, ""};
            }
            out.write("GET /app/admin HTTP/1.1\r\nHost: internal\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String[] {first, readAll(s.getInputStream())};
        }
    }

    static String direct(int port, String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return readHead(s.getInputStream()).lines().findFirst().orElse("");
        }
    }

    static String lint(String upgrade) throws IOException {
        Path conf = Files.createTempFile(tmp, "h2c", ".conf");
        Files.writeString(conf, "Listen 127.0.0.1:8000\n" + vhost(upgrade).replace("@PORT@", "8000"));
        return CliRun.of("check", "--dialect", "apache", "--apache-version", "2.4.62", "--format", "concise",
                "--select", "WS", conf.toString()).out();
    }

    @Test
    void h2cUpgradeTunnelsPastApacheAccessRulesAndTheFixClosesIt() throws Exception {
        String flagged = lint("h2c");
        assertTrue(flagged.contains("[WS206]"), flagged);
        String fixed = lint("websocket");
        assertFalse(fixed.contains("[WS206]") || fixed.contains("[WS211]"), fixed);

        try (ApacheProcess a = ApacheProcess.create(tmp).modules("proxy", "proxy_http").body(vhost("h2c"))) {
            a.start();
            assertTrue(direct(a.port(), "/app/admin").startsWith("HTTP/1.1 403"), "Apache denies /app/admin itself");
            seen.clear();
            String[] r = attempt(a.port());
            assertTrue(r[0].startsWith("HTTP/1.1 101"), "upgrade=h2c lets the h2c upgrade through: " + r[0]);
            assertTrue(r[1].contains("SECRET"), "the tunnelled request got an answer: " + r[1]);
            assertTrue(seen.contains("tunnelled: GET /app/admin HTTP/1.1"),
                    "the denied path reached the backend through the tunnel: " + seen);
        }
        try (ApacheProcess a = ApacheProcess.create(tmp).modules("proxy", "proxy_http").body(vhost("websocket"))) {
            a.start();
            seen.clear();
            String[] r = attempt(a.port());
            assertFalse(r[0].startsWith("HTTP/1.1 101"), "upgrade=websocket does not switch to h2c: " + r[0]);
            assertTrue(r[0].startsWith("HTTP/1.1 200"), r[0]);
            assertEquals(List.of("request: GET /app HTTP/1.1"), seen, "proxied as a plain request, no tunnel");
            assertTrue(direct(a.port(), "/app/admin").startsWith("HTTP/1.1 403"));
        }
    }
}
