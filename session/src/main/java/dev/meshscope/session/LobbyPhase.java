// SPDX-License-Identifier: MIT
package dev.meshscope.session;

/**
 * Where this session's lobby signaling (folder or WebSocket) stands. Changed only by
 * {@link LobbySignaling}'s one transition method; {@link #next} says which changes are allowed.
 */
public enum LobbyPhase {
    /** Not in a lobby. */
    NONE,
    /** Joining: the transport is starting and the lobby has not assigned the id yet. */
    JOINING,
    /** The lobby assigned the id and created the peer; lobby peers are connected as they come. */
    JOINED,
    /** The host sealed the lobby: nobody new joins; the mesh stays up when signaling ends. */
    SEALED,
    /** Signaling ended (closed by the server, refused, or lost after the seal); the status line says why. */
    ENDED;

    /** Whether a lobby is in use (joining, joined or sealed): another join must leave it first. */
    public boolean active() {
        return this == JOINING || this == JOINED || this == SEALED;
    }

    /**
     * Whether this phase may change to {@code to}: forward along NONE, JOINING, JOINED, SEALED, ENDED (a lobby may
     * be sealed before this peer saw its own id, and may end at any point), and back to NONE (leave, close) from
     * anywhere.
     */
    public boolean next(LobbyPhase to) {
        return to == NONE || to.ordinal() > ordinal();
    }
}
