package dev.proxylint.facts;

import dev.proxylint.tls.OpensslVersion;
import java.util.List;

/**
 * What facts depend on beyond the config itself: target versions, the OpenSSL the servers are
 * built with, the TLS profile and how WebSocket intent is inferred. Rules hand these down from
 * their own settings; facts import nothing from {@code rules}.
 *
 * @param nginxVersion   target nginx version, or null when unknown (older behaviour is assumed)
 * @param apacheVersion  target Apache version, or null when unknown
 * @param tlsProfile     profile name, e.g. {@code mozilla-intermediate}
 * @param websocket      {@code auto} (infer intent), {@code always} (every proxied route needs
 *                       upgrades) or {@code never}
 * @param websocketPaths path segments that mark a socket endpoint ({@code ws}, {@code socket.io}, ...)
 * @param opensslVersion the OpenSSL of the servers, or null for {@link OpensslVersion#DEFAULT}
 */
public record FactSettings(String nginxVersion, String apacheVersion, String tlsProfile, String websocket,
        List<String> websocketPaths, OpensslVersion opensslVersion) {

    /** Path segments that, by common convention, name a WebSocket endpoint. */
    public static final List<String> DEFAULT_WEBSOCKET_PATHS = List.of("ws", "wss", "websocket", "websockets",
            "socket.io", "sockjs", "sockjs-node", "cable", "hub", "hubs", "signalr", "xmpp-websocket", "graphql-ws",
            "terminals", "_stcore");

    public static FactSettings defaults() {
        return new FactSettings(null, null, "mozilla-intermediate", "auto", DEFAULT_WEBSOCKET_PATHS, null);
    }

    /** The OpenSSL whose behaviour the TLS facts model: the one given, else the default (OpenSSL 3). */
    public OpensslVersion openssl() {
        return opensslVersion != null ? opensslVersion : OpensslVersion.DEFAULT;
    }
}
