// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link WebSocketTransport} joins a lobby of a Godot demo signaling server (spec section 9). Immutable; any
 * thread. The constructor checks every field and says what is wrong in words.
 *
 * @param url             the server, {@code ws://host:port} or {@code wss://host:port} (a path is kept)
 * @param lobby           the lobby to join, or "" to create one (the server names it in its JOIN reply)
 * @param mesh            a mesh lobby (JOIN id 0) or a client/server one (JOIN id 1), as the demo client asks
 * @param connectTimeout  longest wait for the TCP connection and the WebSocket handshake
 * @param joinTimeout     longest wait, once connected, for the server to answer JOIN (with ID or JOIN)
 * @param maxMessageBytes largest message read from the server (UTF-8 bytes, after reassembling fragments)
 */
public record WebSocketOptions(
        URI url, String lobby, boolean mesh, Duration connectTimeout, Duration joinTimeout, int maxMessageBytes) {

    /**
     * Default connect timeout: a LAN or even an intercontinental TCP and TLS handshake takes well under a second, so
     * 10 s means the server is unreachable (a firewall dropping packets), not slow, while a person still gets the
     * answer within patience.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Default JOIN timeout: both demo servers answer JOIN at once, in the same event-loop turn, and close a
     * connection that has not joined within 1 s themselves; a server silent for 5 s after the handshake is not a
     * demo signaling server (or is stuck).
     */
    public static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Default largest message: the largest SDP MeshScope accepts is 64 KiB and JSON escaping of its line breaks adds
     * a few percent, while Godot's own {@code WebSocketPeer} refuses messages above its 64 KiB inbound buffer, so no
     * demo peer sends more; 128 KiB (the folder transport's bound too) keeps every real message and refuses a
     * server that floods.
     */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;

    /** The demo servers' port (server.js {@code PORT}, the demo GUI's default URL), for examples in messages. */
    public static final int DEMO_PORT = 9080;

    /** Checks every field. */
    public WebSocketOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(lobby, "lobby");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(joinTimeout, "joinTimeout");
        String problem = urlProblem(url);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (!positive(connectTimeout) || !positive(joinTimeout)) {
            throw new IllegalArgumentException(
                    "the connect and JOIN timeouts must be positive, not " + connectTimeout + " and " + joinTimeout);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("the largest message must be at least 1 byte, not " + maxMessageBytes);
        }
        if (lobby.indexOf('\n') >= 0 || lobby.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a lobby name is one line: remove the line break from it");
        }
    }

    /** Options with the default timeouts and bound. */
    public static WebSocketOptions of(URI url, String lobby, boolean mesh) {
        return new WebSocketOptions(url, lobby, mesh, CONNECT_TIMEOUT, JOIN_TIMEOUT, MAX_MESSAGE_BYTES);
    }

    /** These options with other timeouts (tests, slow links). */
    public WebSocketOptions withTimeouts(Duration connect, Duration join) {
        return new WebSocketOptions(url, lobby, mesh, connect, join, maxMessageBytes);
    }

    /** These options with another largest message. */
    public WebSocketOptions withMaxMessageBytes(int bytes) {
        return new WebSocketOptions(url, lobby, mesh, connectTimeout, joinTimeout, bytes);
    }

    /**
     * Reads a server address as an operator types it ({@code ws://localhost:9080}); "host:port" without a scheme
     * gets {@code ws://}, since the demo servers speak plain WebSocket.
     *
     * @throws IllegalArgumentException saying what is wrong and what to type instead
     */
    public static URI parseUrl(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(
                    "enter the signaling server's address, e.g. ws://localhost:" + DEMO_PORT);
        }
        if (!t.contains("://")) {
            t = "ws://" + t;
        }
        URI u;
        try {
            u = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text.strip() + "\" is not a URL (" + e.getReason()
                    + "): write it as ws://host:port, e.g. ws://localhost:" + DEMO_PORT);
        }
        String problem = urlProblem(u);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return u;
    }

    /** What is wrong with {@code u} as a signaling server address, or {@code null}. */
    static @org.jspecify.annotations.Nullable String urlProblem(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            return "the signaling server's URL must start with ws:// or wss:// (a WebSocket), not \"" + u
                    + "\": e.g. ws://localhost:" + DEMO_PORT;
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            return "the signaling server's URL \"" + u + "\" names no host: write ws://HOST:PORT, e.g. ws://localhost:"
                    + DEMO_PORT;
        }
        if (u.getRawFragment() != null) {
            return "the signaling server's URL \"" + u
                    + "\" has a #fragment, which WebSocket URLs cannot have: remove it";
        }
        if (u.getRawUserInfo() != null) {
            return "the signaling server's URL \"" + u
                    + "\" carries a user name; the demo servers take none: remove it";
        }
        return null;
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
