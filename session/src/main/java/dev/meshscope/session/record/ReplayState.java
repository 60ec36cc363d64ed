// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.WireStats;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a recorded session looked like at one moment, for a replay: the peers and channels with their counters, the
 * dictionary, the probe results, the latest wire statistics per peer, the peers that had left, and the log up to that
 * moment. Immutable.
 *
 * @param at         the moment, microseconds on the record's clock
 * @param config     the configuration in force (the last creation before {@code at}), or {@code null}
 * @param mesh       {@code get_peers()} with states and counters: the last sample before {@code at}, with the peers,
 *                   connection and channel states the events after it changed (counters are the sample's, at most
 *                   one sample period old)
 * @param sampledAt  when the counters were sampled (0 when no sample came before {@code at})
 * @param dictionary {@code print(get_peers())} as of the last sample
 * @param probes     probe results as of the last sample
 * @param wire       the latest wire statistics per peer id reported before {@code at}
 * @param departed   peers that left before {@code at} (and were not added again), with when and why
 * @param log        every event, action and signaling message up to {@code at}, oldest first
 * @param dropped    items the recorder had to drop before {@code at} (0: the record is complete up to there)
 */
public record ReplayState(
        long at,
        RecordItem.@Nullable Config config,
        MeshSnapshot mesh,
        long sampledAt,
        String dictionary,
        List<ProbeStats> probes,
        Map<Integer, WireStats> wire,
        List<Departed> departed,
        List<LogEntry> log,
        long dropped) {
    /** Copies the collections. */
    public ReplayState {
        probes = List.copyOf(probes);
        wire = Map.copyOf(wire);
        departed = List.copyOf(departed);
        log = List.copyOf(log);
    }

    /**
     * A peer that left.
     *
     * @param peerId the remote peer
     * @param at     when it left (record time, microseconds)
     * @param reason why, as mesh-core said it
     */
    public record Departed(int peerId, long at, String reason) {}

    /**
     * One line of the replayed log.
     *
     * @param at     record time, microseconds
     * @param peerId the remote peer it concerns, or 0
     * @param kind   the event type ("PeerConnected"), "action: " + the command, or "signal"
     * @param text   the line as the live log shows it
     * @param failed whether it is a failure (an error event, a failed action, a refused signaling message)
     * @param item   the recorded item it comes from
     */
    public record LogEntry(long at, int peerId, String kind, String text, boolean failed, RecordItem item) {}
}
