// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.meshscope.app.gui.channels.ChannelRow;
import dev.meshscope.app.gui.links.Liveness;
import dev.meshscope.app.gui.plots.ChannelChoice;
import dev.meshscope.app.gui.plots.Plot;
import dev.meshscope.app.gui.plots.PlotKind;
import dev.meshscope.app.gui.plots.PlotSeries;
import dev.meshscope.app.gui.plots.PlotsView;
import dev.meshscope.app.gui.plots.PlotsViewModel;
import dev.meshscope.app.gui.replay.RecordMenu;
import dev.meshscope.app.gui.replay.ReplayWindow;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.record.RecordCodec;
import dev.meshscope.session.record.RecordContents;
import dev.meshscope.session.record.RecordItem;
import dev.meshscope.session.record.RecordReader;
import dev.meshscope.session.record.RecordReplay;
import io.fair_acc.chartfx.axes.Axis;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay window's Plots tab on the record of a real window session (peers 2 and 3 joined through a shared
 * folder, probes on every channel): the plotted rates and probe round trips are the ones computed here straight from
 * the record's own stats lines, on the record's clock; the slider cuts the plot at its moment, back and forth; the
 * record's events are markers at their record times; the plot exports as CSV; the channel table's "last in" counts
 * from the slider's moment, not from today. Negative twins: a record without stats lines plots nothing and says so, a
 * cut record plots up to where it stops.
 */
@Tag("window")
@Tag("native")
class ReplayPlotsWindowTest extends WindowTestBase {
    /** Remote peer of the recorded session (the record is peer 2's). */
    private static final int REMOTE = 3;
    /** One sample period of the recorder and the history, seconds, with 100 ms for the recorder's jitter. */
    private static final double PERIOD_S = 1.1;
    /** Two record times that are the same sample, in seconds (the axis is in ms since a ms origin). */
    private static final double SAME_X = 0.002;

    private static Path record;

    @TempDir
    Path dir;

    @BeforeAll
    static void recordARealSession() throws Exception {
        Path lobby = Files.createTempDirectory("replay-plots-lobby");
        OpenWindow w2 = t.open("replay-plots-2");
        OpenWindow w3 = t.open("replay-plots-3");
        w2.session().joinFolder(lobby, new CreateRequest(NetworkMode.MESH, 2, List.of(), List.of()));
        w3.session().joinFolder(lobby, new CreateRequest(NetworkMode.MESH, 3, List.of(), List.of()));
        t.awaitFx(
                "both connected on three channels",
                () -> WindowFlows.openChannels(t, w2) == 3 && WindowFlows.openChannels(t, w3) == 3);
        // Four seconds of probes at 20/s on every channel: several samples with moving counters and round trips.
        w2.session().send(new SendRequest(REMOTE, SendRequest.ALL_CHANNELS, new byte[48], 80, 20, true));
        t.awaitFx("probes answered", () -> WindowFlows.messagesIn(t, w2) >= 150);
        long sampled = w2.session().recorder().samples();
        await("two more samples")
                .atMost(GuiTestSupport.TIMEOUT)
                .until(() -> w2.session().recorder().samples() >= sampled + 2);
        record = w2.session().recorder().file();
        t.closeWindows();
        assertThat(record).exists();
    }

    private static ReplayWindow open(Path file) {
        List<OperatorAction> log = new CopyOnWriteArrayList<>();
        ReplayWindow w = GuiTestSupport.fx(() -> RecordMenu.openFile(file, log::add, null));
        assertThat(w).as("opened %s: %s", file, log).isNotNull();
        return w;
    }

    private static <T extends Node> T find(ReplayWindow w, String query) {
        return t.robot.from(w.stage().getScene().getRoot()).lookup(query).query();
    }

    /** Moves the slider itself to {@code at} (record µs). */
    private static void slide(ReplayWindow w, long at) {
        Slider s = find(w, "#replaySlider");
        long start = w.model().replay().startsAt();
        GuiTestSupport.fxRun(() -> s.setValue((at - start) / 1e6));
    }

    /** The record's stats lines in which the remote peer is present, in time order. */
    private static List<RecordItem.Stats> samplesWithRemote(RecordContents c) {
        return c.items().stream()
                .filter(i -> i instanceof RecordItem.Stats s && s.mesh().peer(REMOTE) != null)
                .map(i -> (RecordItem.Stats) i)
                .sorted(java.util.Comparator.comparingLong(RecordItem::at))
                .toList();
    }

