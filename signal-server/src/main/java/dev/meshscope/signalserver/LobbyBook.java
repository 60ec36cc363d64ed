// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.jspecify.annotations.Nullable;

/**
 * Every connection and lobby of one server, and the Node server's rules over them. Confined to the lobby thread:
 * every method is called on it (socket events are handed to it by {@link SocketEndpoint}, timers run on it), so
 * nothing here is locked. Sends only enqueue on the connection (Java-WebSocket writes on its selector thread), so
 * the order in which this thread sends is the order each peer receives.
 */
final class LobbyBook {
    private final LobbyServerConfig config;
    private final LobbyLog log;
    private final ScheduledExecutorService lobbyThread;
    private final Consumer<List<LobbySnapshot>> changed;
    private final ServerRandom random = new ServerRandom();
    private final Map<WebSocket, Peer> peers = new HashMap<>();
    private final Set<Integer> usedIds = new HashSet<>();
    private final Map<String, Lobby> lobbies = new LinkedHashMap<>();

    /**
     * @param changed called on the lobby thread with the new lobby list after every change of the lobbies or of the
     *     connections
     */
    LobbyBook(
            LobbyServerConfig config,
            LobbyLog log,
            ScheduledExecutorService lobbyThread,
            Consumer<List<LobbySnapshot>> changed) {
        this.config = config;
        this.log = log;
        this.lobbyThread = lobbyThread;
        this.changed = changed;
    }

    /** One connection. */
    private static final class Peer {
        final int serverId;
        final WebSocket socket;
        final String address;

        @Nullable
        Lobby lobby;

        @Nullable
        ScheduledFuture<?> noLobbyTimer;

        @Nullable
        Instant joined;
        /** This server closed it (refusal, seal, host gone): what it still sends is ignored. */
        boolean closing;

        Peer(int serverId, WebSocket socket, String address) {
            this.serverId = serverId;
            this.socket = socket;
            this.address = address;
        }
    }

    /** One lobby; it lives as long as its host's connection. */
    private static final class Lobby {
        final String name;
        final Peer host;
        final boolean mesh;
        final Instant created;
        final List<Peer> members = new ArrayList<>();
        boolean sealed;

        @Nullable
        Instant sealedAt;

        @Nullable
        ScheduledFuture<?> sealTimer;

        Lobby(String name, Peer host, boolean mesh, Instant created) {
            this.name = name;
            this.host = host;
            this.mesh = mesh;
            this.created = created;
        }

        /** The id the lobby knows {@code p} by: 1 for the host. */
        int idOf(Peer p) {
            return p == host ? 1 : p.serverId;
        }
    }

