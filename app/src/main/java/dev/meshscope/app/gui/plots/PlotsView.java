// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.session.history.HistoryMarker;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.AxisMode;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.MouseEventsHelper;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/**
 * The Plots tab (id {@code plotsView}): a chartfx chart ({@code plotChart}) of one {@link PlotKind}
 * ({@code plotKindChoice}) for one peer ({@code plotPeerChoice}) and channel ({@code plotChannelChoice}), with the
 * events of that peer and of the session as vertical markers on the same time axis. Drag to zoom into a time range,
 * drag with the middle button (or Shift+drag) to pan, scroll to zoom, right-click to step back; hover a point for its time and value.
 * {@code plotPauseToggle} freezes the plot, {@code plotResetZoomButton} shows the whole history again,
 * {@code plotExportButton} writes the visible series as CSV, {@code plotClearButton} forgets the history,
 * {@code plotPopOutButton} moves the plots into a window of their own ({@code plotBringBackButton} or closing it brings
 * them back), {@code plotStatus} says what is kept. FX thread.
 */
public final class PlotsView extends StackPane {
    private final PlotsViewModel vm;
    private final DefaultNumericAxis xAxis = new DefaultNumericAxis("time");
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis("", "");
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final Zoomer zoomer = new Zoomer(AxisMode.X);
    private final List<XValueIndicator> indicators = new ArrayList<>();
    private List<HistoryMarker> shownMarkers = List.of();
    private final Label exportStatus = new Label();
    /** The bar and the chart: in this pane, or in their own window after {@code plotPopOutButton}. */
    private final BorderPane body = new BorderPane();
    /** What this pane shows while the plots are in their own window. */
    private final VBox away = new VBox(8);

    private @Nullable Stage ownWindow;
    /** Size of the plots' own window: most of a 1366x768 laptop screen, room for half an hour of samples. */
    private static final double OWN_WIDTH = 1280;

    private static final double OWN_HEIGHT = 680;

    /** A view of {@code vm}. */
    public PlotsView(PlotsViewModel vm) {
        this.vm = vm;
        setId("plotsView");
        xAxis.setTimeAxis(true);
        xAxis.setAutoRangeRounding(false);
        xAxis.setAutoRangePadding(0);
        yAxis.setAutoRangePadding(0.05);
        chart.setId("plotChart");
        chart.setAnimated(false);
        // A NaN (no sample, no probe yet, a stale wire report) is a gap in the line, not a point at zero.
        chart.getRenderers().stream()
                .filter(r -> r instanceof ErrorDataSetRenderer)
                .forEach(r -> ((ErrorDataSetRenderer) r).setAllowNaNs(true));
        // Drag: zoom into a time range. Middle-drag, or Shift+drag on a touchpad: pan. Scroll: zoom. Right-click: back.
        zoomer.setPanMouseFilter(zoomer.defaultPanMouseFilter.or(e -> MouseEventsHelper.isOnlyPrimaryButtonDown(e)
                && e.isShiftDown()
                && !e.isControlDown()
                && !e.isAltDown()));
        chart.getPlugins().addAll(zoomer, new DataPointTooltip());
        chart.setMinSize(0, 0);

        ChoiceBox<PlotKind> kind = new ChoiceBox<>();
        kind.setId("plotKindChoice");
        kind.getItems().setAll(PlotKind.values());
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        ComboBox<PeerOption> peer = new ComboBox<>(vm.peers());
        peer.setId("plotPeerChoice");
        peer.setPromptText("no peer yet");
        peer.valueProperty().bindBidirectional(vm.peerProperty());
        ComboBox<ChannelChoice> channel = new ComboBox<>(vm.channels());
        channel.setId("plotChannelChoice");
        channel.valueProperty().bindBidirectional(vm.channelProperty());
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("plotPauseToggle");
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        pause.textProperty().bind(vm.pausedProperty().map(p -> p ? "Resume" : "Pause"));
        pause.setTooltip(new Tooltip("Freeze the plot (the history keeps sampling)"));
        Button whole = new Button("Whole history");
        whole.setId("plotResetZoomButton");
        whole.setTooltip(new Tooltip("Undo every zoom and pan: follow the newest samples again"));
        whole.setOnAction(e -> resetZoom());
        Button export = Icons.button("CSV", Icons.EXPORT);
        export.setId("plotExportButton");
        export.setTooltip(new Tooltip("Write the visible series (the time range shown) as CSV"));
        export.setOnAction(e -> chooseAndExport());
        Button clear = Icons.button("", Icons.CLEAR);
        clear.setId("plotClearButton");
        clear.setTooltip(new Tooltip("Forget every series and marker (departed peers disappear)"));
        clear.setOnAction(e -> vm.clear());
        Label status = new Label();
        status.setId("plotStatus");
        status.getStyleClass().add("hint");
        status.textProperty().bind(vm.statusProperty());
        exportStatus.setId("plotExportStatus");
        exportStatus.getStyleClass().add("hint");
        Button popOut = new Button("Own window");
        popOut.setId("plotPopOutButton");
        popOut.setTooltip(new Tooltip("Show the plots in a window of their own (closing it brings them back here)"));
        popOut.setOnAction(e -> popOut());
        body.setTop(Forms.bar(kind, peer, channel, pause, whole, export, clear, popOut, status, exportStatus));
        body.setCenter(chart);
        body.getStyleClass().add("plots");
        Button back = new Button("Bring the plots back here");
        back.setId("plotBringBackButton");
        back.setOnAction(e -> bringBack());
        away.getChildren().addAll(new Label("The plots are in their own window."), back);
        away.setStyle("-fx-padding: 12;");
        getChildren().add(body);
        vm.plotProperty().addListener((o, a, b) -> show(b));
        show(vm.plotProperty().get());
    }

