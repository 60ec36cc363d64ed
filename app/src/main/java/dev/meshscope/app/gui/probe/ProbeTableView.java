// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.app.gui.Tables;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The probe table (id {@code probeTable}): per (peer, channel) round trip median and p99 (to the pong's arrival),
 * the app round trip (to when the session's loop read it: the difference is the application's cost), loss,
 * duplicates, reordering and replies that came back on another channel than the one written inside them, from
 * MeshScope's probe packets; {@code clearProbesButton} forgets them. Late: pongs after the silent threshold plus
 * pings unanswered longer than it now (not yet lost, which takes the loss timeout); Outst.: pings not answered yet.
 * A departed peer's rows stay, greyed (row pseudo-class {@code departed}) with when and why in Status. FX thread.
 */
public final class ProbeTableView extends BorderPane {
    private static final PseudoClass DEPARTED = PseudoClass.getPseudoClass("departed");

    /** A table of {@code vm}'s probe rows. */
    public ProbeTableView(TrafficViewModel vm) {
        TableView<ProbeRow> table = Tables.readable();
        table.setId("probeTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        SortedList<ProbeRow> sorted = new SortedList<>(vm.probeRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(
                Tables.placeholder("No probes yet: send probe pings (Test packets) to a peer whose echo is on."));
        add(table, col("Peer", r -> r.peerId(), Object::toString, 56));
        add(table, col("Ch", r -> r.channel(), v -> v + "", 30));
        add(table, col("Label", r -> r.label(), v -> v, 68));
        // Round trips first: at laptop width the right-hand columns scroll out of view.
        add(table, col("RTT med", r -> r.stats().rttMedianMs(), Format::millis, 64));
        add(table, col("RTT p99", r -> r.stats().rttP99Ms(), Format::millis, 64));
        add(table, col("App RTT", r -> r.stats().appRttMedianMs(), Format::millis, 64));
        add(table, col("Sent", r -> r.stats().sent(), v -> Format.count(v), 44));
        add(table, col("Recv", r -> r.stats().received(), v -> Format.count(v), 44));
        add(table, col("Lost", r -> r.stats().lost(), v -> Format.count(v), 38));
        add(table, col("Late", r -> r.stats().late(), v -> Format.count(v), 38));
        add(table, col("Outst.", r -> r.stats().outstanding(), v -> Format.count(v), 44));
        add(
                table,
                col(
                        "Loss",
                        r -> r.stats().lossRatio(),
                        v -> String.format(java.util.Locale.ROOT, "%.1f%%", v * 100),
                        46));
        add(table, col("Dup", r -> r.stats().duplicates(), v -> Format.count(v), 34));
        add(table, col("Reord", r -> r.stats().reordered(), v -> Format.count(v), 42));
        add(table, col("Wrong ch", r -> r.stats().wrongChannel(), v -> Format.count(v), 52));
        add(table, col("Samples", r -> r.stats().samples(), v -> Format.count(v), 52));
        add(table, col("Status", ProbeRow::status, v -> v, 60));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ProbeRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(DEPARTED, !empty && r != null && r.departed() != null);
            }
        });
        Label title = new Label("Probes · RTT, loss, late, duplicates, reordering");
        title.getStyleClass().add("pane-title");
        Button clear = Icons.button("Clear", Icons.CLEAR);
        clear.setId("clearProbesButton");
        clear.getStyleClass().add("small");
        clear.setOnAction(e -> vm.clearProbes());
        setTop(Forms.bar(title, clear));
        setCenter(table);
    }

    /** Adds {@code c} with its cells' words kept whole ({@link Tables#fitCells}). */
    private static void add(TableView<ProbeRow> table, Shown c) {
        table.getColumns().add(c.column());
        Tables.fitCells(table, c.column(), r -> c.text().apply(r));
    }

    /** A column and the text its cell shows for a row. */
    private record Shown(TableColumn<ProbeRow, ?> column, Function<ProbeRow, String> text) {}

    private static <T extends Comparable<T>> Shown col(
            String name, Function<ProbeRow, T> f, Function<T, String> fmt, double width) {
        TableColumn<ProbeRow, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(cc -> new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : fmt.apply(v));
            }
        });
        return new Shown(c, r -> {
            T v = f.apply(r);
            return v == null ? "" : fmt.apply(v);
        });
    }
}
