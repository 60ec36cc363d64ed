// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One open lobby as it was at one moment. Immutable; any thread.
 *
 * @param name         the lobby name (16 letters and digits), which is also its join secret
 * @param mesh         whether the creator asked for a mesh (JOIN id 0); otherwise client/server
 * @param sealed       whether the host sealed it
 * @param hostServerId the id the server gave the host's connection (in the log as {@code peer}); the lobby knows the
 *                     host as 1
 * @param peers        its peers in join order, the host first
 * @param created      when the host created it
 * @param sealedAt     when it was first sealed, or {@code null}
 */
public record LobbySnapshot(
        String name,
        boolean mesh,
        boolean sealed,
        int hostServerId,
        List<Peer> peers,
        Instant created,
        @Nullable Instant sealedAt) {

    /** Copies the peer list. */
    public LobbySnapshot {
        peers = List.copyOf(peers);
    }

    /** The peer ids as the lobby's peers know them: 1 for the host, then the others in join order. */
    public List<Integer> peerIds() {
        List<Integer> ids = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            ids.add(p.id());
        }
        return List.copyOf(ids);
    }

    /**
     * One peer of a lobby.
     *
     * @param id       its id in the lobby (1 for the host)
     * @param serverId the id the server gave its connection (equal to {@code id} except for the host)
     * @param address  its remote address, "host:port"
     * @param joined   when it joined
     */
    public record Peer(int id, int serverId, String address, Instant joined) {}
}