    /** A connection completed its handshake. */
    void opened(WebSocket socket) {
        String address = address(socket);
        if (peers.size() >= config.maxPeers()) {
            ObjectNode line = log.event("peer_refused");
            line.put("address", address);
            line.put("reason", CloseReasons.TOO_MANY_PEERS);
            log.write(line);
            socket.close(CloseReasons.REFUSED, CloseReasons.TOO_MANY_PEERS);
            return;
        }
        Peer p = new Peer(random.peerId(usedIds::contains), socket, address);
        peers.put(socket, p);
        usedIds.add(p.serverId);
        p.noLobbyTimer = lobbyThread.schedule(
                fenced("no-lobby timeout", () -> noLobbyTimeout(p)),
                config.noLobbyTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        ObjectNode line = log.event("peer_connected", p.serverId, null);
        line.put("address", address);
        line.put("connections", peers.size());
        log.write(line);
        publish();
    }

    /** A text message arrived, judged on the decoder thread: {@code message} or why it is refused. */
    void text(WebSocket socket, @Nullable ClientMessage message, @Nullable Refusal refusal, int bytes) {
        Peer p = peers.get(socket);
        if (p == null || p.closing) {
            return;
        }
        try {
            if (refusal != null) {
                throw refusal;
            }
            if (message != null) {
                handle(p, message);
            }
        } catch (Refusal r) {
            refuse(p, r.reason(), r.detail(), message, bytes);
        }
    }

    /** A binary frame arrived. */
    void binary(WebSocket socket, int bytes) {
        Peer p = peers.get(socket);
        if (p != null && !p.closing) {
            refuse(p, CloseReasons.INVALID_TRANSFER_MODE, "a binary frame", null, bytes);
        }
    }

    /** The library is closing {@code socket} because its message was above the bound. */
    void tooLarge(WebSocket socket, String reason) {
        Peer p = peers.get(socket);
        if (p != null && !p.closing) {
            p.closing = true;
            ObjectNode line = log.event("message_refused", p.serverId, p.lobby == null ? null : p.lobby.name);
            line.put("reason", reason);
            line.put("detail", "a message above " + config.maxMessageBytes() + " bytes");
            log.write(line);
        }
    }

    /** The connection is closed (by either side); the peer leaves its lobby. */
    void closed(WebSocket socket, int code, String reason, boolean remote) {
        Peer p = peers.remove(socket);
        if (p == null) {
            return;
        }
        usedIds.remove(p.serverId);
        cancel(p.noLobbyTimer);
        Lobby l = p.lobby;
        ObjectNode line = log.event("peer_disconnected", p.serverId, l == null ? null : l.name);
        line.put("code", code);
        line.put("reason", reason);
        line.put("by", remote ? "peer" : "server");
        log.write(line);
        if (l != null && lobbies.get(l.name) == l) {
            leave(p, l);
        } else {
            publish();
        }
    }

    /** Pings every open connection (the Node server's {@code PING_INTERVAL}). */
    void pingAll() {
        for (Peer p : peers.values()) {
            if (p.socket.isOpen()) {
                try {
                    p.socket.sendPing();
                } catch (WebsocketNotConnectedException e) {
                    // closed meanwhile on the selector thread; its close event follows
                }
            }
        }
    }

    /** The open lobbies, oldest first. */
    List<LobbySnapshot> snapshot() {
        List<LobbySnapshot> out = new ArrayList<>(lobbies.size());
        for (Lobby l : lobbies.values()) {
            List<LobbySnapshot.Peer> members = new ArrayList<>(l.members.size());
            for (Peer p : l.members) {
                members.add(new LobbySnapshot.Peer(
                        l.idOf(p), p.serverId, p.address, p.joined == null ? l.created : p.joined));
            }
            out.add(new LobbySnapshot(l.name, l.mesh, l.sealed, l.host.serverId, members, l.created, l.sealedAt));
        }
        return List.copyOf(out);
    }

    /** Connections served now, in a lobby or not. */
    int connectionCount() {
        return peers.size();
    }

    // ---- the Node server's parseMsg, in its order of checks ----

    private void handle(Peer p, ClientMessage m) throws Refusal {
        if (m.type() == MessageType.JOIN.code()) {
            join(p, m.data(), m.id() == 0);
            return;
        }
        Lobby l = p.lobby;
        if (l == null) {
            throw new Refusal(CloseReasons.NEED_LOBBY, "type " + m.type() + " before JOIN");
        }
        if (lobbies.get(l.name) != l) {
            throw new Refusal(CloseReasons.SERVER_ERROR, "the peer's lobby is gone");
        }
        if (m.type() == MessageType.SEAL.code()) {
            seal(p, l);
            return;
        }
        if (m.type() == MessageType.OFFER.code()
                || m.type() == MessageType.ANSWER.code()
                || m.type() == MessageType.CANDIDATE.code()) {
            relay(p, l, (int) m.type(), m.id(), m.data());
            return;
        }
        throw new Refusal(CloseReasons.INVALID_CMD, "type " + m.type() + " is not taken from a client");
    }

    private void join(Peer p, String name, boolean mesh) throws Refusal {
        Lobby l;
        if (name.isEmpty()) {
            if (lobbies.size() >= config.maxLobbies()) {
                throw new Refusal(CloseReasons.TOO_MANY_LOBBIES, config.maxLobbies() + " lobbies are open");
            }
            if (p.lobby != null) {
                throw new Refusal(CloseReasons.ALREADY_IN_LOBBY, "a second JOIN, already in " + p.lobby.name);
            }
            l = new Lobby(
                    random.lobbyName(lobbies::containsKey),
                    p,
                    mesh,
                    config.clock().instant());
            lobbies.put(l.name, l);
            ObjectNode line = log.event("lobby_created", p.serverId, l.name);
            line.put("mesh", mesh);
            line.put("lobbies", lobbies.size());
            log.write(line);
        } else {
            if (p.lobby != null) {
                // The Node server moves the peer into the second lobby while the first still lists it.
                throw new Refusal(CloseReasons.ALREADY_IN_LOBBY, "a second JOIN, already in " + p.lobby.name);
            }
            Lobby found = lobbies.get(name);
            if (found == null) {
                throw new Refusal(CloseReasons.LOBBY_DOES_NOT_EXIST, "no open lobby has that name");
            }
            l = found;
        }
        if (l.sealed) {
            throw new Refusal(CloseReasons.LOBBY_IS_SEALED, "lobby " + l.name + " is sealed");
        }
        p.lobby = l;
        p.joined = config.clock().instant();
        cancel(p.noLobbyTimer);
        p.noLobbyTimer = null;
        int assigned = l.idOf(p);
        send(p, SignalMessage.of(MessageType.ID, assigned, l.mesh ? "true" : ""));
        for (Peer other : l.members) {
            send(other, SignalMessage.of(MessageType.PEER_CONNECT, assigned, ""));
            send(p, SignalMessage.of(MessageType.PEER_CONNECT, l.idOf(other), ""));
        }
        l.members.add(p);
        send(p, SignalMessage.of(MessageType.JOIN, 0, l.name));
        ObjectNode line = log.event("peer_joined", p.serverId, l.name);
        line.put("id", assigned);
        line.put("peers", l.members.size());
        log.write(line);
        publish();
    }

    private void seal(Peer p, Lobby l) throws Refusal {
        if (p != l.host) {
            throw new Refusal(CloseReasons.ONLY_HOST_CAN_SEAL, "SEAL from peer " + p.serverId + ", not the host");
        }
        l.sealed = true;
        if (l.sealedAt == null) {
            l.sealedAt = config.clock().instant();
        }
        for (Peer member : l.members) {
            send(member, SignalMessage.of(MessageType.SEAL, 0, ""));
        }
        if (l.sealTimer == null) {
            l.sealTimer = lobbyThread.schedule(
                    fenced("seal timeout", () -> sealComplete(l)),
                    config.sealCloseTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        ObjectNode line = log.event("lobby_sealed", p.serverId, l.name);
        line.put("peers", l.members.size());
        log.write(line);
        publish();
    }

    private void relay(Peer p, Lobby l, int type, long id, String data) throws Refusal {
        Peer dest = null;
        if (id == 1) {
            dest = l.host;
        } else {
            for (Peer member : l.members) {
                if (member.serverId == id) {
                    dest = member;
                    break;
                }
            }
        }
        if (dest == null) {
            throw new Refusal(CloseReasons.INVALID_DEST, "no peer " + id + " in lobby " + l.name);
        }
        send(dest, new SignalMessage(type, l.idOf(p), data));
    }

    private void leave(Peer p, Lobby l) {
        if (!l.members.remove(p)) {
            return;
        }
        boolean host = p == l.host;
        for (Peer member : List.copyOf(l.members)) {
            if (host) {
                member.closing = true;
                member.socket.close(CloseReasons.REFUSED, CloseReasons.HOST_DISCONNECTED);
            } else {
                send(member, SignalMessage.of(MessageType.PEER_DISCONNECT, l.idOf(p), ""));
            }
        }
        ObjectNode left = log.event("peer_left", p.serverId, l.name);
        left.put("id", l.idOf(p));
        left.put("peers", l.members.size());
        log.write(left);
        if (host) {
            cancel(l.sealTimer);
            lobbies.remove(l.name);
            ObjectNode closed = log.event("lobby_closed", p.serverId, l.name);
            closed.put("why", "the host left");
            closed.put("closedPeers", l.members.size());
            closed.put("lobbies", lobbies.size());
            log.write(closed);
        }
        publish();
    }

    private void noLobbyTimeout(Peer p) {
        if (peers.get(p.socket) == p && p.lobby == null && !p.closing) {
            refuse(
                    p,
                    CloseReasons.NO_LOBBY,
                    "no JOIN within " + config.noLobbyTimeout().toMillis() + " ms",
                    null,
                    0);
        }
    }

    private void sealComplete(Lobby l) {
        if (lobbies.get(l.name) != l) {
            return;
        }
        ObjectNode line = log.event("seal_complete", l.host.serverId, l.name);
        line.put("peers", l.members.size());
        log.write(line);
        for (Peer member : List.copyOf(l.members)) {
            member.closing = true;
            member.socket.close(CloseReasons.SEAL_COMPLETE_CODE, CloseReasons.SEAL_COMPLETE);
        }
    }

    private void refuse(Peer p, String reason, String detail, @Nullable ClientMessage m, int bytes) {
        p.closing = true;
        ObjectNode line = log.event("message_refused", p.serverId, p.lobby == null ? null : p.lobby.name);
        line.put("reason", reason);
        line.put("detail", detail);
        if (m != null) {
            line.put("type", m.type());
            line.put("id", m.id());
        }
        if (bytes > 0) {
            line.put("bytes", bytes);
        }
        log.write(line);
        p.socket.close(CloseReasons.REFUSED, reason);
    }

    private static void send(Peer p, SignalMessage m) {
        if (!p.socket.isOpen()) {
            return; // closing or closed, as a Node ws.send on a closed socket: nothing is sent
        }
        try {
            p.socket.send(SignalJson.write(m));
        } catch (WebsocketNotConnectedException e) {
            // closed meanwhile on the selector thread; its close event follows
        }
    }

    /**
     * {@code task} with every exception it throws logged as {@code internal_error} and dropped, so that one failing
     * event never stops the lobby thread nor touches another lobby.
     */
    Runnable fenced(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                ObjectNode line = log.event("internal_error");
                line.put("during", what);
                line.put("error", e.toString());
                log.write(line);
            }
        };
    }

    private void publish() {
        changed.accept(snapshot());
    }

    private static void cancel(@Nullable ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static String address(WebSocket socket) {
        InetSocketAddress a = socket.getRemoteSocketAddress();
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
