package dev.proxylint.it;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK-only WebSocket echo server on 127.0.0.1 (ephemeral port) that is strict about the RFC 6455
 * opening handshake.
 *
 * <p>A request carrying any of {@code Upgrade}, {@code Sec-WebSocket-Key} or
 * {@code Sec-WebSocket-Version} is a WebSocket attempt and must be: GET, HTTP/1.1 or later,
 * {@code Upgrade} with the {@code websocket} token, {@code Connection} with the {@code upgrade}
 * token, a {@code Sec-WebSocket-Key} that decodes to 16 bytes and {@code Sec-WebSocket-Version: 13};
 * otherwise it gets 400 and the reason is recorded. Any other request gets {@code 200 OK} with body
 * {@link #PLAIN_BODY} and {@code Connection: close}. After 101 it echoes text and binary frames
 * (unmasked), answers ping with pong and close with close. It never sends anything unprompted.
 */
public final class WsEchoBackend implements AutoCloseable {
    public static final String PLAIN_BODY = "plain-ok\n";

    /** One received request head and what the backend answered ("101", "200" or "400 reason"). */
    public record RequestHead(String requestLine, String method, String target, String version,
                              Map<String, List<String>> headers, String outcome) {
        public String header(String name) {
            return WsFrames.first(headers, name.toLowerCase(Locale.ROOT));
        }

        public boolean upgraded() {
            return outcome.equals("101");
        }
    }

    private final ServerSocket server;
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final List<RequestHead> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger framesEchoed = new AtomicInteger();
    private volatile boolean closed;

    private WsEchoBackend() throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        pool = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "ws-echo-" + server.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "ws-echo-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    public static WsEchoBackend start() throws IOException {
        WsEchoBackend b = new WsEchoBackend();
        b.acceptor.start();
        return b;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, the {@code @BACKEND@} placeholder. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    /** Every request head received so far, in arrival order. */
    public List<RequestHead> requests() {
        return List.copyOf(requests);
    }

    /** Reasons of every refused (400) upgrade attempt. */
    public List<String> refusals() {
        List<String> r = new ArrayList<>();
        for (RequestHead h : requests) {
            if (h.outcome().startsWith("400")) {
                r.add(h.outcome().substring(4));
            }
        }
        return r;
    }

    public int framesEchoed() {
        return framesEchoed.get();
    }

    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            open.add(s);
            try {
                pool.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            // generous but bounded: the proxy, not the backend, must be what ends an idle tunnel
            s.setSoTimeout(120_000);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String head = WsFrames.readHead(in);
            if (head == null) {
                return;
            }
            String requestLine = head.split("\r?\n", 2)[0];
            String[] parts = requestLine.split(" ");
            String method = parts.length > 0 ? parts[0] : "";
            String target = parts.length > 1 ? parts[1] : "";
            String version = parts.length > 2 ? parts[2] : "";
            Map<String, List<String>> headers = WsFrames.headers(head);
            boolean attempt = headers.containsKey("upgrade") || headers.containsKey("sec-websocket-key")
                    || headers.containsKey("sec-websocket-version");
            if (!attempt) {
                requests.add(new RequestHead(requestLine, method, target, version, headers, "200"));
                byte[] body = PLAIN_BODY.getBytes(StandardCharsets.US_ASCII);
                String resp = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n";
                out.write(resp.getBytes(StandardCharsets.US_ASCII));
                if (!method.equals("HEAD")) {
                    out.write(body);
                }
                out.flush();
                return;
            }
            String why = refusal(method, version, headers);
            if (why != null) {
                requests.add(new RequestHead(requestLine, method, target, version, headers, "400 " + why));
                byte[] body = ("refused: " + why + "\n").getBytes(StandardCharsets.US_ASCII);
                String resp = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n";
                out.write(resp.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return;
            }
            requests.add(new RequestHead(requestLine, method, target, version, headers, "101"));
            String accept = WsFrames.acceptFor(WsFrames.first(headers, "sec-websocket-key"));
            String resp = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
            out.write(resp.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            echo(in, out);
        } catch (SocketTimeoutException | EOFException | SocketException e) {
            // peer went away or stayed silent too long: just close
        } catch (IOException e) {
            // malformed input: close
        } finally {
            open.remove(s);
        }
    }

    /** Why an upgrade attempt is refused, or null when it is a valid RFC 6455 opening handshake. */
    static String refusal(String method, String version, Map<String, List<String>> headers) {
        if (!method.equals("GET")) {
            return "method " + method + " is not GET";
        }
        if (!version.equals("HTTP/1.1")) {
            return "request is " + version + ", RFC 6455 needs HTTP/1.1";
        }
        if (!headers.containsKey("host")) {
            return "no Host header";
        }
        if (!WsFrames.hasToken(headers, "upgrade", "websocket")) {
            return "no Upgrade: websocket (got " + headers.get("upgrade") + ")";
        }
        if (!WsFrames.hasToken(headers, "connection", "upgrade")) {
            return "Connection lacks the upgrade token (got " + headers.get("connection") + ")";
        }
        String key = WsFrames.first(headers, "sec-websocket-key");
        if (key == null) {
            return "no Sec-WebSocket-Key";
        }
        try {
            if (Base64.getDecoder().decode(key.trim()).length != 16) {
                return "Sec-WebSocket-Key does not decode to 16 bytes";
            }
        } catch (IllegalArgumentException e) {
            return "Sec-WebSocket-Key is not base64";
        }
        if (!"13".equals(WsFrames.first(headers, "sec-websocket-version"))) {
            return "Sec-WebSocket-Version is " + headers.get("sec-websocket-version") + ", not 13";
        }
        return null;
    }

    private void echo(InputStream in, OutputStream out) throws IOException {
        while (true) {
            WsFrames.Frame f = WsFrames.read(in);
            if (!f.masked()) {
                WsFrames.write(out, true, WsFrames.CLOSE, closePayload(1002, "client frames must be masked"), null);
                return;
            }
            switch (f.opcode()) {
                case WsFrames.TEXT, WsFrames.BINARY, 0x0 -> {
                    WsFrames.write(out, f.fin(), f.opcode(), f.payload(), null);
                    framesEchoed.incrementAndGet();
                }
                case WsFrames.PING -> WsFrames.write(out, true, WsFrames.PONG, f.payload(), null);
                case WsFrames.PONG -> {
                    // unsolicited pong: ignore
                }
                case WsFrames.CLOSE -> {
                    WsFrames.write(out, true, WsFrames.CLOSE, f.payload(), null);
                    return;
                }
                default -> {
                    WsFrames.write(out, true, WsFrames.CLOSE, closePayload(1002, "unknown opcode"), null);
                    return;
                }
            }
        }
    }

    static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