    private void show(Plot p) {
        yAxis.setName(p.kind().title());
        yAxis.setUnit(p.kind().unit());
        // Always new data sets, never a write into a shown one: chartfx 11.3's Chart read-locks every data set in its
        // layout pass and unlocks them in the scene's post-layout pass; moving the chart to another scene in between
        // (Own window / bring back) leaves them read-locked, and a later write waited for ever on the FX thread
        // (ScreenshotsTest hung in DoubleDataSet.set). A fresh set's lock is ours alone until it is shown, and a shown
        // set is only read from then on. Cost: a few arrays of at most CAPACITY points a second.
        List<DataSet> fresh = new ArrayList<>();
        for (PlotSeries s : p.series()) {
            fresh.add(new DoubleDataSet(s.name()).set(s.x(), s.y(), true));
        }
        chart.getDatasets().setAll(fresh);
        if (!p.markers().equals(shownMarkers)) {
            chart.getPlugins().removeAll(indicators);
            indicators.clear();
            int i = 0;
            for (HistoryMarker m : p.markers()) {
                XValueIndicator x = new XValueIndicator(xAxis, p.markerX(m), label(m));
                x.setEditable(false);
                x.setLabelPosition(0.1 + 0.2 * (i++ % 4)); // staggered, so close events stay readable
                indicators.add(x);
            }
            chart.getPlugins().addAll(indicators);
            shownMarkers = p.markers();
        }
    }

    /** A marker's label: its kind and the event's words, cut to stay a label. */
    static String label(HistoryMarker m) {
        String t = m.text();
        return (m.kind() == HistoryMarker.Kind.ERROR ? "⚠ " : "") + (t.length() > 40 ? t.substring(0, 39) + "…" : t);
    }

    /** Shows the whole history again and follows new samples. */
    public void resetZoom() {
        zoomer.zoomOrigin();
        xAxis.setAutoRanging(true);
        yAxis.setAutoRanging(true);
    }

    private void chooseAndExport() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the visible series as CSV");
        fc.setInitialFileName(
                "meshscope-" + vm.kindProperty().get().name().toLowerCase(java.util.Locale.ROOT) + ".csv");
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            exportVisible(f.toPath());
        }
    }

    /** Writes the series in the visible time range to {@code file}; the result is shown in {@code plotExportStatus}. */
    public void exportVisible(Path file) {
        try {
            int rows = vm.exportCsv(file, xAxis.getMin(), xAxis.getMax());
            exportStatus.setText("wrote " + rows + " rows to " + file);
        } catch (IOException ex) {
            exportStatus.setText("could not write " + file + ": " + ex.getMessage() + " (choose another folder)");
        }
    }

    /** Moves the bar and the chart into a window of their own (or brings that window to the front). */
    public void popOut() {
        if (ownWindow != null) {
            ownWindow.toFront();
            return;
        }
        Stage s = new Stage();
        s.setTitle("MeshScope plots");
        getChildren().setAll(away);
        Scene scene = new Scene(body, OWN_WIDTH, OWN_HEIGHT);
        if (getScene() != null) {
            scene.getStylesheets().setAll(getScene().getStylesheets());
            if (getScene().getWindow() != null) {
                s.initOwner(getScene().getWindow());
            }
        }
        s.setScene(scene);
        s.setOnHidden(e -> bringBack());
        ownWindow = s;
        s.show();
    }

    /** Puts the bar and the chart back in this pane and closes their own window. */
    public void bringBack() {
        Stage s = ownWindow;
        if (s == null) {
            return;
        }
        ownWindow = null;
        s.setOnHidden(null);
        s.hide();
        s.getScene().setRoot(new Label());
        getChildren().setAll(body);
    }

    /** The plots' own window while they are in one, else null. */
    public @Nullable Stage ownWindow() {
        return ownWindow;
    }

    /** The chart (tests read its axes, data sets and markers). */
    public XYChart chart() {
        return chart;
    }

    /** The markers drawn now. */
    public List<XValueIndicator> markers() {
        return List.copyOf(indicators);
    }
}
