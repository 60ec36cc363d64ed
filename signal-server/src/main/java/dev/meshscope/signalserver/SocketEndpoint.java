// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.jspecify.annotations.Nullable;

/**
 * Java-WebSocket's server, reduced to handing events to the lobby thread. Its callbacks run on the library's
 * selector thread and its one decoder thread; each judges what it can alone (a text frame is parsed here, off the
 * lobby thread) and submits the rest to {@code lobbyThread} in arrival order, so the events of one connection reach
 * {@link LobbyBook} in the order they happened. No callback throws (a throw would kill the library's thread).
 */
final class SocketEndpoint extends WebSocketServer {
    /** One decoder thread: parsing is cheap, and the lobby thread serialises the rest anyway. */
    private static final int DECODER_THREADS = 1;

    private final LobbyBook book;
    private final Executor lobbyThread;
    private final CompletableFuture<Integer> bound = new CompletableFuture<>();
    private final Consumer<Exception> serverError;

    SocketEndpoint(
            InetSocketAddress address,
            int maxMessageBytes,
            LobbyBook book,
            Executor lobbyThread,
            Consumer<Exception> serverError) {
        super(address, DECODER_THREADS, List.of(new BoundedDraft(maxMessageBytes)));
        this.book = book;
        this.lobbyThread = lobbyThread;
        this.serverError = serverError;
        setReuseAddr(true);
        setTcpNoDelay(true);
        setDaemon(true);
        // The library's own ping-and-drop timer is off: pings come from the lobby thread, as the Node server's do.
        setConnectionLostTimeout(0);
    }

    /** Completes with the bound port once listening, or exceptionally when binding failed. */
    CompletableFuture<Integer> bound() {
        return bound;
    }

    @Override
    public void onStart() {
        bound.complete(getPort());
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        submit("open", () -> book.opened(conn));
    }

    @Override
    public void onMessage(WebSocket conn, String text) {
        ClientMessage message = null;
        Refusal refusal = null;
        try {
            message = ClientMessage.parse(text);
        } catch (Refusal r) {
            refusal = r;
        } catch (RuntimeException e) {
            refusal = new Refusal(CloseReasons.INVALID_FORMAT, "unreadable: " + e);
        }
        ClientMessage m = message;
        Refusal r = refusal;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        submit("message", () -> book.text(conn, m, r, bytes));
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer bytes) {
        int size = bytes.remaining();
        submit("binary message", () -> book.binary(conn, size));
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        String why = reason == null ? "" : reason;
        submit("close", () -> book.closed(conn, code, why, remote));
    }

    @Override
    public void onError(@Nullable WebSocket conn, Exception ex) {
        if (conn == null) {
            // The server itself failed: while binding (start fails) or later (the selector died).
            if (!bound.completeExceptionally(ex)) {
                serverError.accept(ex);
            }
            return;
        }
        if (ex instanceof BoundedDraft.TooLarge) {
            String reason = String.valueOf(ex.getMessage());
            submit("oversize message", () -> book.tooLarge(conn, reason));
            return;
        }
        serverError.accept(ex);
    }

    private void submit(String what, Runnable task) {
        try {
            lobbyThread.execute(book.fenced(what, task));
        } catch (RuntimeException e) {
            // The lobby thread is shut down: the server is closing, and every connection with it.
        }
    }
}