    /** The stats line plotted at {@code x} (epoch seconds), found by its record time. */
    private static RecordItem.Stats sampleAt(List<RecordItem.Stats> samples, double x) {
        return samples.stream()
                .filter(s -> Math.abs(s.at() / 1e6 - x) < SAME_X)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stats line at " + x + " s"));
    }

    private static ChannelSnapshot channel0(RecordItem.Stats s) {
        PeerSnapshot p = s.mesh().peer(REMOTE);
        assertThat(p).isNotNull();
        return p.channels().get(0);
    }

    private static PlotSeries series(PlotsViewModel vm, String prefix) {
        return vm.plotProperty().get().series().stream()
                .filter(s -> s.name().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + prefix));
    }

    private static void choose(PlotsViewModel vm, PlotKind kind, int channel) {
        GuiTestSupport.fxRun(() -> {
            vm.choosePeer(REMOTE);
            vm.kindProperty().set(kind);
            ChannelChoice c = vm.channels().stream()
                    .filter(ch -> ch.index() == channel)
                    .findFirst()
                    .orElseThrow();
            vm.channelProperty().set(c);
        });
    }

    /**
     * Checks every plotted received-bytes rate of channel 0 against the two stats lines it comes from, computed here:
     * (bytes received at this sample − at the previous one) / (record time between them). Returns the values checked.
     */
    private static int checkReceivedRates(PlotSeries s, List<RecordItem.Stats> samples) {
        int checked = 0;
        for (int i = 1; i < s.size(); i++) {
            if (Double.isNaN(s.y()[i])) {
                continue;
            }
            RecordItem.Stats now = sampleAt(samples, s.x()[i]);
            RecordItem.Stats before = sampleAt(samples, s.x()[i - 1]);
            double expected = (channel0(now).bytesReceived() - channel0(before).bytesReceived())
                    / ((now.at() - before.at()) / 1e6);
            assertThat(s.y()[i])
                    .as("rate at %s s", s.x()[i])
                    .isCloseTo(expected, within(Math.max(1e-3, Math.abs(expected) * 1e-6)));
            checked++;
        }
        return checked;
    }

    /** Checks every node of {@code ids} is laid out inside the window's scene, not cut off. */
    private static void fitsTheWindow(ReplayWindow w, String... ids) {
        GuiTestSupport.fxRun(() -> w.stage().getScene().getRoot().layout());
        GuiTestSupport.fxRun(() -> {
            javafx.geometry.Bounds scene = w.stage().getScene().getRoot().getLayoutBounds();
            assertThat(scene.getWidth()).isLessThanOrEqualTo(1366);
            assertThat(scene.getHeight()).isLessThanOrEqualTo(768);
            for (String id : ids) {
                Node n = find(w, id);
                javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
                assertThat(n.isVisible()).as("%s visible", id).isTrue();
                assertThat(b.getWidth() * b.getHeight()).as("%s has room", id).isPositive();
                assertThat(scene.contains(b))
                        .as("%s (%s) inside %s", id, b, scene)
                        .isTrue();
            }
        });
    }

    private static double lastX(PlotSeries s) {
        return s.size() == 0 ? Double.NaN : s.x()[s.size() - 1];
    }

    @Test
    void theReplayPlotIsTheRecordsOwnSamplesCutAtTheSliderMoment() throws Exception {
        RecordContents c = RecordReader.readStrict(record);
        RecordReplay replay = RecordReplay.of(c);
        List<RecordItem.Stats> samples = samplesWithRemote(c);
        List<RecordItem.Stats> traffic =
                samples.stream().filter(s -> channel0(s).messagesReceived() > 0).toList();
        assertThat(traffic).as("samples with traffic").hasSizeGreaterThanOrEqualTo(3);
        RecordItem.Stats last = samples.get(samples.size() - 1);

        ReplayWindow w = open(record);
        GuiTestSupport.fxRun(() -> w.showPlots(true));
        PlotsViewModel vm = w.model().plots();
        PlotsView view = w.plotsView();
        assertThat(GuiTestSupport.fx(() -> find(w, "#plotClearButton").isDisabled()))
                .as("clearing would lose the replay's history")
                .isTrue();

        // The peer chooser follows the replay's selection, as the live one does.
        slide(w, last.at() + 100);
        GuiTestSupport.fxRun(() -> w.model().selection().select(REMOTE));
        assertThat(GuiTestSupport.fx(() -> vm.peerProperty().get().peerId())).isEqualTo(REMOTE);

        // Throughput of channel 0, at the last sample: every sample of the record up to there, rates from its counters.
        choose(vm, PlotKind.THROUGHPUT, 0);
        PlotSeries in = GuiTestSupport.fx(() -> series(vm, "app bytes/s in ch 0"));
        assertThat(in.size()).isEqualTo(samples.size());
        assertThat(checkReceivedRates(in, samples)).isGreaterThanOrEqualTo(traffic.size() - 1);
        assertThat(Arrays.stream(in.y()).filter(y -> y > 0).count())
                .as("rates with traffic")
                .isGreaterThanOrEqualTo(2);
        assertThat(lastX(in)).isCloseTo(last.at() / 1e6, within(SAME_X));

        // Probe RTT of channel 0: the record's own medians, sample by sample.
        choose(vm, PlotKind.RTT, 0);
        PlotSeries rtt = GuiTestSupport.fx(() -> series(vm, "probe RTT " + WebRtcMultiplayerPeer.channelLabel(0)));
        int medians = 0;
        for (int i = 0; i < rtt.size(); i++) {
            RecordItem.Stats s = sampleAt(samples, rtt.x()[i]);
            ProbeStats p = s.probes().stream()
                    .filter(ps -> ps.peerId() == REMOTE && ps.channel() == 0)
                    .findFirst()
                    .orElse(null);
            if (p == null) {
                assertThat(rtt.y()[i]).isNaN();
            } else {
                assertThat(rtt.y()[i]).isEqualTo((double) (float) p.rttMedianMs());
                medians++;
            }
        }
        assertThat(medians).as("plotted probe medians").isGreaterThanOrEqualTo(2);

        // The slider cuts the plot at its moment, forward and back: the last point is the last sample before it.
        choose(vm, PlotKind.THROUGHPUT, 0);
        RecordItem.Stats first = traffic.get(0);
        long[] moments = {
            traffic.get(1).at() + 400_000,
            first.at() + 100,
            last.at() + 100,
            traffic.get(traffic.size() / 2).at() + 700_000,
            samples.get(0).at() + 100
        };
        for (long m : moments) {
            slide(w, m);
            PlotSeries s = GuiTestSupport.fx(() -> series(vm, "app bytes/s in ch 0"));
            long expectedPoints = samples.stream().filter(x -> x.at() <= m).count();
            assertThat(s.size()).as("points up to %d", m).isEqualTo((int) expectedPoints);
            assertThat(m / 1e6 - lastX(s)).as("last x before the moment %d", m).isBetween(-SAME_X, PERIOD_S);
            assertThat(GuiTestSupport.fx(() -> vm.statusProperty().get()))
                    .contains(expectedPoints + " sample(s) with peers up to the moment shown");
        }

        // The record's connection is a marker at its record time; before it there is none.
        RecordItem.Event connected = c.items().stream()
                .filter(i -> i instanceof RecordItem.Event e
                        && e.event() instanceof MeshEvent.PeerConnected pc
                        && pc.peerId() == REMOTE)
                .map(i -> (RecordItem.Event) i)
                .findFirst()
                .orElseThrow();
        long connectedAt = connected.at();
        String label = connected.event().describe();
        slide(w, last.at() + 100);
        t.awaitFx(
                "the connection marked",
                () -> view.markers().stream().anyMatch(x -> x.getText().equals(label)));
        double markerX = GuiTestSupport.fx(() -> view.markers().stream()
                .filter(x -> x.getText().equals(label))
                .findFirst()
                .orElseThrow()
                .getValue());
        assertThat(markerX).isCloseTo(connectedAt / 1e6, within(SAME_X));
        slide(w, connectedAt - 1000);
        t.awaitFx(
                "no marker before the connection",
                () -> view.markers().stream().noneMatch(x -> x.getText().equals(label)));

        // CSV of the replay's plot: its rows are the plotted samples, on the record's clock.
        slide(w, last.at() + 100);
        GuiTestSupport.fxRun(view::resetZoom);
        Axis x = view.chart().getXAxis();
        PlotSeries shown = GuiTestSupport.fx(() -> series(vm, "app bytes/s in ch 0"));
        t.awaitFx(
                "the axis spans the plot",
                () -> x.getMin() <= shown.x()[0] + 1e-3 && x.getMax() >= lastX(shown) - 1e-3);
        Path csv = dir.resolve("replay.csv");
        GuiTestSupport.fxRun(() -> view.exportVisible(csv));
        assertThat(GuiTestSupport.fx(() -> ((javafx.scene.control.Label) find(w, "#plotExportStatus")).getText()))
                .startsWith("wrote " + shown.size() + " rows");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).contains("peer " + REMOTE).contains("channel 0");
        assertThat(lines).hasSize(shown.size() + 2);
        int col = Arrays.asList(lines.get(1).split(",")).indexOf("app bytes/s in ch 0 [B/s]");
        assertThat(col).isPositive();
        for (int i = 0; i < shown.size(); i++) {
            String[] cells = lines.get(i + 2).split(",", -1);
            assertThat(Double.parseDouble(cells[1])).isCloseTo(shown.x()[i], within(1e-3));
            if (!Double.isNaN(shown.y()[i])) {
                assertThat(Double.parseDouble(cells[col])).isCloseTo(shown.y()[i], within(1e-2));
            }
        }

        // Usable on a 1366x768 laptop screen (the window is 1340x720 at most): every control and view lies inside.
        fitsTheWindow(
                w,
                "#plotKindChoice",
                "#plotPeerChoice",
                "#plotChannelChoice",
                "#plotPauseToggle",
                "#plotResetZoomButton",
                "#plotExportButton",
                "#plotPopOutButton",
                "#plotChart",
                "#replaySlider",
                "#replayPlayButton");
        GuiTestSupport.fxRun(() -> w.showPlots(false));
        fitsTheWindow(w, "#peerGraph", "#dictionaryView", "#channelTable", "#probeTable", "#eventLog");
        GuiTestSupport.fxRun(() -> w.showPlots(true));

        // The picture for the README: the replay with its Plots tab, every channel's probe round trip.
        choose(vm, PlotKind.RTT, ChannelChoice.ALL.index());
        t.awaitFx("the chart laid out", () -> view.chart().getCanvas().getWidth() > 0);
        GuiTestSupport.savePng(
                w.stage().getScene(), GuiTestSupport.screenshotsDir().resolve("replay-plots.png"));
        assertThat(replay.endsAt()).isGreaterThan(last.at() - 1);
        GuiTestSupport.fxRun(() -> w.stage().close());
    }

    /**
     * A jump from the record's start into the middle of its traffic shows the channel rates of the two samples around
     * the moment (once showed 0 msg/s: the rows had one sample to compare); moving within one sample period changes
     * nothing. Expected values straight from the two stats lines.
     */
    @Test
    void aJumpForwardShowsTheRatesOfTheTwoSamplesAroundTheMoment() throws Exception {
        RecordContents c = RecordReader.read(record);
        List<RecordItem.Stats> samples = samplesWithRemote(c);
        int i = -1;
        for (int k = 1; k < samples.size(); k++) {
            if (channel0(samples.get(k)).bytesReceived()
                    > channel0(samples.get(k - 1)).bytesReceived()) {
                i = k;
                break;
            }
        }
        assertThat(i).as("two samples with traffic between them").isPositive();
        RecordItem.Stats before = samples.get(i - 1);
        RecordItem.Stats now = samples.get(i);
        double secs = (now.at() - before.at()) / 1e6;
        double expectedBytes = (channel0(now).bytesReceived() - channel0(before).bytesReceived()) / secs;
        double expectedMsgs =
                (channel0(now).messagesReceived() - channel0(before).messagesReceived()) / secs;
        ReplayWindow w = open(record);
        TableView<ChannelRow> table = find(w, "#channelTable");
        for (long m : new long[] {now.at() + 100, now.at() + 300_000}) {
            slide(w, m);
            ChannelRow row = GuiTestSupport.fx(() -> table.getItems().stream()
                    .filter(r -> r.peerId() == REMOTE && r.index() == 0)
                    .findFirst()
                    .orElseThrow());
            assertThat(GuiTestSupport.fx(() -> row.byteRateInProperty().get()))
                    .as("B/s in at %d", m)
                    .isCloseTo(expectedBytes, within(1e-6 * expectedBytes));
            assertThat(GuiTestSupport.fx(() -> row.msgRateInProperty().get()))
                    .isCloseTo(expectedMsgs, within(1e-6 * Math.max(1, expectedMsgs)));
        }
        GuiTestSupport.fxRun(() -> w.stage().close());
    }

    @Test
    void lastInCountsFromTheSliderMomentNotFromToday() throws Exception {
        RecordContents c = RecordReader.read(record);
        List<RecordItem.Stats> traffic = samplesWithRemote(c).stream()
                .filter(s -> channel0(s).lastReceivedAtMillis() > 0)
                .toList();
        assertThat(traffic).hasSizeGreaterThanOrEqualTo(2);
        RecordItem.Stats s = traffic.get(0);
        RecordReplay replay = RecordReplay.of(c);
        ReplayWindow w = open(record);
        TableView<ChannelRow> table = find(w, "#channelTable");
        // Two moments showing the same sample, 0.6 s apart: the texts differ by 0.6 s.
        long m1 = s.at() + 100;
        long m2 = s.at() + 600_000;
        assertThat(m2).isLessThan(traffic.get(1).at());
        String[] texts = new String[2];
        long[] moments = {m1, m2};
        for (int i = 0; i < 2; i++) {
            long m = moments[i];
            slide(w, m);
            long lastIn = replay.at(m).mesh().peer(REMOTE).channels().get(0).lastReceivedAtMillis();
            String shown = GuiTestSupport.fx(() -> table.getItems().stream()
                    .filter(r -> r.peerId() == REMOTE && r.index() == 0)
                    .findFirst()
                    .orElseThrow()
                    .lastInProperty()
                    .get());
            assertThat(shown).as("last in at %d", m).isEqualTo(Liveness.ago(lastIn, m / 1000));
            texts[i] = shown;
        }
        assertThat(texts[1]).isNotEqualTo(texts[0]);

        // At the end of the record the session closed: the departed rows say when on the record's clock.
        slide(w, replay.endsAt());
        List<ChannelRow> departed = GuiTestSupport.fx(() -> table.getItems().stream()
                .filter(r -> r.departedProperty().get() != null)
                .toList());
        assertThat(departed)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.departedProperty().get().atMillis())
                        .isBetween(replay.startsAt() / 1000, replay.endsAt() / 1000));
        GuiTestSupport.fxRun(() -> w.stage().close());
    }

    @Test
    void aRecordWithoutSamplesPlotsNothingAndSaysSo() throws Exception {
        RecordContents c = RecordReader.readStrict(record);
        Path bare = dir.resolve("no-stats.msrec.jsonl.gz");
        try (Writer out = new java.io.OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(bare)), StandardCharsets.UTF_8)) {
            out.write(RecordCodec.headerLine(c.header()) + "\n");
            for (RecordItem i : c.items()) {
                if (!(i instanceof RecordItem.Stats)) {
                    out.write(RecordCodec.line(i) + "\n");
                }
            }
        }
        assertThat(RecordReader.readStrict(bare).items()).noneMatch(i -> i instanceof RecordItem.Stats);
        ReplayWindow w = open(bare);
        GuiTestSupport.fxRun(() -> w.showPlots(true));
        PlotsViewModel vm = w.model().plots();
        for (long m :
                new long[] {w.model().replay().endsAt(), w.model().replay().startsAt()}) {
            slide(w, m);
            assertThat(GuiTestSupport.fx(() -> vm.statusProperty().get())).startsWith("no samples to plot");
            assertThat(GuiTestSupport.fx(() -> List.copyOf(vm.peers()))).isEmpty();
            Plot p = GuiTestSupport.fx(() -> vm.plotProperty().get());
            assertThat(p.series()).allSatisfy(s -> assertThat(s.size()).isZero());
        }
        assertThat(GuiTestSupport.fx(() -> ((javafx.scene.control.Label) find(w, "#plotStatus")).getText()))
                .startsWith("no samples to plot");
        GuiTestSupport.fxRun(() -> w.stage().close());
    }

    @Test
    void aCutRecordPlotsUpToWhereItStops() throws Exception {
        byte[] whole = Files.readAllBytes(record);
        Path cut = dir.resolve("cut.msrec.jsonl.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));
        RecordContents c = RecordReader.read(cut);
        assertThat(c.damage()).isNotNull();
        List<RecordItem.Stats> samples = samplesWithRemote(c);
        assertThat(samples).as("samples before the damage").hasSizeGreaterThanOrEqualTo(2);
        assertThat(samples.size())
                .isLessThan(samplesWithRemote(RecordReader.read(record)).size());

        ReplayWindow w = open(cut);
        GuiTestSupport.fxRun(() -> w.showPlots(true));
        PlotsViewModel vm = w.model().plots();
        slide(w, w.model().replay().endsAt());
        choose(vm, PlotKind.THROUGHPUT, 0);
        PlotSeries in = GuiTestSupport.fx(() -> series(vm, "app bytes/s in ch 0"));
        assertThat(in.size()).isEqualTo(samples.size());
        assertThat(lastX(in)).isCloseTo(samples.get(samples.size() - 1).at() / 1e6, within(SAME_X));
        checkReceivedRates(in, samples);
        GuiTestSupport.fxRun(() -> w.stage().close());
    }
}
