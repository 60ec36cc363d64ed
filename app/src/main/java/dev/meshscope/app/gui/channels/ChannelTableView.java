// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.channels;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Tables;
import dev.meshscope.core.ChannelState;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The channel table (id {@code channelTable}): one row per (peer, channel), live, sortable by any column,
 * filtered by the selected peer. FX thread.
 */
public final class ChannelTableView extends BorderPane {
    private static final PseudoClass OPEN = PseudoClass.getPseudoClass("open");
    private static final PseudoClass CONNECTING = PseudoClass.getPseudoClass("connecting");
    private static final PseudoClass CLOSED = PseudoClass.getPseudoClass("closed");

    /** The leading columns (peer .. state) whose words are measured here; the live numbers measure themselves. */
    private static final int FITTED_COLUMNS = 7;

    private final TableView<ChannelRow> table = Tables.readable();

    /** A table showing {@code vm}'s rows. */
    public ChannelTableView(ChannelsViewModel vm) {
        table.setId("channelTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        SortedList<ChannelRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(Tables.placeholder("No channels yet: add a peer (manual signaling or a shared folder)."));
        table.getColumns().add(fixed("Peer", r -> r.peerId(), 64));
        table.getColumns().add(fixed("Ch", r -> r.index(), 32));
        table.getColumns().add(fixed("Label", r -> r.label(), 70));
        table.getColumns().add(fixed("Neg id", r -> r.negotiatedId(), 46));
        table.getColumns().add(fixed("Ord", r -> r.ordered() ? "yes" : "no", 36));
        table.getColumns().add(fixed("Reliability", r -> r.reliability(), 88));
        table.getColumns().add(stateColumn());
        // Words in cells stay whole too (a narrow window scrolls the table sideways instead).
        for (int i = 0; i < FITTED_COLUMNS; i++) {
            @SuppressWarnings("unchecked")
            TableColumn<ChannelRow, Object> c =
                    (TableColumn<ChannelRow, Object>) table.getColumns().get(i);
            Tables.fitCells(table, c, r -> {
                Object v = c.getCellObservableValue(r) == null
                        ? null
                        : c.getCellObservableValue(r).getValue();
                return v == null ? "" : v.toString();
            });
        }
        table.getColumns().add(live("Buffered", ChannelRow::bufferedProperty, v -> Format.bytes(v.doubleValue()), 62));
        table.getColumns().add(live("Msg out", ChannelRow::msgsOutProperty, v -> Format.count(v.doubleValue()), 56));
        table.getColumns().add(live("Bytes out", ChannelRow::bytesOutProperty, v -> Format.bytes(v.doubleValue()), 66));
        table.getColumns().add(live("Msg in", ChannelRow::msgsInProperty, v -> Format.count(v.doubleValue()), 56));
        table.getColumns().add(live("Bytes in", ChannelRow::bytesInProperty, v -> Format.bytes(v.doubleValue()), 66));
        table.getColumns()
                .add(live(
                        "Msg/s out",
                        ChannelRow::msgRateOutProperty,
                        v -> Format.count(Math.round(v.doubleValue())),
                        62));
        table.getColumns()
                .add(live(
                        "Msg/s in", ChannelRow::msgRateInProperty, v -> Format.count(Math.round(v.doubleValue())), 58));
        table.getColumns()
                .add(live("B/s out", ChannelRow::byteRateOutProperty, v -> Format.bytes(v.doubleValue()), 66));
        table.getColumns().add(live("B/s in", ChannelRow::byteRateInProperty, v -> Format.bytes(v.doubleValue()), 66));
        table.getColumns().add(live("Drops", ChannelRow::dropsProperty, v -> Format.count(v.doubleValue()), 44));
        Label title = new Label();
        title.getStyleClass().add("pane-title");
        title.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.selection().peer() == 0
                                ? "Channels · every peer (select a peer in the graph to filter)"
                                : "Channels · peer " + vm.selection().peer() + " (click it again to show every peer)",
                        vm.selection().peerProperty()));
        setTop(new HBox(title));
        setCenter(table);
    }

    /** The table control. */
    public TableView<ChannelRow> table() {
        return table;
    }

    private static <T extends Comparable<T>> TableColumn<ChannelRow, T> fixed(
            String name, Function<ChannelRow, T> f, double width) {
        TableColumn<ChannelRow, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private TableColumn<ChannelRow, ChannelState> stateColumn() {
        TableColumn<ChannelRow, ChannelState> c = new TableColumn<>("State");
        c.setCellValueFactory(cd -> cd.getValue().stateProperty());
        c.setPrefWidth(76);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ChannelState s, boolean empty) {
                super.updateItem(s, empty);
                // Pseudo-classes, not style classes: a live table must not re-apply CSS on every update.
                pseudoClassStateChanged(OPEN, !empty && s == ChannelState.OPEN);
                pseudoClassStateChanged(CONNECTING, !empty && s == ChannelState.CONNECTING);
                pseudoClassStateChanged(
                        CLOSED, !empty && s != null && s != ChannelState.OPEN && s != ChannelState.CONNECTING);
                setText(empty || s == null ? null : s.name());
            }
        });
        return c;
    }

    /** A live numeric column whose cells keep their digits and units whole as the numbers grow. */
    private <N extends Number> TableColumn<ChannelRow, Number> live(
            String name, Function<ChannelRow, ObservableValue<N>> prop, Function<Number, String> fmt, double width) {
        TableColumn<ChannelRow, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> {
            @SuppressWarnings("unchecked")
            ObservableValue<Number> v = (ObservableValue<Number>) prop.apply(cd.getValue());
            return v;
        });
        c.setComparator((a, b) -> Double.compare(a.doubleValue(), b.doubleValue()));
        c.setPrefWidth(width);
        c.getStyleClass().add("numeric");
        Tables.fitCells(table, c, r -> {
            N v = prop.apply(r).getValue();
            return v == null ? "" : fmt.apply(v);
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : fmt.apply(v));
            }
        });
        return c;
    }
}
