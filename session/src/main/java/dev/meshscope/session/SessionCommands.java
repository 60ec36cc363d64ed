// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import java.util.concurrent.CompletableFuture;

/**
 * What the window can ask of the mesh. Every method may be called from any thread (the FX thread in the
 * GUI), only queues work for the mesh thread, and returns at once: outcomes arrive through the
 * {@link SessionSink} as {@link OperatorAction}s, events and states.
 */
public interface SessionCommands {
    /** Godot's {@code generate_unique_id()}, computed on the mesh thread. */
    CompletableFuture<Integer> generateUniqueId();

    /** {@code create_server}/{@code create_client}/{@code create_mesh} with the request's extras and ICE servers. */
    void create(CreateRequest request);

    /** {@code close()}: drops every peer and goes back to DISCONNECTED; stops traffic and pending exchanges. */
    void close();

    /** {@code refuse_new_connections}. */
    void setRefuseNewConnections(boolean refuse);

    /** {@code remove_peer(id)}. */
    void removePeer(int peerId);

    /** Starts a test-packet burst (replacing a running one). */
    void send(SendRequest request);

    /** Stops the running burst. */
    void stopSending();

    /** Whether this side answers probe pings with pongs. On by default. */
    void setEcho(boolean on);

    /** Forgets every probe result. */
    void clearProbes();

    /** Pauses or resumes the packet inspector's list (packets are still decoded and profiled while paused). */
    void setInspectorPaused(boolean paused);

    /** Empties the packet inspector's list and the network profiler (node paths learnt so far are kept). */
    void clearInspector();

    /**
     * Names the RPC methods of the node at {@code nodePath} (relative to {@code /root}, as SIMPLIFY_PATH spells it) so
     * the inspector shows {@code move(...)} instead of {@code method#1(...)}: Godot numbers them in sorted order.
     */
    void nameRpcMethods(String nodePath, java.util.List<String> methods);

    /**
     * Manual signaling, step 1: creates a connection for {@code remoteId}, adds it ({@code add_peer}) and makes
     * the offer; its blob appears in the pending list once ICE gathering completes.
     */
    void addManualPeer(int remoteId);

    /**
     * Manual signaling, step 2: applies a pasted blob (or raw SDP, browser JSON, demo message). An offer makes
     * the answer blob to send back; an answer completes our offer. {@code assumedSender} is the sender id to
     * assume for a paste that carries none, or 0. A refused paste changes nothing.
     */
    void applyPaste(String text, int assumedSender);

    /** Cancels a pending exchange: removes the peer and closes its connection. */
    void cancelPending(int remoteId);

    /**
     * Joins the signaling folder {@code dir} with the mode, id and extra channels of {@code as} (the peer must not
     * be created: the lobby creates it when it assigns the id). Lobby peers are then added and connected
     * automatically (the larger id offers); progress and problems arrive as actions.
     */
    void joinFolder(java.nio.file.Path dir, CreateRequest as);

    /**
     * Joins a WebSocket lobby server speaking the Godot demo protocol (the demo's Node or GDScript server, or
     * {@code meshscope signal-server}) at {@code url} ({@code ws://} or {@code wss://}). {@code lobby} is the lobby's
     * name, or "" to create one (this peer then becomes its host, peer 1; the name arrives in
     * {@link SignalingState#lobbyName()}). {@code as.mode()} MESH joins a mesh lobby, SERVER or CLIENT a
     * client/server lobby (its creator is the server); the lobby assigns the id, so {@code as.peerId()} is ignored;
     * extra channels and ICE servers are taken from {@code as}. The peer must not be created. Progress, the server's
     * close codes and reasons arrive as actions; every message in the signaling timeline.
     */
    void joinLobby(java.net.URI url, String lobby, CreateRequest as);

    /**
     * Seals the lobby this session is in, folder or WebSocket: nobody new can join. Only the host (peer 1) can; a
     * demo server then closes every member's signaling after 10 s, and the mesh stays up.
     */
    void sealLobby();

    /**
     * Leaves the lobby this session is in, folder or WebSocket (one lobby at a time). Before the lobby is sealed the
     * other peers then drop this one (demo lobby rule), so the multiplayer peer is closed too and Join works again
     * at once; after the seal the mesh stays up. Also forgets a lobby whose signaling already ended.
     */
    void leaveLobby();

    /** Stops folder signaling: the same as {@link #leaveLobby()} (a session is in one lobby at a time). */
    default void leaveFolder() {
        leaveLobby();
    }

    /**
     * Turns SceneMultiplayer server relay on or off (on by default): while this peer is the server (id 1) it tells
     * each client about the others (SYS ADD_PEER/DEL_PEER) and forwards SYS RELAY packets between them, as a Godot
     * host does.
     */
    void setServerRelay(boolean on);

    /**
     * Sets (or, with {@code Impairment.NONE}, clears) an impairment on a link. It is kept across the peer's
     * reconnects until cleared or the peer is closed; an impossible setting is refused with a reason and changes
     * nothing.
     */
    void setImpairment(LinkImpairment impairment);

    /** How long a probe ping may wait for its pong before it counts as late (the "silent" threshold). */
    void setLateThreshold(java.time.Duration threshold);
}
