package dev.proxylint.it;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal JDK-only WebSocket client over a raw socket, so tests see the proxy's real status line.
 * Every read has a socket timeout ({@link #READ_TIMEOUT_MS} unless stated otherwise).
 *
 * <pre>
 * try (WsClient c = WsClient.connect(port)) {
 *     WsClient.Handshake h = c.handshake("/ws");
 *     assertEquals(101, h.status());
 *     assertEquals("hi", c.echo("hi"));
 *     WsClient.Idle idle = c.idle(Duration.ofSeconds(5));
 * }
 * </pre>
 */
public final class WsClient implements AutoCloseable {
    public static final int READ_TIMEOUT_MS = 5000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The response to the opening handshake. {@code acceptValid}: Sec-WebSocket-Accept matches the key. */
    public record Handshake(int status, String statusLine, Map<String, List<String>> headers, boolean acceptValid,
                            String head) {
        public String header(String name) {
            return WsFrames.first(headers, name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Outcome of an idle wait: {@code closed} when the proxy closed the connection (EOF/reset) after
     * {@code closedAfterMillis} since the last traffic; otherwise {@code echoAfterIdle} tells whether a
     * message still made the round trip after the wait.
     */
    public record Idle(boolean closed, long closedAfterMillis, boolean echoAfterIdle, String detail) {
    }

    /** A plain HTTP response (status, headers, body), read until Content-Length or EOF. */
    public record HttpResponse(int status, String statusLine, Map<String, List<String>> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private long lastTrafficNanos = System.nanoTime();

    private WsClient(Socket socket, String hostHeader) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.hostHeader = hostHeader;
    }

    public static WsClient connect(int port) throws IOException {
        return connect("127.0.0.1", port);
    }

    public static WsClient connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MS);
        s.setSoTimeout(READ_TIMEOUT_MS);
        s.setTcpNoDelay(true);
        return new WsClient(s, host + ":" + port);
    }

    /** A standard RFC 6455 opening handshake (HTTP/1.1, Upgrade, Connection, key, version 13). */
    public Handshake handshake(String path) throws IOException {
        return handshake(path, Map.of());
    }

    /** The standard handshake plus {@code extra} header fields (e.g. a case marker the backend records). */
    public Handshake handshake(String path, Map<String, String> extra) throws IOException {
        return handshake(path, extra, CHROME_CONNECTION);
    }

    /** Chrome's and Safari's handshake {@code Connection} value. */
    public static final String CHROME_CONNECTION = "Upgrade";
    /** Firefox's handshake {@code Connection} value. */
    public static final String FIREFOX_CONNECTION = "keep-alive, Upgrade";

    /** The standard handshake with a given {@code Connection} value (the browsers differ there). */
    public Handshake handshake(String path, Map<String, String> extra, String connection) throws IOException {
        String key = newKey();
        StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: ").append(connection).append("\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (Map.Entry<String, String> e : extra.entrySet()) {
            req.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        req.append("\r\n");
        return handshakeRaw(req.toString(), key);
    }

    /** Sends {@code requestHead} verbatim (must end with an empty line); {@code key} checks the accept. */
    public Handshake handshakeRaw(String requestHead, String key) throws IOException {
        out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = WsFrames.readHead(in);
        if (head == null) {
            throw new EOFException("connection closed before any response");
        }
        touch();
        String statusLine = head.split("\r?\n", 2)[0];
        Map<String, List<String>> headers = WsFrames.headers(head);
        String accept = WsFrames.first(headers, "sec-websocket-accept");
        boolean valid = key != null && accept != null && accept.equals(WsFrames.acceptFor(key));
        return new Handshake(statusCode(statusLine), statusLine, headers, valid, head);
    }

    public static String newKey() {
        byte[] k = new byte[16];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    /** Sends one masked text frame. */
    public void sendText(String text) throws IOException {
        send(WsFrames.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendPing(byte[] payload) throws IOException {
        send(WsFrames.PING, payload);
    }

    public void sendClose(int code) throws IOException {
        send(WsFrames.CLOSE, WsEchoBackend.closePayload(code, ""));
    }

    private void send(int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        WsFrames.write(out, true, opcode, payload, mask);
        touch();
    }

    /** Reads the next frame (timeout {@link #READ_TIMEOUT_MS}); returns {opcode, payload}. */
    public Frame readFrame() throws IOException {
        WsFrames.Frame f = WsFrames.read(in);
        touch();
        return new Frame(f.opcode(), f.masked(), f.payload());
    }

    public record Frame(int opcode, boolean masked, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Sends {@code text} and returns the text of the next data frame; fails if it is not a text frame. */
    public String echo(String text) throws IOException {
        sendText(text);
        Frame f = readFrame();
        if (f.opcode() != WsFrames.TEXT) {
            throw new IOException("expected a text frame, got opcode " + f.opcode());
        }
        if (f.masked()) {
            throw new IOException("server frame was masked");
        }
        return f.text();
    }

    /**
     * Stays silent for up to {@code max}: if the peer closes meanwhile, reports when (measured from
     * the last traffic on this connection); otherwise sends a message and reports whether it echoes.
     */
    /**
     * Opens a WebSocket at {@code path}, checks one echo, then stays idle for at most {@code max}:
     * the {@link Idle} outcome, or a text saying which step failed (never throws).
     */
    public static Object idleAfterEcho(int port, String path, Duration max) {
        try (WsClient client = connect(port)) {
            Handshake h = client.handshake(path);
            if (h.status() != 101) {
                return "handshake " + h.statusLine();
            }
            if (!"before".equals(client.echo("before"))) {
                return "no echo before idle";
            }
            return client.idle(max);
        } catch (IOException e) {
            return "io: " + e;
        }
    }

    public Idle idle(Duration max) throws IOException {
        long start = lastTrafficNanos;
        long remaining = max.toMillis() - (System.nanoTime() - start) / 1_000_000;
        try {
            socket.setSoTimeout((int) Math.max(1, remaining));
            int b = in.read();
            long after = (System.nanoTime() - start) / 1_000_000;
            if (b < 0) {
                return new Idle(true, after, false, "EOF");
            }
            // something arrived unprompted: report it as a close if it is a close frame
            return new Idle(true, after, false, "unexpected byte 0x" + Integer.toHexString(b) + " while idle");
        } catch (SocketTimeoutException e) {
            // still open after max
        } catch (IOException e) {
            long after = (System.nanoTime() - start) / 1_000_000;
            return new Idle(true, after, false, "read failed: " + e.getMessage());
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MS);
        }
        String probe = "after-idle-" + System.nanoTime();
        try {
            boolean ok = probe.equals(echo(probe));
            return new Idle(false, -1, ok, ok ? "echo ok" : "wrong echo");
        } catch (IOException e) {
            return new Idle(false, -1, false, "echo after idle failed: " + e.getMessage());
        }
    }

    private void touch() {
        lastTrafficNanos = System.nanoTime();
    }

    /** One plain HTTP/1.1 GET with {@code Connection: close}. */
    public static HttpResponse get(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream o = s.getOutputStream();
            o.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream i = s.getInputStream();
            String head = WsFrames.readHead(i);
            if (head == null) {
                throw new EOFException("no response");
            }
            String statusLine = head.split("\r?\n", 2)[0];
            Map<String, List<String>> headers = WsFrames.headers(head);
            String cl = WsFrames.first(headers, "content-length");
            byte[] body = cl != null ? i.readNBytes(Integer.parseInt(cl.trim())) : i.readNBytes(1 << 20);
            return new HttpResponse(statusCode(statusLine), statusLine, headers,
                    new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    static int statusCode(String statusLine) {
        String[] p = statusLine.split(" ");
        try {
            return p.length > 1 ? Integer.parseInt(p[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
