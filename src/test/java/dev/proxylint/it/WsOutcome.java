package dev.proxylint.it;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What one WebSocket attempt through a proxy produced: the client's status, whether a message made
 * the round trip, and what the backend saw (its request line and its verdict). The case marker
 * travels as header {@code X-Case} so the backend's record can be matched to the attempt.
 */
public record WsOutcome(int status, boolean echo, String backendRequestLine, String backendOutcome,
                        WsEchoBackend.RequestHead backendHead, String clientHead) {

    /** Handshake on {@code port}/{@code path}, then one echo when the status is 101. */
    public static WsOutcome attempt(WsEchoBackend backend, int port, String path, String marker) throws IOException {
        return attempt(backend, port, path, marker, WsClient.CHROME_CONNECTION);
    }

    /**
     * The handshake as both browser families send it (Chrome {@code Connection: Upgrade}, Firefox
     * {@code Connection: keep-alive, Upgrade}): Chrome's outcome when both agree, else the one that
     * failed, with both in its summary. A route works only when it works for both.
     */
    public static WsOutcome attemptBothBrowsers(WsEchoBackend backend, int port, String path, String marker)
            throws IOException {
        WsOutcome chrome = attempt(backend, port, path, marker, WsClient.CHROME_CONNECTION);
        WsOutcome firefox = attempt(backend, port, path, marker + "-ff", WsClient.FIREFOX_CONNECTION);
        if (chrome.summary().equals(firefox.summary())) {
            return chrome;
        }
        WsOutcome bad = chrome.summary().equals("101 echo") ? firefox : chrome;
        return new WsOutcome(bad.status, false, bad.backendRequestLine, "chrome: " + chrome.summary() + "; firefox: "
                + firefox.summary(), bad.backendHead, bad.clientHead);
    }

    public static WsOutcome attempt(WsEchoBackend backend, int port, String path, String marker, String connection)
            throws IOException {
        try (WsClient c = WsClient.connect(port)) {
            WsClient.Handshake h = c.handshake(path, Map.of("X-Case", marker), connection);
            boolean echo = false;
            if (h.status() == 101) {
                try {
                    echo = ("echo-" + marker).equals(c.echo("echo-" + marker));
                } catch (IOException e) {
                    echo = false;
                }
            }
            WsEchoBackend.RequestHead seen = lastSeen(backend, marker);
            return new WsOutcome(h.status(), echo, seen == null ? null : seen.requestLine(),
                    seen == null ? "not reached" : seen.outcome(), seen, h.head());
        }
    }

    static WsEchoBackend.RequestHead lastSeen(WsEchoBackend backend, String marker) {
        List<WsEchoBackend.RequestHead> all = backend.requests();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (marker.equals(all.get(i).header("X-Case"))) {
                return all.get(i);
            }
        }
        return null;
    }

    /** "101 echo", "400 (backend: 400 request is HTTP/1.0 ...)", "404 (backend: not reached)" ... */
    public String summary() {
        if (status == 101) {
            return echo ? "101 echo" : "101 no-echo";
        }
        return status + " (backend: " + backendOutcome + ")";
    }

    @Override
    public String toString() {
        return summary() + "\n  backend request: " + backendRequestLine
                + (backendHead == null ? "" : "\n  backend headers: " + backendHead.headers())
                + "\n  client saw:\n" + clientHead;
    }
}
