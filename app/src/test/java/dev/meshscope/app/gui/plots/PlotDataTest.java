// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.TrafficStatus;
import dev.meshscope.session.history.SessionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which series each plot draws, the sum over channels, pause, and the CSV export against the series. */
class PlotDataTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 9_000 * SECOND;

    @TempDir
    Path dir;

    private static ChannelSnapshot channel(int index, long sent, long bytesSent, long buffered) {
        return new ChannelSnapshot(
                index,
                "c" + index,
                index + 1,
                TransferMode.RELIABLE,
                true,
                -1,
                -1,
                ChannelState.OPEN,
                buffered,
                sent,
                bytesSent,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                262144,
                0);
    }

    /** Peer 3 with two channels: channel 0 sends 10 msg / 1000 B per second, channel 1 twice that. */
    private static SessionState state(int second) {
        PeerSnapshot p = new PeerSnapshot(
                3,
                true,
                ConnectionState.CONNECTED,
                GatheringState.COMPLETE,
                SignalingState.STABLE,
                List.of(channel(0, 10L * second, 1000L * second, 5), channel(1, 20L * second, 2000L * second, 7)));
        MeshSnapshot m = new MeshSnapshot(
                T0 + second * SECOND,
                NetworkMode.MESH,
                1,
                ConnectionStatus.CONNECTED,
                false,
                List.of(TransferMode.RELIABLE, TransferMode.RELIABLE),
                List.of(p));
        ProbeStats probe = new ProbeStats(3, 0, 10, 10, 0, 0, 0, 0, 2.0 + second, 5, 1, 6, 2.5 + second, 10, 0, 0);
        return new SessionState(T0 + second * SECOND, m, "", List.of(probe), List.of(), true, TrafficStatus.IDLE, "");
    }

    private static SessionHistory history(int seconds) {
        SessionHistory h = new SessionHistory();
        for (int s = 0; s <= seconds; s++) {
            h.onState(state(s));
        }
        return h;
    }

    private static PlotSeries named(Plot p, String prefix) {
        return p.series().stream()
                .filter(s -> s.name().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + prefix + " in " + names(p)));
    }

    private static List<String> names(Plot p) {
        return p.series().stream().map(PlotSeries::name).toList();
    }

    @Test
    void theRoundTripPlotHasTheTransportAndEveryChannelsProbeSideBySide() {
        Plot p = PlotData.build(history(5), PlotKind.RTT, 3, PlotData.ALL_CHANNELS, Integer.MAX_VALUE);
        assertThat(names(p)).containsExactly("transport RTT [ms]", "probe RTT reliable [ms]", "probe RTT ordered [ms]");
        PlotSeries probe = named(p, "probe RTT reliable");
        assertThat(probe.size()).isEqualTo(6);
        assertThat(probe.y()[5]).isEqualTo(7.0); // the probe table's median at that moment
        assertThat(named(p, "probe RTT ordered").y()[5]).isNaN();
        Plot one = PlotData.build(history(5), PlotKind.RTT, 3, 0, Integer.MAX_VALUE);
        assertThat(names(one)).contains("app RTT ch 0 [ms]");
        assertThat(named(one, "app RTT").y()[4]).isEqualTo(6.5);
    }

    @Test
    void everyChannelSumsTheChannelsRatesAndOneChannelShowsItsOwn() {
        SessionHistory h = history(5);
        Plot all = PlotData.build(h, PlotKind.THROUGHPUT, 3, PlotData.ALL_CHANNELS, Integer.MAX_VALUE);
        PlotSeries out = named(all, "app bytes/s out");
        assertThat(out.y()[0]).isNaN();
        assertThat(out.y()[3]).isEqualTo(3000.0);
        Plot one = PlotData.build(h, PlotKind.PACKETS, 3, 1, Integer.MAX_VALUE);
        assertThat(named(one, "packets/s out ch 1").y()[3]).isEqualTo(20.0);
        Plot buffered = PlotData.build(h, PlotKind.BUFFERED, 3, PlotData.ALL_CHANNELS, Integer.MAX_VALUE);
        assertThat(named(buffered, "buffered").y()[2]).isEqualTo(12.0);
        double x0 = (h.originMillis() + 0) / 1000.0;
        assertThat(out.x()[0]).isEqualTo(x0);
        assertThat(out.x()[1] - out.x()[0]).isEqualTo(1.0);
    }

    @Test
    void anUnknownPeerHasAnEmptyPlot() {
        Plot p = PlotData.build(history(2), PlotKind.LOSS, 99, PlotData.ALL_CHANNELS, Integer.MAX_VALUE);
        assertThat(p.series()).isEmpty();
        assertThat(p.peerId()).isZero();
    }

    @Test
    void theCsvHoldsExactlyTheVisibleSeriesValues() throws IOException {
        SessionHistory h = history(20);
        Plot p = PlotData.build(h, PlotKind.THROUGHPUT, 3, PlotData.ALL_CHANNELS, Integer.MAX_VALUE);
        PlotSeries out = named(p, "app bytes/s out");
        double from = out.x()[5];
        double to = out.x()[12];
        Path file = dir.resolve("plot.csv");
        int rows = PlotCsv.write(p, from, to, file);
        List<String> lines = Files.readAllLines(file);
        assertThat(rows).isEqualTo(8);
        assertThat(lines).hasSize(2 + 8);
        assertThat(lines.get(0)).startsWith("# MeshScope plot: Bytes/s, peer 3, every channel");
        String[] header = lines.get(1).split(",", -1);
        assertThat(header[0]).isEqualTo("time");
        assertThat(header[1]).isEqualTo("epoch_s");
        List<String> expected = new ArrayList<>(List.of("time", "epoch_s"));
        expected.addAll(names(p));
        assertThat(header).containsExactlyElementsOf(expected);
        for (int r = 0; r < 8; r++) {
            String[] cells = lines.get(2 + r).split(",", -1);
            int i = 5 + r;
            assertThat(Double.parseDouble(cells[1])).isCloseTo(out.x()[i], org.assertj.core.data.Offset.offset(5e-4));
            assertThat(java.time.Instant.parse(cells[0]).toEpochMilli()).isEqualTo(Math.round(out.x()[i] * 1000));
            for (int s = 0; s < p.series().size(); s++) {
                double y = p.series().get(s).y()[i];
                if (Double.isNaN(y)) {
                    assertThat(cells[2 + s]).isEmpty(); // no wire report in this test: empty cells
                } else {
                    assertThat(Double.parseDouble(cells[2 + s])).isEqualTo((float) y);
                }
            }
        }
    }

    @Test
    void aCsvThatCannotBeWrittenSaysSoAndLeavesNoFile() {
        Plot p = PlotData.build(history(3), PlotKind.RTT, 3, PlotData.ALL_CHANNELS, Integer.MAX_VALUE);
        Path file = dir.resolve("no-such-folder").resolve("plot.csv");
        assertThatThrownBy(() -> PlotCsv.write(p, 0, Double.MAX_VALUE, file)).isInstanceOf(IOException.class);
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void pauseFreezesThePlotWhileTheHistoryGoesOn() {
        Selection sel = new Selection();
        PlotsViewModel vm = new PlotsViewModel(sel);
        for (int s = 0; s <= 3; s++) {
            vm.onState(state(s));
        }
        assertThat(vm.peerProperty().get().peerId()).isEqualTo(3);
        int before = vm.plotProperty().get().series().get(0).size();
        assertThat(before).isEqualTo(4);
        vm.pausedProperty().set(true);
        for (int s = 4; s <= 8; s++) {
            vm.onState(state(s));
        }
        assertThat(vm.history().samples()).isEqualTo(9);
        assertThat(vm.plotProperty().get().series().get(0).size()).isEqualTo(before);
        vm.kindProperty().set(PlotKind.THROUGHPUT); // another plot while paused: still up to the pause
        assertThat(vm.plotProperty().get().series().get(0).size()).isEqualTo(before);
        vm.pausedProperty().set(false);
        assertThat(vm.plotProperty().get().series().get(0).size()).isEqualTo(9);
        assertThat(vm.statusProperty().get()).contains("1 peer(s)").contains("9 sample(s)");
    }

    @Test
    void markersOfThePeerAndTheSessionAreOnThePlotsAxis() {
        Selection sel = new Selection();
        PlotsViewModel vm = new PlotsViewModel(sel);
        vm.onState(state(0));
        vm.onEvent(new MeshEvent.PeerConnected(T0 + SECOND / 2, 0, 3));
        vm.onEvent(new MeshEvent.PeerConnected(T0 + SECOND / 2, 0, 4)); // another peer: not on peer 3's plot
        vm.onState(state(1));
        Plot p = vm.plotProperty().get();
        assertThat(p.markers()).hasSize(1);
        assertThat(p.markerX(p.markers().get(0))).isEqualTo((vm.history().originMillis() + 500) / 1000.0);
        assertThat(PlotsView.label(p.markers().get(0))).isEqualTo("peer_connected(3)");
    }
}
