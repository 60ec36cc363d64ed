// SPDX-License-Identifier: MIT
package dev.meshscope.session;

/**
 * One member of the lobby as this peer knows it (the lobby's PEER_CONNECT and PEER_DISCONNECT messages, and this
 * peer's own connections). Immutable.
 *
 * @param id   the member's peer id
 * @param host true for the lobby host (peer 1: the creator of a WebSocket lobby, the server of a folder lobby)
 * @param link how this peer is linked to it
 */
public record RosterEntry(int id, boolean host, Link link) {
    /** How this peer is linked to a lobby member. */
    public enum Link {
        /** The member is this peer. */
        SELF,
        /** In the lobby, but not in this peer's {@code get_peers()}: a client/server lobby's other clients, or gone. */
        NONE,
        /** In {@code get_peers()}, its channels not all open yet (negotiating, or reconnecting). */
        CONNECTING,
        /** In {@code get_peers()} with every channel open ({@code connected} in Godot's dictionary). */
        CONNECTED
    }
}
