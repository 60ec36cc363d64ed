// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.TrafficStatus;
import java.util.ArrayList;
import java.util.List;

/** Session states with chosen counters, as the mesh thread would publish them, for the history's unit tests. */
final class HistoryStates {
    private HistoryStates() {}

    /** One channel's counters: messages and bytes each way, buffered, impairment drops and drops. */
    record Counters(long msgOut, long bytesOut, long msgIn, long bytesIn, long buffered, long impaired, long drops) {}

    static ChannelSnapshot channel(int index, Counters c) {
        return new ChannelSnapshot(
                index,
                Integer.toString(index),
                index + 1,
                TransferMode.RELIABLE,
                true,
                -1,
                -1,
                ChannelState.OPEN,
                c.buffered(),
                c.msgOut(),
                c.bytesOut(),
                c.msgIn(),
                c.bytesIn(),
                c.drops(),
                0,
                0,
                c.impaired(),
                0,
                262144,
                0);
    }

    static PeerSnapshot peer(int id, List<ChannelSnapshot> channels) {
        return new PeerSnapshot(
                id, true, ConnectionState.CONNECTED, GatheringState.COMPLETE, SignalingState.STABLE, channels);
    }

    static SessionState state(long atNanos, List<PeerSnapshot> peers, List<ProbeStats> probes) {
        MeshSnapshot m = new MeshSnapshot(
                atNanos,
                NetworkMode.MESH,
                1,
                peers.isEmpty() ? ConnectionStatus.CONNECTING : ConnectionStatus.CONNECTED,
                false,
                List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE),
                peers);
        return new SessionState(atNanos, m, "{  }", probes, List.of(), true, TrafficStatus.IDLE, "");
    }

    /** A state of a mesh with remote peers 2..n+1, each with 3 channels carrying {@code c}. */
    static SessionState mesh(long atNanos, int remotes, Counters c) {
        List<PeerSnapshot> peers = new ArrayList<>();
        for (int id = 2; id < remotes + 2; id++) {
            peers.add(peer(id, List.of(channel(0, c), channel(1, c), channel(2, c))));
        }
        return state(atNanos, peers, List.of());
    }

    static ProbeStats probe(int peerId, int channel, double median, double appMedian, long lost, long late) {
        return new ProbeStats(
                peerId,
                channel,
                100,
                100 - lost,
                lost,
                0,
                0,
                0,
                median,
                median,
                median,
                median,
                appMedian,
                10,
                late,
                0);
    }
}
