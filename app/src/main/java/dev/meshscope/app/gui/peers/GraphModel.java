// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.peers;

import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import java.util.List;

/**
 * What the peer graph draws: the local peer and every remote peer of {@code get_peers()}. Immutable; equal
 * models draw the same picture, so an unchanged mesh costs the view nothing.
 *
 * @param mode    the local peer's mode (NONE when nothing is created)
 * @param localId the local unique id (0 when nothing is created)
 * @param status  the local connection status
 * @param peers   every remote peer, in {@code get_peers()} order
 */
public record GraphModel(NetworkMode mode, int localId, ConnectionStatus status, List<Peer> peers) {
    /** Copies the list. */
    public GraphModel {
        peers = List.copyOf(peers);
    }

    /** Nothing created. */
    public static final GraphModel EMPTY =
            new GraphModel(NetworkMode.NONE, 0, ConnectionStatus.DISCONNECTED, List.of());

    /**
     * One remote peer and the edge to it.
     *
     * @param id           the remote peer id
     * @param state        the connection's state
     * @param connected    Godot's "connected" (connection CONNECTED and every channel open)
     * @param openChannels channels OPEN
     * @param channels     channels in all (3 + extras)
     * @param pair         the selected candidate pair as "local ⇄ remote" candidate types ("host ⇄ host", "relay ⇄
     *                     srflx"), or "" before the connection's stats told it
     * @param relayed      whether that pair goes through a TURN server (either end a relay candidate)
     * @param silent       "silent 7 s" when nothing arrived from the peer for longer than the operator's threshold,
     *                     else ""
     * @param impairment   the impairments set on the link, e.g. "out 40 ms, 10% loss", or ""
     */
    public record Peer(
            int id,
            ConnectionState state,
            boolean connected,
            int openChannels,
            int channels,
            String pair,
            boolean relayed,
            String silent,
            String impairment) {
        /** A peer without liveness or impairment (nothing silent, nothing set). */
        public Peer(
                int id,
                ConnectionState state,
                boolean connected,
                int openChannels,
                int channels,
                String pair,
                boolean relayed) {
            this(id, state, connected, openChannels, channels, pair, relayed, "", "");
        }

        /** True when the connection is up but some channel is not open (drawn dashed). */
        public boolean partiallyOpen() {
            return state == ConnectionState.CONNECTED && openChannels < channels;
        }
    }

    /** True when the local peer relays (server) or is relayed (client): SceneMultiplayer's server relay. */
    public boolean relay() {
        return mode == NetworkMode.SERVER || mode == NetworkMode.CLIENT;
    }
}
