// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A lobby server for Godot's demo signaling protocol that the demo's clients cannot tell from its Node server
 * ({@code godot-demo-projects/networking/webrtc_signaling/server_node/server.js}): the same messages, 16-character
 * lobby names, the creator as host 1, JOIN id 0 for a mesh and any other id for client/server, every peer announced
 * to every peer (PEER_CONNECT both ways, in client/server lobbies too; the GDScript server announces only the host
 * to clients), relayed OFFER/ANSWER/CANDIDATE with the id rewritten to the sender's (the host as 1), SEAL from the
 * host only and every peer closed with 1000 "Seal complete" 10 s later, the 1 s no-lobby timeout, a lobby closed
 * with its host (the others get 4000 "Room host has disconnected"), 4096 peers and 1024 lobbies at most, a ping
 * every 10 s, and every refusal closing only its sender, with 4000 and the Node server's reason
 * ({@link CloseReasons}).
 *
 * <p>Where it differs, on purpose:
 *
 * <ul>
 *   <li>Ids given to connections are random in 2..2^31-1 and never repeat among connected peers, so a joiner is never
 *       0 (Godot's "everyone"), never 1 (the host's id) and never 2^31 (which a Godot id cannot hold), and two peers
 *       of a lobby never share one. The Node server's {@code Math.abs(Int32)} can give all three, without a check.
 *   <li>A text message above {@link LobbyServerConfig#DEFAULT_MAX_MESSAGE_BYTES} bytes closes its sender with 4000
 *       "Message too large, must be at most 65535 bytes" (Node takes up to 100 MiB).
 *   <li>A {@code data} that is present but not a string is refused with "Invalid message format" (as by the
 *       GDScript server; Node reads it as "").
 *   <li>A second JOIN is always "Already in a lobby" (Node refuses it only when creating; joining a second lobby by
 *       name leaves the peer listed in both). A second SEAL sends SEAL again but keeps the first close timer.
 *   <li>A JSON {@code null} or array is "Invalid message format" (Node closes with a JavaScript TypeError text).
 *   <li>Messages a peer sends after the server decided to close it are ignored.
 * </ul>
 *
 * <p>Threads: Java-WebSocket's selector thread and one decoder thread take the sockets; every connection and lobby
 * is confined to one lobby thread ({@code signal-server-lobbies}), which also runs every timer (no-lobby, seal,
 * ping), the log sink and the listeners. No lock guards lobby state. A refused or failing message is handled on
 * that thread like any other event and touches only its sender, so it never affects another lobby.
 *
 * <p>Use: {@code new LobbyServer(config)}, {@link #start(String, int)} once (returns the bound port; 0 picks a free
 * one), {@link #lobbies()} and {@link #addListener} from any thread, {@link #close()} from any thread.
 */
public final class LobbyServer implements AutoCloseable {
    /** How long {@link #start} waits for the socket to bind. */
    private static final long BIND_TIMEOUT_MS = 10_000;
    /** How long {@link #close} gives the close handshakes and the lobby thread to finish. */
    private static final int CLOSE_TIMEOUT_MS = 2_000;

    private final LobbyServerConfig config;
    private final LobbyLog log;
    private final ScheduledExecutorService lobbyThread;
    private final LobbyBook book;
    private final CopyOnWriteArrayList<LobbyListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<LobbySnapshot> lobbies = List.of();
    private volatile int connections;
    private volatile @Nullable SocketEndpoint endpoint;
    private volatile @Nullable InetSocketAddress boundAddress;

    /** A server with the Node server's limits and timeouts and no log. */
    public LobbyServer() {
        this(LobbyServerConfig.defaults());
    }

    /** A server with {@code config}'s limits, timeouts and log sink; nothing listens until {@link #start}. */
    public LobbyServer(LobbyServerConfig config) {
        this.config = config;
        this.log = new LobbyLog(config.log(), config.clock());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "signal-server-lobbies");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // close() must not wait for a pending seal or no-lobby timer.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.lobbyThread = executor;
        this.book = new LobbyBook(config, log, lobbyThread, this::changed);
    }

    /**
     * Listens on {@code host}:{@code port} and returns the bound port. Called once, from any thread; blocks until the
     * socket is bound.
     *
     * @param host a host name or address to bind ("0.0.0.0" for every IPv4 interface, "127.0.0.1" for this machine)
     * @param port 0..65535; 0 binds a free port
     * @throws IOException              when the address cannot be bound (in use, not this machine's, no permission)
     * @throws IllegalArgumentException when the port is out of range or the host does not resolve
     * @throws IllegalStateException    when called twice or after {@link #close()}
     */
    public int start(String host, int port) throws IOException {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("a LobbyServer starts once; make a new one");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            close();
            throw new IllegalArgumentException("cannot resolve host \"" + host + "\"; give a name or address of this"
                    + " machine, e.g. 0.0.0.0 or 127.0.0.1");
        }
        SocketEndpoint ws = new SocketEndpoint(address, config.maxMessageBytes(), book, lobbyThread, this::serverError);
        endpoint = ws;
        ws.start();
        int bound;
        try {
            bound = ws.bound().get(BIND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            close();
            throw new IOException(
                    "cannot listen on " + host + ":" + port + ": not bound after " + BIND_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        }
        boundAddress = new InetSocketAddress(address.getAddress(), bound);
        long ping = config.pingInterval().toNanos();
        // Cancelled by close() (shutdown drops periodic tasks); the fenced task never throws into the future.
        var unusedPing =
                lobbyThread.scheduleAtFixedRate(book.fenced("ping", book::pingAll), ping, ping, TimeUnit.NANOSECONDS);
        lobbyThread.execute(book.fenced("listening", () -> {
            ObjectNode line = log.event("listening");
            line.put("url", url());
            log.write(line);
        }));
        return bound;
    }

    /** "ws://host:port" as bound, e.g. "ws://0.0.0.0:9080"; before {@link #start} "ws://?". Any thread. */
    public String url() {
        InetSocketAddress a = boundAddress;
        if (a == null) {
            return "ws://?";
        }
        String host = a.getAddress().getHostAddress();
        return "ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The bound port, or -1 before {@link #start}. Any thread. */
    public int port() {
        InetSocketAddress a = boundAddress;
        return a == null ? -1 : a.getPort();
    }

    /** The open lobbies as of the lobby thread's last change, oldest first; immutable. Any thread. */
    public List<LobbySnapshot> lobbies() {
        return lobbies;
    }

    /** Connections served at the lobby thread's last change, in a lobby or not. Any thread. */
    public int connectionCount() {
        return connections;
    }

    /**
     * Adds a listener, which is then called on the lobby thread with the current lobbies and after every change (see
     * {@link LobbyListener}). Any thread.
     */
    public void addListener(LobbyListener listener) {
        listeners.add(listener);
        try {
            lobbyThread.execute(book.fenced("listener", () -> listener.lobbiesChanged(book.snapshot())));
        } catch (RuntimeException e) {
            // closed: the listener is never called
        }
    }

    /** Removes a listener; a call already under way on the lobby thread finishes. Any thread. */
    public void removeListener(LobbyListener listener) {
        listeners.remove(listener);
    }

    /**
     * Stops listening, closes every connection (1001, as any server going away) and ends the lobby thread. Idempotent;
     * any thread but the lobby thread (a listener must not call it). Waits at most about 2 s.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SocketEndpoint ws = endpoint;
        if (ws != null) {
            try {
                ws.stop(CLOSE_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lobbyThread.execute(book.fenced("stopped", () -> log.write(log.event("stopped"))));
        } catch (RuntimeException e) {
            // already shut down
        }
        lobbyThread.shutdown();
        try {
            if (!lobbyThread.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                lobbyThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            lobbyThread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Called on the lobby thread after every change of the lobbies. */
    private void changed(List<LobbySnapshot> now) {
        lobbies = now;
        connections = book.connectionCount();
        for (LobbyListener l : listeners) {
            try {
                l.lobbiesChanged(now);
            } catch (RuntimeException e) {
                ObjectNode line = log.event("listener_failed");
                line.put("error", e.toString());
                log.write(line);
            }
        }
    }

    /** A socket-level error from the library's threads: logged on the lobby thread. */
    private void serverError(Exception e) {
        try {
            lobbyThread.execute(book.fenced("socket error", () -> {
                ObjectNode line = log.event("socket_error");
                line.put("error", e.toString());
                log.write(line);
            }));
        } catch (RuntimeException rejected) {
            // closing
        }
    }
}
