// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.app.gui.links.Departures;
import dev.meshscope.app.gui.links.LinkSilence;
import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.SessionState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The channel table's model fed with snapshots: rows in place, rates from counter deltas, filtering, liveness and
 * departed peers' rows.
 */
class ChannelsViewModelTest {
    private final Selection selection = new Selection();
    private final Departures departures = new Departures();
    private final ChannelsViewModel vm = new ChannelsViewModel(selection, departures);

    private static ChannelSnapshot ch(int i, TransferMode m, long sent, long bytesIn) {
        return new ChannelSnapshot(
                i,
                i == 0 ? "reliable" : "ordered",
                i + 1,
                m,
                true,
                m == TransferMode.RELIABLE ? 0 : 1,
                -1,
                ChannelState.OPEN,
                0,
                sent,
                sent * 100,
                bytesIn / 10,
                bytesIn,
                0,
                2,
                0);
    }

    private static SessionState state(long atNanos, int... peers) {
        List<PeerSnapshot> ps = new java.util.ArrayList<>();
        for (int p : peers) {
            ps.add(new PeerSnapshot(
                    p,
                    true,
                    ConnectionState.CONNECTED,
                    GatheringState.COMPLETE,
                    SignalingState.STABLE,
                    List.of(
                            ch(0, TransferMode.RELIABLE, atNanos / 1_000_000, atNanos / 1000),
                            ch(1, TransferMode.UNRELIABLE_ORDERED, 0, 0))));
        }
        MeshSnapshot m = new MeshSnapshot(
                atNanos,
                NetworkMode.MESH,
                1,
                ConnectionStatus.CONNECTED,
                false,
                List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE),
                ps);
        SessionState s = SessionState.initial();
        return new SessionState(atNanos, m, s.dictionary(), List.of(), List.of(), true, s.traffic(), "");
    }

    @Test
    void updatesRowsInPlaceWithRatesFromCounterDeltas() {
        vm.onState(state(1_000_000_000L, 2, 3));
        ChannelRow r = vm.row(2, 0);
        assertThat(vm.rows()).hasSize(4);
        vm.onState(state(1_500_000_000L, 2, 3));
        assertThat(vm.row(2, 0)).isSameAs(r);
        assertThat(r.msgsOutProperty().get()).isEqualTo(1500);
        assertThat(r.msgRateOutProperty().get()).isEqualTo(1000.0);
        assertThat(r.byteRateInProperty().get()).isEqualTo(1_000_000.0);
        assertThat(r.dropsProperty().get()).isEqualTo(2);
        assertThat(r.reliability()).isEqualTo("reliable");
        assertThat(vm.row(2, 1).reliability()).isEqualTo("lifetime 1 ms");
    }

    /** A slow flow (2 messages/s) with snapshots every 100 ms shows 2/s, not 0 and 10 by turns. */
    @Test
    void aSlowFlowShowsItsRateOverASecondNotPerSnapshot() {
        ChannelRow r = new ChannelRow(2, ch(0, TransferMode.RELIABLE, 0, 0));
        java.util.List<Double> shown = new java.util.ArrayList<>();
        for (int tick = 0; tick <= 30; tick++) {
            long sent = tick / 5; // one message every 500 ms
            r.update(ch(0, TransferMode.RELIABLE, sent, sent * 1000), 1_000_000_000L + tick * 100_000_000L);
            if (tick >= 10) {
                shown.add(r.msgRateOutProperty().get());
            }
        }
        assertThat(shown).allSatisfy(v -> assertThat(v).isBetween(1.0, 3.0));
        assertThat(r.msgRateOutProperty().get()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(r.byteRateInProperty().get()).isCloseTo(2000.0, org.assertj.core.data.Offset.offset(500.0));
    }

    @Test
    void keepsRowsOfPeersThatLeftGreyedWithTheReasonUntilClearedAndFiltersBySelection() {
        vm.onState(state(1, 2, 3));
        selection.select(3);
        assertThat(vm.visibleRows()).extracting(ChannelRow::peerId).containsOnly(3);
        departures.onEvent(new MeshEvent.PeerRemoved(2, 1_700_000_000_000L, 3, true, "connection FAILED"));
        vm.onState(state(2, 2));
        assertThat(vm.rows()).extracting(ChannelRow::peerId).containsOnly(2, 2, 3, 3);
        ChannelRow gone = vm.row(3, 0);
        assertThat(gone.departedProperty().get().reason()).isEqualTo("connection FAILED");
        assertThat(gone.lastInProperty().get()).startsWith("left ").endsWith(": connection FAILED");
        assertThat(gone.msgsOutProperty().get()).as("its last figures stay").isEqualTo(0);
        assertThat(vm.row(2, 0).departedProperty().get()).isNull();
        assertThat(vm.visibleRows()).extracting(ChannelRow::peerId).containsOnly(3);
        selection.select(0);
        assertThat(vm.visibleRows()).hasSize(4);

        vm.clearDeparted();
        assertThat(vm.rows()).extracting(ChannelRow::peerId).containsOnly(2);
        assertThat(vm.row(3, 0)).isNull();
    }

    @Test
    void aPeerGoneWithoutItsRemovalEventIsStillKeptAndAReturningPeerGetsFreshRows() {
        vm.onState(state(1, 2, 3));
        vm.onState(state(2, 2));
        assertThat(vm.row(3, 1).departedProperty().get().reason()).contains("removal event was not shown");
        departures.onEvent(new MeshEvent.PeerAdded(3, 1_700_000_000_000L, 3, false));
        vm.onState(state(3, 2, 3));
        assertThat(vm.rows()).extracting(ChannelRow::peerId).containsOnly(2, 2, 3, 3);
        assertThat(vm.row(3, 1).departedProperty().get())
                .as("fresh rows for the new connection")
                .isNull();
    }

    @Test
    void aLinkIsSilentOnlyWhenThisPeerSentSinceTheLastArrivalAndTheThresholdPassed() {
        long now = 1_700_000_000_000L;
        LinkSilence silence = new LinkSilence();
        PeerSnapshot answered = peer(received(now - 3000, 10));
        silence.update(answered);
        assertThat(silence.silent(answered, now, 2000))
                .as("idle after a burst: not silent")
                .isFalse();
        PeerSnapshot talking = peer(received(now - 3000, 14));
        silence.update(talking);
        assertThat(silence.silent(talking, now, 2000))
                .as("sent since, nothing back for 3 s")
                .isTrue();
        assertThat(silence.silent(talking, now, 5000))
                .as("under a 5 s threshold")
                .isFalse();
        PeerSnapshot answeredAgain = peer(received(now - 100, 14));
        silence.update(answeredAgain);
        assertThat(silence.silent(answeredAgain, now, 2000)).isFalse();
        PeerSnapshot neverHeard = new PeerSnapshot(
                9,
                true,
                ConnectionState.CONNECTED,
                GatheringState.COMPLETE,
                SignalingState.STABLE,
                List.of(received(0, 1)));
        silence.update(neverHeard);
        silence.update(new PeerSnapshot(
                9,
                true,
                ConnectionState.CONNECTED,
                GatheringState.COMPLETE,
                SignalingState.STABLE,
                List.of(received(0, 5))));
        assertThat(silence.silent(neverHeard, now, 2000))
                .as("never heard: idle, not silent")
                .isFalse();

        ChannelRow row = new ChannelRow(2, received(now - 3000, 14));
        row.update(received(now - 3000, 14), 1);
        row.updateLiveness(now, true);
        assertThat(row.silentProperty().get()).isTrue();
        assertThat(row.lastInProperty().get()).isEqualTo("silent 3 s");
        row.updateLiveness(now, false);
        assertThat(row.lastInProperty().get()).isEqualTo("3.0 s ago");
    }

    private static PeerSnapshot peer(ChannelSnapshot c) {
        return new PeerSnapshot(
                2, true, ConnectionState.CONNECTED, GatheringState.COMPLETE, SignalingState.STABLE, List.of(c));
    }

    private static ChannelSnapshot received(long atMillis, long sent) {
        return new ChannelSnapshot(
                0,
                "reliable",
                1,
                TransferMode.RELIABLE,
                true,
                -1,
                -1,
                ChannelState.OPEN,
                0,
                sent,
                10,
                1,
                10,
                0,
                0,
                0,
                0,
                0,
                262_144,
                atMillis);
    }
}
