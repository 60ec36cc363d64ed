// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.channels;

import dev.meshscope.app.gui.Format;
import dev.meshscope.core.ChannelState;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
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
    private final TableView<ChannelRow> table = new TableView<>();

    /** A table showing {@code vm}'s rows. */
    public ChannelTableView(ChannelsViewModel vm) {
        table.setId("channelTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<ChannelRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("No channels yet: add a peer (manual signaling or a shared folder)."));
        table.getColumns().add(fixed("Peer", r -> r.peerId(), 80));
        table.getColumns().add(fixed("Ch", r -> r.index(), 40));
        table.getColumns().add(fixed("Label", r -> r.label(), 80));
        table.getColumns().add(fixed("Neg. id", r -> r.negotiatedId(), 56));
        table.getColumns().add(fixed("Ordered", r -> r.ordered() ? "yes" : "no", 60));
        table.getColumns().add(fixed("Reliability", r -> r.reliability(), 100));
        table.getColumns().add(stateColumn());
        table.getColumns().add(live("Buffered", ChannelRow::bufferedProperty, v -> Format.bytes(v.doubleValue()), 76));
        table.getColumns().add(live("Msgs out", ChannelRow::msgsOutProperty, v -> Format.count(v.doubleValue()), 70));
        table.getColumns().add(live("Bytes out", ChannelRow::bytesOutProperty, v -> Format.bytes(v.doubleValue()), 80));
        table.getColumns().add(live("Msgs in", ChannelRow::msgsInProperty, v -> Format.count(v.doubleValue()), 70));
        table.getColumns().add(live("Bytes in", ChannelRow::bytesInProperty, v -> Format.bytes(v.doubleValue()), 80));
        table.getColumns().add(live("Out /s", ChannelRow::msgRateOutProperty, v -> Format.count(Math.round(v.doubleValue())), 64));
        table.getColumns().add(live("In /s", ChannelRow::msgRateInProperty, v -> Format.count(Math.round(v.doubleValue())), 64));
        table.getColumns().add(live("Out B/s", ChannelRow::byteRateOutProperty, v -> Format.bytes(v.doubleValue()), 80));
        table.getColumns().add(live("In B/s", ChannelRow::byteRateInProperty, v -> Format.bytes(v.doubleValue()), 80));
        table.getColumns().add(live("Drops", ChannelRow::dropsProperty, v -> Format.count(v.doubleValue()), 56));
        Label title = new Label();
        title.getStyleClass().add("pane-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.selection().peer() == 0
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

    private static <T extends Comparable<T>> TableColumn<ChannelRow, T> fixed(String name, Function<ChannelRow, T> f,
                                                                             double width) {
        TableColumn<ChannelRow, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private TableColumn<ChannelRow, ChannelState> stateColumn() {
        TableColumn<ChannelRow, ChannelState> c = new TableColumn<>("State");
        c.setCellValueFactory(cd -> cd.getValue().stateProperty());
        c.setPrefWidth(90);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ChannelState s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("state-open", "state-connecting", "state-closed");
                if (empty || s == null) {
                    setText(null);
                    return;
                }
                setText(s.name());
                getStyleClass().add(s == ChannelState.OPEN ? "state-open"
                        : s == ChannelState.CONNECTING ? "state-connecting" : "state-closed");
            }
        });
        return c;
    }

    private static <N extends Number> TableColumn<ChannelRow, Number> live(String name,
            Function<ChannelRow, ObservableValue<N>> prop, Function<Number, String> fmt, double width) {
        TableColumn<ChannelRow, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> {
            @SuppressWarnings("unchecked")
            ObservableValue<Number> v = (ObservableValue<Number>) prop.apply(cd.getValue());
            return v;
        });
        c.setComparator((a, b) -> Double.compare(a.doubleValue(), b.doubleValue()));
        c.setPrefWidth(width);
        c.getStyleClass().add("numeric");
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
