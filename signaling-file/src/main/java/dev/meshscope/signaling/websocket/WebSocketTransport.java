// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.SignalTransport;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Signaling through a Godot demo signaling server over WebSocket (godot-demo-projects
 * {@code networking/webrtc_signaling}, spec section 9), on the JDK's {@link java.net.http.WebSocket}. Once the
 * connection is open it sends {@code JOIN} (id 0 for a mesh, 1 for client/server; data the lobby name, "" to create
 * one), then delivers what the server sends ({@code ID}, {@code JOIN}, {@code PEER_CONNECT}, {@code PEER_DISCONNECT},
 * relayed {@code OFFER}/{@code ANSWER}/{@code CANDIDATE}, {@code SEAL}) to the sink, unchanged. The demo client's
 * rules are {@code LobbySession}'s; this class checks only what a frame is:
 * <ul>
 *   <li>fragments are reassembled, up to {@link WebSocketOptions#maxMessageBytes()}; a larger message is read to its
 *       end, refused and dropped;</li>
 *   <li>a binary frame, text that is not JSON, and JSON that is not {@code {"type": int, "id": int, "data": string}}
 *       ({@link SignalJson#readStrict}) are refused: a notice, a REFUSED trace, nothing else changes (the connection
 *       stays up, as the demo client's {@code _parse_msg} just returns false);</li>
 *   <li>a server that does not answer JOIN (with {@code ID} or {@code JOIN}) within
 *       {@link WebSocketOptions#joinTimeout()} is left, and the sink is closed with that reason;</li>
 *   <li>a close by the server reaches the sink as its code and reason as they came, then what they mean and what to
 *       do ({@code 4000 "Lobby is sealed"}: ask the host for a new lobby; {@code 1000 "Seal complete"} after the
 *       seal: normal); a refused connection, an unknown host, a timeout or a failed handshake likewise.</li>
 * </ul>
 * Everything else (unknown types, a CANDIDATE that is not 3 parts, messages from peers not in the session) is
 * {@code LobbySession}'s to judge and trace.
 *
 * <p>Threads: one thread of this transport ({@code ws-signal-<n>}) makes every sink call, one at a time, in the
 * order the server sent, and runs the JOIN timer; the JDK's HTTP client does the I/O on its own threads and only
 * hands frames over (copied before its callback returns). The next frame is requested only once the previous one
 * was handled, so a flooding server is held back by TCP, not by memory. {@link #send} and {@link #close} may be
 * called from any thread and never block: messages are queued in call order and written one at a time (the
 * WebSocket allows one outstanding send). The transport owns its queue and its partial-message buffer.
 */
public final class WebSocketTransport implements SignalTransport {
    /**
     * Most messages waiting to be written: a negotiation sends one description and about ten candidates per peer, so
     * 10000 waiting means the server stopped reading (a stuck server or a dead link), not a busy lobby.
     */
    public static final int MAX_QUEUED = 10_000;

    /**
     * How long {@link #close} lets the server answer this peer's close before the connection is dropped: a live
     * server answers within a round trip; a dead one must not keep a socket and a thread for long.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** Normal closure (RFC 6455). */
    private static final int NORMAL_CLOSURE = 1000;

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Where the connection stands; moved only on the transport thread, by {@link #moveTo}. */
    private enum State {
        /** Not started. */
        NEW,
        /** The TCP connection and the WebSocket handshake are under way. */
        CONNECTING,
        /** JOIN is sent; waiting for the server's ID or JOIN. */
        JOINING,
        /** The server answered JOIN. */
        JOINED,
        /** Left, refused or lost; the sink was closed. */
        CLOSED
    }

    private final WebSocketOptions options;
    private final ScheduledThreadPoolExecutor thread;
    private final Object lock = new Object();

    // Guarded by lock.
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean sending;
    private @Nullable WebSocket socket;
    private boolean closeRequested;
    private boolean closeSent;

    private final AtomicBoolean begun = new AtomicBoolean();
    private final AtomicBoolean dropReported = new AtomicBoolean();
    private volatile boolean ended;

    // Confined to the transport thread. start() sets the sink before anything is posted to that thread.
    @SuppressWarnings("NullAway.Init")
    private Sink sink;

    private State state = State.NEW;
    private int ownId;
    private @Nullable ScheduledFuture<?> joinTimer;
    private @Nullable ScheduledFuture<?> disposal;
    /** The message being reassembled (at most {@link SignalTrace#MAX_DATA_CHARS} kept once it is too large). */
    private final StringBuilder partial = new StringBuilder();

    private long partialBytes;
    private boolean partialTooLarge;
    private long binaryBytes;

    /** A transport for one lobby join; nothing happens on the network before {@link #start}. */
    public WebSocketTransport(WebSocketOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        String name = "ws-signal-" + INSTANCES.incrementAndGet();
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    /** The options this transport joins with. */
    public WebSocketOptions options() {
        return options;
    }

    /** {@link SignalTrace#WEBSOCKET}. */
    @Override
    public String path() {
        return SignalTrace.WEBSOCKET;
    }

    /** Connects and joins; {@code sink} gets everything from now on, on the transport thread. Call once. */
    @Override
    public void start(Sink sink) {
        if (!begun.compareAndSet(false, true)) {
            throw new IllegalStateException("the WebSocket transport is already started");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        post(this::connect);
    }

    /**
     * Queues {@code message} for the server ({@code id} is the destination of OFFER/ANSWER/CANDIDATE). Any thread;
     * never blocks. Messages queued before the connection is open are sent after JOIN; after the transport closed
     * they are dropped (one notice says so).
     */
    @Override
    public void send(SignalMessage message) {
        String json = SignalJson.write(message);
        boolean overflow = false;
        synchronized (lock) {
            if (ended || closeRequested) {
                json = null;
            } else if (outbox.size() >= MAX_QUEUED) {
                overflow = true;
            } else {
                outbox.add(json);
            }
        }
        if (json == null) {
            if (dropReported.compareAndSet(false, true)) {
                post(() -> sink.notice(LobbyNotice.warning(
                        message.id(),
                        "Signaling through " + options.url() + " is closed: " + message.brief()
                                + " and any later message are not sent.")));
            }
            return;
        }
        if (overflow) {
            post(() -> fail("the server at " + options.url() + " stopped reading: " + MAX_QUEUED
                    + " messages wait to be sent. Check the server, then join again."));
            return;
        }
        pump();
    }

    /** Leaves the lobby: sends what is queued, then a normal close. Idempotent; any thread; never blocks. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closeRequested) {
                return;
            }
            closeRequested = true;
        }
        post(() -> {
            if (state != State.CLOSED) {
                moveTo(State.CLOSED);
                sink.closed("this peer left the lobby at " + options.url());
            }
        });
        pump();
        post(this::scheduleDispose);
    }

    // ---------------------------------------------------------------- transport thread

    /** The JOIN message's text, written in {@link #connect} before the handshake. Transport thread. */
    private String joinJson = "";

    private void connect() {
        moveTo(State.CONNECTING);
        // Written (and Jackson warmed up) before the handshake: the demo servers close a peer that has not joined
        // within 1 s of connecting, and a cold JVM under load can spend that long in first-use class loading.
        joinJson = SignalJson.write(SignalMessage.of(MessageType.JOIN, options.mesh() ? 0 : 1, options.lobby()));
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
        // Every outcome is handled in whenComplete; the returned stage carries nothing more.
        var unused = client.newWebSocketBuilder()
                .connectTimeout(options.connectTimeout())
                .buildAsync(options.url(), new Listener())
                .whenComplete((ws, err) -> {
                    if (err != null) {
                        post(() -> fail(connectProblem(options.url(), options.connectTimeout(), err)));
                    } else if (isCloseRequested()) {
                        ws.abort(); // Left while connecting: the lobby never saw a JOIN.
                    }
                });
    }

    private void opened(WebSocket ws) {
        if (state != State.CONNECTING) {
            ws.abort(); // Closed meanwhile (left, or a connect failure reported first).
            return;
        }
        moveTo(State.JOINING);
        String json = joinJson;
        synchronized (lock) {
            outbox.addFirst(json);
            socket = ws;
        }
        pump(); // JOIN leaves before anything else is done here.
        sink.traced(new SignalTrace(
                java.time.Instant.now(),
                SignalTrace.Direction.SENT,
                SignalTrace.WEBSOCKET,
                MessageType.JOIN.code(),
                0,
                0,
                SignalTrace.utf8Size(json),
                options.lobby(),
                SignalTrace.Verdict.OK,
                options.lobby().isEmpty()
                        ? "create a " + (options.mesh() ? "mesh" : "client/server") + " lobby"
                        : "join lobby \"" + options.lobby() + "\" as " + (options.mesh() ? "mesh" : "client/server")));
        joinTimer = thread.schedule(this::joinTimedOut, options.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ws.request(1);
    }

    private void joinTimedOut() {
        if (state == State.JOINING) {
            fail("the server at " + options.url() + " did not answer JOIN within "
                    + options.joinTimeout().toMillis()
                    + " ms (no ID and no JOIN came back): is it a Godot demo signaling server"
                    + " (networking/webrtc_signaling, or ./meshscope signal-server)? Check the URL and the port.");
        }
    }

    private void text(WebSocket ws, String part, boolean last) {
        if (state == State.CLOSED) {
            return;
        }
        partialBytes += SignalTrace.utf8Size(part);
        if (!partialTooLarge) {
            partial.append(part);
            if (partialBytes > options.maxMessageBytes()) {
                partialTooLarge = true;
                partial.setLength(Math.min(partial.length(), SignalTrace.MAX_DATA_CHARS));
            }
        }
        if (last) {
            String text = partial.toString();
            long size = partialBytes;
            boolean tooLarge = partialTooLarge;
            partial.setLength(0);
            partialBytes = 0;
            partialTooLarge = false;
            if (tooLarge) {
                refuse(
                        -1,
                        text,
                        size,
                        "a message of " + size + " bytes, above the limit of " + options.maxMessageBytes()
                                + " bytes (no signaling message is this big)");
            } else {
                message(text);
            }
        }
        if (state != State.CLOSED) {
            ws.request(1);
        }
    }

    private void message(String text) {
        SignalMessage m;
        try {
            m = SignalJson.readStrict(text);
        } catch (IllegalArgumentException e) {
            refuse(-1, text, SignalTrace.utf8Size(text), "not a demo signaling message: " + e.getMessage());
            return;
        }
        MessageType type = m.knownType();
        if (type == MessageType.ID || type == MessageType.JOIN) {
            if (type == MessageType.ID && ownId == 0) {
                ownId = m.id();
            }
            if (state == State.JOINING) {
                moveTo(State.JOINED);
            }
        }
        sink.received(m);
    }

    private void binary(WebSocket ws, int bytes, boolean last) {
        if (state == State.CLOSED) {
            return;
        }
        binaryBytes += bytes;
        if (last) {
            long size = binaryBytes;
            binaryBytes = 0;
            refuse(
                    -1,
                    "",
                    size,
                    "a binary frame of " + size + " bytes: the demo protocol sends JSON in text frames only");
        }
        if (state != State.CLOSED) {
            ws.request(1);
        }
    }

    /** A frame that never reaches the sink as a message: a notice and a REFUSED trace; nothing else changes. */
    private void refuse(int type, String raw, long size, String why) {
        sink.traced(SignalTrace.received(
                SignalTrace.WEBSOCKET,
                type,
                0,
                ownId,
                raw,
                (int) Math.min(size, Integer.MAX_VALUE),
                SignalTrace.Verdict.REFUSED,
                why));
        sink.notice(LobbyNotice.warning(
                0, "Ignored a frame from the server at " + options.url() + ": " + why + ". Nothing changed."));
    }

    private void serverClosed(int code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        fail(CloseReasons.describe(code, reason));
    }

    /** Closes for good with {@code reason}: the sink hears it once; the connection is dropped. */
    private void fail(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        moveTo(State.CLOSED);
        WebSocket ws;
        synchronized (lock) {
            ws = socket;
            outbox.clear();
        }
        if (ws != null && !ws.isOutputClosed()) {
            var unused = ws.sendClose(NORMAL_CLOSURE, "").whenComplete((w, e) -> ws.abort());
        } else if (ws != null) {
            ws.abort();
        }
        sink.closed(reason);
        scheduleDispose();
    }

    private void scheduleDispose() {
        if (disposal == null) {
            disposal = thread.schedule(this::dispose, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The one transition method: records the new state and what it ends. */
    private void moveTo(State next) {
        if (next == State.CLOSED) {
            ended = true;
            ScheduledFuture<?> t = joinTimer;
            if (t != null) {
                t.cancel(false);
                joinTimer = null;
            }
        }
        state = next;
    }

    /** Drops the connection if the server did not finish the close, and stops the transport thread. */
    private void dispose() {
        WebSocket ws;
        synchronized (lock) {
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
        }
        thread.shutdown();
    }

    // ---------------------------------------------------------------- sending (any thread)

    /** Writes the next queued message if none is being written; after the last one, the close if requested. */
    private void pump() {
        String next;
        WebSocket ws;
        boolean sendClose = false;
        synchronized (lock) {
            ws = socket;
            if (sending || ws == null) {
                return;
            }
            next = outbox.poll();
            if (next == null) {
                if (!closeRequested || closeSent) {
                    return;
                }
                closeSent = true;
                sendClose = true;
            } else {
                sending = true;
            }
        }
        if (sendClose) {
            // The server's close (or CLOSE_GRACE) ends the connection; nothing waits on this stage.
            var unused = ws.sendClose(NORMAL_CLOSURE, "");
            return;
        }
        var unused = ws.sendText(next, true).whenComplete((w, err) -> {
            synchronized (lock) {
                sending = false;
            }
            if (err != null) {
                post(() -> fail("could not send to the server at " + options.url() + ": " + describe(err)));
            } else {
                post(this::pump); // On the transport thread: a send that completes at once does not recurse.
            }
        });
    }

    private boolean isCloseRequested() {
        synchronized (lock) {
            return closeRequested;
        }
    }

    /** Runs {@code r} on the transport thread; after the transport stopped, not at all. */
    private void post(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    System.getLogger(WebSocketTransport.class.getName())
                            .log(System.Logger.Level.WARNING, "WebSocket transport step failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // The transport stopped: nothing is left to tell.
        }
    }

    // ---------------------------------------------------------------- the JDK's callbacks

    /** Copies what the JDK delivers and hands it to the transport thread; requests the next frame from there. */
    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket ws) {
            post(() -> opened(ws));
        }

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            String part = data.toString(); // The JDK may reuse the buffer once this returns.
            post(() -> text(ws, part, last));
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            int n = data.remaining();
            post(() -> binary(ws, n, last));
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            post(() -> serverClosed(code, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            post(() -> fail("the connection to " + options.url() + " failed: " + describe(error)));
        }
    }

    // ---------------------------------------------------------------- failures in words

    /** Why connecting to {@code url} failed, and what to do. */
    static String connectProblem(URI url, Duration timeout, Throwable err) {
        Throwable c = unwrap(err);
        if (c instanceof WebSocketHandshakeException h) {
            return "the server at " + url + " answered the WebSocket handshake with HTTP "
                    + h.getResponse().statusCode()
                    + ": there is no WebSocket server at that address. Check the port and the path (the demo servers"
                    + " listen on ws://HOST:" + WebSocketOptions.DEMO_PORT + ").";
        }
        if (c instanceof HttpTimeoutException) {
            return "no answer from " + url + " within " + timeout.toMillis() + " ms: check the host, the port and"
                    + " any firewall between this peer and the server.";
        }
        if (hasCause(c, UnresolvedAddressException.class) || hasCause(c, UnknownHostException.class)) {
            return "the host \"" + url.getHost() + "\" of " + url + " is unknown (no DNS answer): check its spelling.";
        }
        if (c instanceof ConnectException) {
            return "could not connect to " + url + " (connection refused): is the signaling server running on port "
                    + port(url) + "? Start one with ./meshscope signal-server or the demo's node server.js.";
        }
        if (hasCause(c, SSLException.class)) {
            return "the TLS handshake with " + url + " failed (" + c.getMessage() + "): a plain demo server needs"
                    + " ws://, not wss://.";
        }
        return "could not connect to " + url + ": " + describe(c);
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "wss".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        Throwable c = unwrap(t);
        String m = c.getMessage();
        return c instanceof IOException && m != null && !m.isBlank()
                ? m
                : c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
