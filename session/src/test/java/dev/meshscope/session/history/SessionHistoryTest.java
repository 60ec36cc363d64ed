// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import static dev.meshscope.session.history.HistoryStates.channel;
import static dev.meshscope.session.history.HistoryStates.mesh;
import static dev.meshscope.session.history.HistoryStates.peer;
import static dev.meshscope.session.history.HistoryStates.probe;
import static dev.meshscope.session.history.HistoryStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.snapshot.WireStats;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.history.HistoryStates.Counters;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionHistoryTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 5_000 * SECOND;
    private static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

    @Test
    void keepsThirtyMinutesAtOneSampleASecondInFixedMemory() {
        SessionHistory h = new SessionHistory();
        h.onState(mesh(T0, 1, ZERO));
        long bytesAfterFirst = h.bytes();
        int total = 40 * 60; // 40 minutes of states, one a second
        for (int i = 1; i < total; i++) {
            h.onState(mesh(T0 + i * SECOND, 1, new Counters(i, i * 100L, i, i * 100L, 0, 0, 0)));
        }
        SampleRing ch = h.peerHistory(2).channel(0);
        assertThat(ch.size()).isEqualTo(SessionHistory.CAPACITY);
        int spanMs = ch.timeMs(ch.size() - 1) - ch.timeMs(0);
        assertThat(spanMs).isGreaterThanOrEqualTo(30 * 60 * 1000);
        assertThat(ch.timeMs(ch.size() - 1)).isEqualTo((total - 1) * 1000);
        assertThat(h.bytes()).isEqualTo(bytesAfterFirst);
        assertThat(h.samples()).isEqualTo(total);
    }

    @Test
    void aThirtyTwoPeerMeshTakesAboutTenMegabytes() {
        long perPeer = SampleRing.bytesFor(SessionHistory.CAPACITY, PeerMetric.values().length)
                + 3 * SampleRing.bytesFor(SessionHistory.CAPACITY, ChannelMetric.values().length);
        assertThat(perPeer)
                .isEqualTo(1860L * (4 + 5 * 4) + 3 * 1860L * (4 + 12 * 4))
                .isEqualTo(334_800L);
        long mesh = SessionHistory.bytesForMesh(32, 3, SessionHistory.CAPACITY);
        assertThat(mesh).isEqualTo(31 * 334_800L).isEqualTo(10_378_800L);
        SessionHistory h = new SessionHistory();
        h.onState(mesh(T0, 31, ZERO));
        assertThat(h.bytes()).isEqualTo(mesh);
        assertThat(h.skippedSeries()).isZero();
    }

    @Test
    void statesTenTimesASecondAreDecimatedToOneSampleASecond() {
        SessionHistory h = new SessionHistory();
        int taken = 0;
        for (int i = 0; i <= 100; i++) { // 10 s of states every 100 ms
            if (h.onState(mesh(T0 + i * SECOND / 10, 1, ZERO))) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(11);
        SampleRing ch = h.peerHistory(2).channel(0);
        for (int i = 1; i < ch.size(); i++) {
            assertThat(ch.timeMs(i) - ch.timeMs(i - 1)).isEqualTo(1000);
        }
    }

    /**
     * The independent check: whatever the intervals between states (late, skipped, irregular), the rates times the
     * time between samples add up to the counters' own total difference.
     */
    @Test
    void ratesIntegrateBackToTheCountersOwnDeltas() {
        SessionHistory h = new SessionHistory();
        Random rnd = new Random(12);
        long t = T0;
        long msgOut = 0, bytesOut = 0, msgIn = 0, bytesIn = 0, impaired = 0, drops = 0;
        Counters first = null;
        Counters last = null;
        for (int i = 0; i < 400; i++) {
            t += SECOND / 10 + rnd.nextInt(400) * 1_000_000L; // 100 to 500 ms apart, like a busy FX thread
            msgOut += rnd.nextInt(50);
            bytesOut += rnd.nextInt(50_000);
            msgIn += rnd.nextInt(40);
            bytesIn += rnd.nextInt(70_000);
            impaired += rnd.nextInt(3);
            drops += rnd.nextInt(2);
            Counters c = new Counters(msgOut, bytesOut, msgIn, bytesIn, rnd.nextInt(1000), impaired, drops);
            if (h.onState(mesh(t, 1, c))) {
                if (first == null) {
                    first = c;
                }
                last = c;
            }
        }
        SampleRing r = h.peerHistory(2).channel(1);
        double[] sums = new double[ChannelMetric.values().length];
        for (int i = 1; i < r.size(); i++) {
            double dt = (r.timeMs(i) - r.timeMs(i - 1)) / 1000.0;
            for (ChannelMetric m : ChannelMetric.values()) {
                sums[m.ordinal()] += r.value(m.ordinal(), i) * dt;
            }
        }
        assertThat(r.value(ChannelMetric.BYTES_OUT.ordinal(), 0)).isNaN(); // no previous sample
        // float values and millisecond times: agree within 0.1 %.
        assertThat(sums[ChannelMetric.PACKETS_OUT.ordinal()])
                .isCloseTo(last.msgOut() - first.msgOut(), within(1e-3 * last.msgOut()));
        assertThat(sums[ChannelMetric.BYTES_OUT.ordinal()])
                .isCloseTo(last.bytesOut() - first.bytesOut(), within(1e-3 * last.bytesOut()));
        assertThat(sums[ChannelMetric.PACKETS_IN.ordinal()])
                .isCloseTo(last.msgIn() - first.msgIn(), within(1e-3 * last.msgIn()));
        assertThat(sums[ChannelMetric.BYTES_IN.ordinal()])
                .isCloseTo(last.bytesIn() - first.bytesIn(), within(1e-3 * last.bytesIn()));
        assertThat(sums[ChannelMetric.IMPAIRED_DROPS.ordinal()])
                .isCloseTo(last.impaired() - first.impaired(), within(1e-3 * last.impaired() + 0.01));
        assertThat(sums[ChannelMetric.DROPS.ordinal()])
                .isCloseTo(last.drops() - first.drops(), within(1e-3 * last.drops() + 0.01));
        assertThat(r.value(ChannelMetric.BUFFERED.ordinal(), r.size() - 1)).isEqualTo((float) last.buffered());
    }

    @Test
    void probeMediansAreSampledAsTheProbeTableShowsThemAndLossBecomesARate() {
        SessionHistory h = new SessionHistory();
        var chans = List.of(channel(0, ZERO), channel(1, ZERO), channel(2, ZERO));
        h.onState(state(T0, List.of(peer(2, chans)), List.of(probe(2, 0, 1.25, 1.5, 0, 0))));
        h.onState(state(T0 + 2 * SECOND, List.of(peer(2, chans)), List.of(probe(2, 0, 3.5, 4.0, 6, 2))));
        SampleRing r = h.peerHistory(2).channel(0);
        assertThat(r.value(ChannelMetric.PROBE_RTT.ordinal(), 0)).isEqualTo(1.25f);
        assertThat(r.value(ChannelMetric.APP_RTT.ordinal(), 1)).isEqualTo(4.0f);
        assertThat(r.value(ChannelMetric.PROBE_LOST.ordinal(), 1)).isEqualTo(3f); // 6 lost over 2 s
        assertThat(r.value(ChannelMetric.PROBE_LATE.ordinal(), 1)).isEqualTo(1f);
        assertThat(h.peerHistory(2).channel(1).value(ChannelMetric.PROBE_RTT.ordinal(), 1))
                .isNaN(); // no probes on channel 1
    }

    @Test
    void aCounterThatGoesBackIsAGapNotANegativeRate() {
        SessionHistory h = new SessionHistory();
        h.onState(mesh(T0, 1, new Counters(10, 1000, 10, 1000, 0, 0, 0)));
        h.onState(mesh(T0 + SECOND, 1, new Counters(20, 2000, 20, 2000, 0, 0, 0)));
        h.onState(mesh(T0 + 2 * SECOND, 1, new Counters(5, 500, 5, 500, 0, 0, 0))); // probes cleared, peer re-added
        SampleRing r = h.peerHistory(2).channel(0);
        assertThat(r.value(ChannelMetric.BYTES_OUT.ordinal(), 1)).isEqualTo(1000f);
        assertThat(r.value(ChannelMetric.BYTES_OUT.ordinal(), 2)).isNaN();
    }

    @Test
    void departedPeersKeepTheirSeriesUntilClearedAndStartAfreshWhenBack() {
        SessionHistory h = new SessionHistory();
        h.onState(mesh(T0, 2, new Counters(1, 1, 1, 1, 0, 0, 0)));
        h.onState(mesh(T0 + SECOND, 2, new Counters(2, 2, 2, 2, 0, 0, 0)));
        h.onState(mesh(T0 + 2 * SECOND, 1, new Counters(3, 3, 3, 3, 0, 0, 0))); // peer 3 left
        PeerHistory gone = h.peerHistory(3);
        assertThat(gone.present()).isFalse();
        assertThat(gone.departedAtMillis()).isPositive();
        assertThat(gone.channel(0).size()).isEqualTo(2);
        h.onState(mesh(T0 + 3 * SECOND, 2, new Counters(9, 9, 9, 9, 0, 0, 0))); // back, counters anew
        assertThat(gone.present()).isTrue();
        assertThat(gone.channel(0).size()).isEqualTo(3);
        assertThat(gone.channel(0).value(ChannelMetric.PACKETS_OUT.ordinal(), 2))
                .isNaN();
        h.clear();
        assertThat(h.peers()).isEmpty();
        assertThat(h.markers()).isEmpty();
        h.onState(mesh(T0 + 4 * SECOND, 1, ZERO));
        assertThat(h.peers()).extracting(PeerHistory::peerId).containsExactly(2);
    }

    @Test
    void pastMaxPeersTheEarliestDepartedPeerIsForgotten() {
        SessionHistory h = new SessionHistory(10);
        long t = T0;
        for (int id = 2; id < 2 + SessionHistory.MAX_PEERS; id++) {
            h.onState(state(t, List.of(peer(id, List.of(channel(0, ZERO)))), List.of()));
            t += SECOND;
        }
        assertThat(h.peers()).hasSize(SessionHistory.MAX_PEERS);
        h.onState(state(t, List.of(peer(1000, List.of(channel(0, ZERO)))), List.of()));
        assertThat(h.peers()).hasSize(SessionHistory.MAX_PEERS);
        assertThat(h.peerHistory(2)).isNull();
        assertThat(h.peerHistory(3)).isNotNull();
        assertThat(h.peerHistory(1000)).isNotNull();
    }

    @Test
    void wireRatesComeFromConsecutiveReportsAndGoStale() {
        SessionHistory h = new SessionHistory();
        h.onState(mesh(T0, 1, ZERO));
        h.onEvent(wire(T0, 1_000_000, 2.5, 0, 0, 0, 0));
        h.onEvent(wire(T0 + 2 * SECOND, 1_002_000, 3.0, 40_000, 20_000, 100, 60));
        h.onState(mesh(T0 + 2 * SECOND, 1, ZERO));
        SampleRing w = h.peerHistory(2).wire();
        assertThat(w.value(PeerMetric.TRANSPORT_RTT.ordinal(), 1)).isEqualTo(3.0f);
        assertThat(w.value(PeerMetric.WIRE_BYTES_OUT.ordinal(), 1)).isEqualTo(20_000f);
        assertThat(w.value(PeerMetric.WIRE_BYTES_IN.ordinal(), 1)).isEqualTo(10_000f);
        assertThat(w.value(PeerMetric.WIRE_PACKETS_OUT.ordinal(), 1)).isEqualTo(50f);
        assertThat(w.value(PeerMetric.WIRE_PACKETS_IN.ordinal(), 1)).isEqualTo(30f);
        h.onState(mesh(T0 + 8 * SECOND, 1, ZERO)); // no report for 6 s
        assertThat(w.value(PeerMetric.TRANSPORT_RTT.ordinal(), 2)).isNaN();
    }

    @Test
    void eventsWorthAMarkerAreMarkedOnTheSameAxisAndPacketsAreNot() {
        SessionHistory h = new SessionHistory();
        h.onState(mesh(T0, 1, ZERO));
        h.onEvent(new MeshEvent.PeerConnected(T0 + 1500 * 1_000_000L, 0, 2));
        h.onEvent(new MeshEvent.ConnectionStateChanged(
                T0 + 2 * SECOND, 0, 2, ConnectionState.CONNECTED, ConnectionState.DISCONNECTED));
        h.onEvent(new MeshEvent.PacketSent(T0 + 2 * SECOND, 0, 2, 0, 100));
        h.onAction(OperatorAction.failed(2, "send", "no such peer"));
        h.onAction(OperatorAction.ok(2, "send", "sent"));
        List<HistoryMarker> m = h.markers();
        assertThat(m).hasSize(3);
        assertThat(m.get(0).timeMs()).isEqualTo(1500);
        assertThat(m.get(0).kind()).isEqualTo(HistoryMarker.Kind.PEER);
        assertThat(m.get(1).kind()).isEqualTo(HistoryMarker.Kind.STATE);
        assertThat(m.get(1).text()).contains("CONNECTED -> DISCONNECTED");
        assertThat(m.get(2).kind()).isEqualTo(HistoryMarker.Kind.ERROR);
        assertThat(m.get(2).text()).contains("no such peer");
    }

    @Test
    void markersAreBounded() {
        SessionHistory h = new SessionHistory();
        h.onState(mesh(T0, 1, ZERO));
        for (int i = 0; i < SessionHistory.MAX_MARKERS + 10; i++) {
            h.onEvent(new MeshEvent.PeerAdded(T0 + i * 1_000_000L, 0, 2, false));
        }
        assertThat(h.markers()).hasSize(SessionHistory.MAX_MARKERS);
        assertThat(h.markers().get(0).timeMs()).isEqualTo(10);
    }

    @Test
    void refusesACapacityTooSmallForARate() {
        assertThatThrownBy(() -> new SessionHistory(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }

    private static MeshEvent wire(
            long atNanos, long atMillis, double rtt, long bytesOut, long bytesIn, long pktOut, long pktIn) {
        return new MeshEvent.WireStatsUpdated(
                atNanos,
                atMillis,
                2,
                new WireStats(
                        atMillis,
                        "a -> b",
                        "host udp a",
                        "host udp b",
                        rtt,
                        bytesOut,
                        bytesIn,
                        pktOut,
                        pktIn,
                        "connected",
                        "connected",
                        List.of()));
    }
}
