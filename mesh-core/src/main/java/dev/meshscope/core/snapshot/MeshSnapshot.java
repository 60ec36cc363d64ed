// SPDX-License-Identifier: MIT
package dev.meshscope.core.snapshot;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The whole state of a multiplayer peer at one moment, for a late subscriber or a GUI refresh. Immutable.
 *
 * @param atNanos          {@link System#nanoTime()} when it was taken
 * @param mode             the network mode
 * @param uniqueId         the unique id (0 when not created)
 * @param status           the connection status
 * @param refusingNew      whether new connections are refused
 * @param channelModes     the transfer mode of every internal channel (3 + extras)
 * @param peers            {@code get_peers()} in map (insertion) order
 */
public record MeshSnapshot(
        long atNanos,
        NetworkMode mode,
        int uniqueId,
        ConnectionStatus status,
        boolean refusingNew,
        List<TransferMode> channelModes,
        List<PeerSnapshot> peers) {
    /** Copies the lists. */
    public MeshSnapshot {
        channelModes = List.copyOf(channelModes);
        peers = List.copyOf(peers);
    }

    /** The snapshot of a closed, never-created peer. */
    public static MeshSnapshot empty() {
        return new MeshSnapshot(
                System.nanoTime(), NetworkMode.NONE, 0, ConnectionStatus.DISCONNECTED, false, List.of(), List.of());
    }

    /** The peer with {@code id}, or {@code null}. */
    public @Nullable PeerSnapshot peer(int id) {
        for (PeerSnapshot p : peers) {
            if (p.id() == id) {
                return p;
            }
        }
        return null;
    }
}
