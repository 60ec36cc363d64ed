// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.plots.Plot;
import dev.meshscope.app.gui.plots.PlotSeries;
import dev.meshscope.app.gui.plots.PlotsView;
import dev.meshscope.app.gui.plots.PlotsViewModel;
import dev.meshscope.app.gui.probe.ProbeRow;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Plots tab on a real pair: the window (peer 2) and an in-test peer (7) connected by copy and paste, probes sent
 * through the window. The plotted probe RTT is the probe table's median, the connection is marked on the time axis,
 * pause holds the plot, drag zooms, Shift+drag pans, and the tab is usable on a 1366x768 laptop screen.
 */
@Tag("window")
@Tag("native")
class PlotsWindowTest extends WindowTestBase {
    @TempDir
    Path dir;

    private static void showPlots(OpenWindow w) {
        GuiTestSupport.fxRun(() -> w.window().showPlots());
    }

    private static Optional<PlotSeries> series(PlotsViewModel vm, String prefix) {
        return vm.plotProperty().get().series().stream()
                .filter(s -> s.name().startsWith(prefix))
                .findFirst();
    }

    /** The newest value that is not NaN, or NaN. */
    private static double last(PlotSeries s) {
        for (int i = s.size() - 1; i >= 0; i--) {
            if (!Double.isNaN(s.y()[i])) {
                return s.y()[i];
            }
        }
        return Double.NaN;
    }

    private static void send(OpenWindow w, String count, String rate) {
        t.click(w, "#countField");
        t.robot.eraseText(t.text(w, "#countField").length()).write(count);
        t.click(w, "#rateField");
        t.robot.eraseText(t.text(w, "#rateField").length()).write(rate);
        t.click(w, "#sendButton");
    }

