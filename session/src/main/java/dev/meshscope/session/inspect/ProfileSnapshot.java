// SPDX-License-Identifier: MIT
package dev.meshscope.session.inspect;

import java.util.List;

/**
 * The network profiler's aggregate at one moment, like Godot's editor Network Profiler
 * (scene-multiplayer-packets.md §10), from the wire: RPCs per node path, synchronizer states per synchronizer, and
 * bytes per second per peer. Immutable; counts run since the tap was last reset.
 *
 * @param nodes     one row per RPC target node (resolved path, or the id while no SIMPLIFY_PATH explained it)
 * @param syncs     one row per synchronizer (sender and synchronizer id, labelled by its path or spawned node)
 * @param bandwidth bytes in and out per peer for each of the last {@link NetworkProfile#HISTORY_SECONDS} seconds
 * @param second    the current second (seconds since the reset); {@code bandwidth} samples end at it
 * @param overflow  rows that did not fit the bounds ({@link NetworkProfile#MAX_ROWS}) were counted in an "(other)" row
 */
public record ProfileSnapshot(
        List<NodeRow> nodes, List<SyncRow> syncs, List<PeerBandwidth> bandwidth, long second, boolean overflow) {
    /** No traffic yet. */
    public static final ProfileSnapshot EMPTY = new ProfileSnapshot(List.of(), List.of(), List.of(), 0, false);

    /** Copies the lists. */
    public ProfileSnapshot {
        nodes = List.copyOf(nodes);
        syncs = List.copyOf(syncs);
        bandwidth = List.copyOf(bandwidth);
    }

    /**
     * RPCs to one node, both ways. Sizes are whole packet lengths (Godot's profiler leaves out an appended path).
     *
     * @param relayed RPCs of this row that travelled inside a SYS RELAY (counted in in/out too)
     */
    public record NodeRow(String node, long rpcIn, long bytesIn, long rpcOut, long bytesOut, long relayed) {}

    /**
     * One synchronizer's states, both ways: full SYNC counts and state bytes (each element's size field, as Godot's
     * profiler counts), and delta SYNCs (which Godot's profiler shows in bandwidth only).
     */
    public record SyncRow(
            String synchronizer, long syncIn, long bytesIn, long syncOut, long bytesOut, long deltaIn, long deltaOut) {}

    /** One second of one peer's traffic. */
    public record Sample(long second, long bytesIn, long bytesOut) {}

    /** A peer's bytes per second, oldest first, one sample per second up to the current one. */
    public record PeerBandwidth(int peer, List<Sample> samples) {
        /** Copies the list. */
        public PeerBandwidth {
            samples = List.copyOf(samples);
        }
    }
}
