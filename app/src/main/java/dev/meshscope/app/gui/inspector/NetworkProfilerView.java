// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.inspector;

import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Tables;
import dev.meshscope.session.inspect.ProfileSnapshot;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The Network profiler tab: {@code profilerBandwidthChart} (bytes/s in and out per peer, last minute),
 * {@code profilerNodeTable} (RPCs per node) and {@code profilerSyncTable} (states per synchronizer), and the line
 * {@code profilerSummary}. FX thread.
 */
public final class NetworkProfilerView extends BorderPane {
    /** Share of the height for the bandwidth chart. */
    private static final double CHART_SPLIT = 0.42;
    /** Seconds of history on the chart's axis ({@code NetworkProfile.HISTORY_SECONDS}). */
    private static final int HISTORY = 60;

    /** The view of {@code vm}. */
    public NetworkProfilerView(ProfilerViewModel vm) {
        NumberAxis x = new NumberAxis("seconds ago", -HISTORY, 0, 10);
        NumberAxis y = new NumberAxis();
        y.setLabel("bytes/s");
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y, vm.bandwidth());
        chart.setId("profilerBandwidthChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setTitle("Bandwidth per peer (SceneMultiplayer packets, transport overhead excluded)");

        TableView<ProfileSnapshot.NodeRow> nodes = Tables.readable();
        nodes.setId("profilerNodeTable");
        nodes.setItems(vm.nodes());
        nodes.setPlaceholder(Tables.placeholder("No RPCs yet."));
        TableColumn<ProfileSnapshot.NodeRow, String> node = col("Node", ProfileSnapshot.NodeRow::node, 260);
        nodes.getColumns().add(node);
        Tables.fitCells(nodes, node, ProfileSnapshot.NodeRow::node); // A path is read whole or not at all.
        nodes.getColumns().add(col("RPC in", ProfileSnapshot.NodeRow::rpcIn, 64));
        nodes.getColumns().add(col("Bytes in", ProfileSnapshot.NodeRow::bytesIn, 72));
        nodes.getColumns().add(col("RPC out", ProfileSnapshot.NodeRow::rpcOut, 64));
        nodes.getColumns().add(col("Bytes out", ProfileSnapshot.NodeRow::bytesOut, 72));
        nodes.getColumns().add(col("Relayed", ProfileSnapshot.NodeRow::relayed, 64));

        TableView<ProfileSnapshot.SyncRow> syncs = Tables.readable();
        syncs.setId("profilerSyncTable");
        syncs.setItems(vm.syncs());
        syncs.setPlaceholder(Tables.placeholder("No synchronizer states yet."));
        TableColumn<ProfileSnapshot.SyncRow, String> sync =
                col("Synchronizer", ProfileSnapshot.SyncRow::synchronizer, 220);
        syncs.getColumns().add(sync);
        Tables.fitCells(syncs, sync, ProfileSnapshot.SyncRow::synchronizer);
        syncs.getColumns().add(col("Sync in", ProfileSnapshot.SyncRow::syncIn, 60));
        syncs.getColumns().add(col("Bytes in", ProfileSnapshot.SyncRow::bytesIn, 70));
        syncs.getColumns().add(col("Sync out", ProfileSnapshot.SyncRow::syncOut, 64));
        syncs.getColumns().add(col("Bytes out", ProfileSnapshot.SyncRow::bytesOut, 70));
        syncs.getColumns().add(col("Delta in", ProfileSnapshot.SyncRow::deltaIn, 64));
        syncs.getColumns().add(col("Delta out", ProfileSnapshot.SyncRow::deltaOut, 70));

        SplitPane tables = new SplitPane(nodes, syncs);
        SplitPane split = new SplitPane(chart, tables);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(CHART_SPLIT);
        Label title = new Label("Network profiler");
        title.getStyleClass().add("pane-title");
        Label summary = new Label();
        summary.setId("profilerSummary");
        summary.getStyleClass().add("hint");
        summary.textProperty().bind(vm.summaryProperty());
        setTop(Forms.bar(title, summary));
        setCenter(split);
    }

    private static <S, T> TableColumn<S, T> col(String name, Function<S, T> f, double width) {
        TableColumn<S, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