    @Test
    void aRealPairsProbesArePlottedAsTheProbeTableShowsThem() throws Exception {
        OpenWindow w = t.open("plots");
        try (HeadlessPeer seven = new HeadlessPeer("7", t.runtime())) {
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            seven.create(NetworkMode.MESH, 7, List.of());
            WindowFlows.connect(t, w, seven, 7, 2);
            showPlots(w);
            PlotsViewModel vm = w.window().plots();
            PlotsView view = t.find(w, "#plotsView");
            send(w, "60", "40");
            t.awaitText(w, "#sendProgress", s -> s.startsWith("done"), "probes sent");
            TableView<ProbeRow> probes = t.find(w, "#probeTable");
            t.awaitFx("probe rows", () -> probes.getItems().size() == 3);
            // Once the burst is answered, the table's medians hold still; the next samples must carry them exactly.
            for (int c = 0; c < 3; c++) {
                int ch = c;
                String name = "probe RTT " + WebRtcMultiplayerPeer.channelLabel(ch);
                t.awaitFx(name + " plotted as the probe table's median", () -> {
                    ProbeRow row = probes.getItems().stream()
                            .filter(r -> r.peerId() == 7 && r.channel() == ch)
                            .findFirst()
                            .orElseThrow();
                    double plotted = last(series(vm, name).orElseThrow());
                    return row.stats().samples() > 0
                            && plotted == (float) row.stats().rttMedianMs();
                });
            }
            // The transport's own round trip beside it (wire stats come every 2 s).
            t.awaitFx(
                    "transport RTT plotted",
                    () -> !Double.isNaN(last(series(vm, "transport RTT").orElseThrow())));
            assertThat(GuiTestSupport.fx(() -> last(series(vm, "transport RTT").orElseThrow())))
                    .isBetween(0.0, 1000.0);

            // The connection is a marker on the same time axis, inside the plotted range.
            t.awaitFx(
                    "peer_connected marker",
                    () -> view.markers().stream().anyMatch(m -> m.getText().equals("peer_connected(7)")));
            GuiTestSupport.fxRun(() -> {
                Plot p = vm.plotProperty().get();
                PlotSeries s = p.series().get(0);
                XValueIndicator m = view.markers().stream()
                        .filter(x -> x.getText().equals("peer_connected(7)"))
                        .findFirst()
                        .orElseThrow();
                assertThat(m.getValue()).isBetween(s.x()[0] - 2, s.x()[s.size() - 1]);
                assertThat(view.chart().getPlugins()).contains(m);
            });

            // Pause: the history goes on, the plot does not.
            t.click(w, "#plotPauseToggle");
            long samplesAtPause = GuiTestSupport.fx(() -> vm.history().samples());
            int pointsAtPause = GuiTestSupport.fx(
                    () -> vm.plotProperty().get().series().get(0).size());
            t.awaitFx("two more samples", () -> vm.history().samples() >= samplesAtPause + 2);
            assertThat(GuiTestSupport.fx(
                            () -> vm.plotProperty().get().series().get(0).size()))
                    .isEqualTo(pointsAtPause);
            assertThat(t.text(w, "#plotPauseToggle")).isEqualTo("Resume");
            t.click(w, "#plotPauseToggle");
            t.awaitFx(
                    "updates again",
                    () -> vm.plotProperty().get().series().get(0).size() > pointsAtPause);

            // Zoom: drag across the middle of the plot area; pan: drag with the middle button.
            t.awaitFx(
                    "a few seconds of history",
                    () -> vm.plotProperty().get().series().get(0).size() >= 6);
            Axis x = view.chart().getXAxis();
            double fullWidth = GuiTestSupport.fx(() -> x.getMax() - x.getMin());
            Node canvas = GuiTestSupport.fx(() -> view.chart().getCanvas());
            Bounds b = GuiTestSupport.fx(() -> canvas.localToScreen(canvas.getBoundsInLocal()));
            double y = b.getMinY() + b.getHeight() / 2;
            t.focus(w);
            t.robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.3, y));
            t.robot
                    .drag(MouseButton.PRIMARY)
                    .moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.6, y + 20))
                    .drop();
            t.awaitFx("zoomed in", () -> x.getMax() - x.getMin() < fullWidth * 0.5 && !x.isAutoRanging());
            double zoomMin = GuiTestSupport.fx(x::getMin);
            double zoomWidth = GuiTestSupport.fx(() -> x.getMax() - x.getMin());
            t.robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.5, y));
            t.robot.press(javafx.scene.input.KeyCode.SHIFT);
            t.robot
                    .drag(MouseButton.PRIMARY)
                    .moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.8, y))
                    .drop();
            t.robot.release(javafx.scene.input.KeyCode.SHIFT);
            // A drag over 30 % of the plot's width moves the range by about 30 % of its width.
            t.awaitFx("panned to earlier times", () -> x.getMin() < zoomMin - zoomWidth * 0.2);
            assertThat(GuiTestSupport.fx(() -> x.getMax() - x.getMin()))
                    .isCloseTo(zoomWidth, org.assertj.core.data.Offset.offset(zoomWidth * 0.05));

            // CSV of what is visible: only the zoomed range.
            Path csv = dir.resolve("rtt.csv");
            GuiTestSupport.fxRun(() -> view.exportVisible(csv));
            assertThat(t.text(w, "#plotExportStatus")).startsWith("wrote ");
            List<String> lines = Files.readAllLines(csv);
            double from = GuiTestSupport.fx(x::getMin);
            double to = GuiTestSupport.fx(x::getMax);
            assertThat(lines.size()).isGreaterThan(2);
            for (String line : lines.subList(2, lines.size())) {
                assertThat(Double.parseDouble(line.split(",")[1])).isBetween(from - 1e-3, to + 1e-3);
            }
            GuiTestSupport.fxRun(() -> view.exportVisible(dir.resolve("missing").resolve("x.csv")));
            assertThat(t.text(w, "#plotExportStatus")).startsWith("could not write");

            t.click(w, "#plotResetZoomButton");
            t.awaitFx("the whole history again", () -> x.isAutoRanging() && x.getMax() - x.getMin() >= fullWidth);
        }
    }

    /**
     * Regression: the window froze with the FX thread waiting for ever in {@code DoubleDataSet.set}, a write into a
     * shown data set whose read lock chartfx had left held (it read-locks the shown sets in a layout pass and unlocks
     * them in the scene's post-layout pass). The plot must never write a data set once it is shown: here every shown
     * set is left read-locked on purpose, and new samples must still be drawn.
     */
    @Test
    void aShownDataSetLeftLockedDoesNotFreezeTheWindow() throws Exception {
        OpenWindow w = t.open("plots-locked");
        try (HeadlessPeer seven = new HeadlessPeer("7", t.runtime())) {
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            seven.create(NetworkMode.MESH, 7, List.of());
            WindowFlows.connect(t, w, seven, 7, 2);
            showPlots(w);
            PlotsViewModel vm = w.window().plots();
            PlotsView view = t.find(w, "#plotsView");
            t.awaitFx("series shown", () -> !view.chart().getDatasets().isEmpty());
            for (int round = 0; round < 3; round++) {
                long before = GuiTestSupport.fx(() -> {
                    view.chart().getDatasets().forEach(d -> d.lock().readLock()); // never unlocked
                    return vm.history().samples();
                });
                t.awaitFx(
                        "round " + round + ": a new sample drawn beside the locked sets",
                        () -> vm.history().samples() > before
                                && !view.chart().getDatasets().isEmpty()
                                && view.chart().getDatasets().get(0).getDataCount()
                                        == vm.plotProperty()
                                                .get()
                                                .series()
                                                .get(0)
                                                .size());
            }
        }
    }

    @Test
    void thePlotsTabIsUsableOnALaptopScreen() {
        OpenWindow w = t.open("plots-laptop", 1366, 768 - 40);
        showPlots(w);
        PlotsView view = t.find(w, "#plotsView");
        GuiTestSupport.fxRun(() -> w.stage().getScene().getRoot().layout());
        t.awaitFx("the chart laid out", () -> view.chart().getCanvas().getWidth() > 0);
        GuiTestSupport.fxRun(() -> {
            Bounds scene = w.stage().getScene().getRoot().getLayoutBounds();
            for (String id : List.of(
                    "#plotKindChoice",
                    "#plotPeerChoice",
                    "#plotChannelChoice",
                    "#plotPauseToggle",
                    "#plotResetZoomButton",
                    "#plotExportButton",
                    "#plotClearButton",
                    "#plotChart")) {
                Node n = t.find(w, id);
                Bounds nb = n.localToScene(n.getLayoutBounds());
                assertThat(scene.contains(nb))
                        .as(id + " inside the window: " + nb)
                        .isTrue();
                assertThat(n.isVisible()).as(id).isTrue();
            }
            assertThat(Truncation.truncatedUnder(view)).isEmpty();
            assertThat(view.chart().getCanvas().getWidth())
                    .as("plot width in the tab")
                    .isGreaterThan(300);
        });
        // The tab is small on a laptop: the plots move into their own window, most of the screen.
        t.click(w, "#plotPopOutButton");
        t.awaitFx(
                "own window", () -> view.ownWindow() != null && view.ownWindow().isShowing());
        t.awaitFx(
                "a big plot",
                () -> view.chart().getCanvas().getWidth() > 1000
                        && view.chart().getCanvas().getHeight() > 400);
        GuiTestSupport.fxRun(() -> {
            assertThat(view.ownWindow().getWidth()).isLessThanOrEqualTo(1366);
            assertThat(view.ownWindow().getHeight()).isLessThanOrEqualTo(768 - 40);
        });
        t.click(w, "#plotBringBackButton");
        t.awaitFx(
                "back in the tab",
                () -> view.ownWindow() == null
                        && view.chart().getScene() == w.stage().getScene());
    }
}
