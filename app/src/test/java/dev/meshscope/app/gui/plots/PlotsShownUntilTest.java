// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.Selection;
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
import dev.meshscope.session.TrafficStatus;
import dev.meshscope.session.history.SessionHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replay's plot model over a history on a record's clock: {@link PlotsViewModel#showUntil} cuts the plot and the
 * markers at the moment, back and forth; a peer that leaves later in the record has not left yet at an earlier
 * moment; pause holds within the cut. Negative twin: a moment before the first sample draws nothing and says how
 * much is shown.
 */
class PlotsShownUntilTest {
    /** 2021-01-01 on the record's clock, µs: long before this test runs. */
    private static final long T0 = 1_609_459_200_000_000L;

    private static final long SECOND_US = 1_000_000L;

    private static SessionState state(int second, boolean withPeer) {
        ChannelSnapshot c = new ChannelSnapshot(
                0,
                "c0",
                1,
                TransferMode.RELIABLE,
                true,
                -1,
                -1,
                ChannelState.OPEN,
                0,
                10L * second,
                1000L * second,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                262144,
                0);
        PeerSnapshot p = new PeerSnapshot(
                3, true, ConnectionState.CONNECTED, GatheringState.COMPLETE, SignalingState.STABLE, List.of(c));
        MeshSnapshot m = new MeshSnapshot(
                7, // the recording JVM's nanoTime: not used
                NetworkMode.MESH,
                1,
                ConnectionStatus.CONNECTED,
                false,
                List.of(TransferMode.RELIABLE),
                withPeer ? List.of(p) : List.of());
        return new SessionState(7, m, "", List.of(), List.of(), true, TrafficStatus.IDLE, "");
    }

    /** Samples at seconds 0..9 of the record; peer 3 is gone from second 7 on; it connected at 0.5 s. */
    private static SessionHistory recordHistory() {
        SessionHistory h = new SessionHistory(16);
        for (int s = 0; s <= 9; s++) {
            h.onRecordedState(state(s, s < 7), T0 + s * SECOND_US);
            if (s == 0) {
                h.onRecordedEvent(new MeshEvent.PeerConnected(7, 0, 3), T0 + SECOND_US / 2);
            }
        }
        return h;
    }

    private static PlotSeries bytesOut(PlotsViewModel vm) {
        return vm.plotProperty().get().series().stream()
                .filter(s -> s.name().startsWith("app bytes/s out"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theCutFollowsTheMomentBackAndForth() {
        Selection sel = new Selection();
        PlotsViewModel vm = new PlotsViewModel(sel, recordHistory());
        vm.kindProperty().set(PlotKind.THROUGHPUT);
        long originMs = T0 / 1000;
        assertThat(vm.history().originMillis()).isEqualTo(originMs);
        for (int s : new int[] {5, 2, 6, 0}) {
            vm.showUntil(originMs + s * 1000L + 300);
            sel.select(3);
            PlotSeries out = bytesOut(vm);
            assertThat(out.size()).as("points up to second %d", s).isEqualTo(s + 1);
            assertThat(out.x()[out.size() - 1]).isEqualTo((originMs + s * 1000L) / 1000.0);
            assertThat(vm.statusProperty().get()).contains((s + 1) + " sample(s) with peers up to the moment");
            assertThat(vm.plotProperty().get().markers()).hasSize(s >= 1 ? 1 : 0);
        }
        // Rates of the record: 1000 B per second of record time.
        vm.showUntil(originMs + 6000);
        assertThat(bytesOut(vm).y()[3]).isEqualTo(1000.0);
        // Peer 3 leaves at second 7: not yet at second 6, gone at second 9.
        assertThat(vm.peers()).extracting(PeerOption::label).containsExactly("peer 3");
        vm.showUntil(originMs + 9000);
        assertThat(vm.peers()).hasSize(1);
        assertThat(vm.peers().get(0).label()).startsWith("peer 3 (left ");
        // Pause inside the cut: moving further does not move the plot until resumed.
        vm.showUntil(originMs + 4000);
        vm.pausedProperty().set(true);
        vm.showUntil(originMs + 6000);
        assertThat(bytesOut(vm).size()).isEqualTo(5);
        vm.pausedProperty().set(false);
        assertThat(bytesOut(vm).size()).isEqualTo(7);
    }

    @Test
    void aMomentBeforeTheFirstSampleOrTheConnectionDrawsNothingOfThem() {
        Selection sel = new Selection();
        PlotsViewModel vm = new PlotsViewModel(sel, recordHistory());
        vm.kindProperty().set(PlotKind.THROUGHPUT);
        vm.showUntil(T0 / 1000 - 1);
        assertThat(bytesOut(vm).size()).isZero();
        assertThat(vm.plotProperty().get().markers()).isEmpty();
        assertThat(vm.statusProperty().get()).contains("0 sample(s) with peers up to the moment shown, of 10");
        // At 0.4 s: one sample, but the connection (0.5 s) is not marked yet.
        vm.showUntil(T0 / 1000 + 400);
        assertThat(bytesOut(vm).size()).isEqualTo(1);
        assertThat(vm.plotProperty().get().markers()).isEmpty();
        // An empty history: no samples to plot, said so.
        PlotsViewModel none = new PlotsViewModel(sel, new SessionHistory(4));
        none.showUntil(T0 / 1000);
        assertThat(none.statusProperty().get()).startsWith("no samples to plot");
        assertThat(none.plotProperty().get().series()).isEmpty();
    }
}
