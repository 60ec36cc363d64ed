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
}
