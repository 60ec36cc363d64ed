// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.channels;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.app.gui.Tables;
import dev.meshscope.core.ChannelState;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;

/**
 * The channel table (id {@code channelTable}): one row per (peer, channel), live, sortable by any column,
 * filtered by the selected peer; clicking a row selects its peer. "Last in" says when the channel last received
 * ("0.4 s ago"), "silent 7 s" past the operator's threshold (row pseudo-class {@code silent}), or when and why the
 * peer left (row pseudo-class {@code departed}, greyed, kept until {@code clearDepartedButton}). FX thread.
 */
public final class ChannelTableView extends BorderPane {
    private static final PseudoClass OPEN = PseudoClass.getPseudoClass("open");
    private static final PseudoClass CONNECTING = PseudoClass.getPseudoClass("connecting");
    private static final PseudoClass CLOSED = PseudoClass.getPseudoClass("closed");
    private static final PseudoClass SILENT = PseudoClass.getPseudoClass("silent");
    private static final PseudoClass DEPARTED = PseudoClass.getPseudoClass("departed");

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
        // Last: a departed peer's reason is long, and must not push the live numbers out of view.
        TableColumn<ChannelRow, String> lastIn = lastInColumn();
        table.getColumns().add(lastIn);
        Tables.fitCells(table, lastIn, r -> r.lastInProperty().get());
        Label title = new Label();
        title.getStyleClass().add("pane-title");
        title.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.selection().peer() == 0
                                ? "Channels · every peer (select a peer in the graph to filter)"
                                : "Channels · peer " + vm.selection().peer() + " (click it again to show every peer)",
                        vm.selection().peerProperty()));
        Button clearDeparted = Icons.button("Clear departed", Icons.CLEAR);
        clearDeparted.setId("clearDepartedButton");
        clearDeparted.getStyleClass().add("small");
        clearDeparted.setTooltip(new Tooltip("Forget the greyed rows of peers that left (channels and probes)"));
        clearDeparted.setOnAction(e -> vm.clearDeparted());
        table.setRowFactory(t -> new LiveRow(vm));
        setTop(Forms.bar(title, clearDeparted));
        setCenter(table);
    }

    /**
     * A row that shows its channel's liveness: pseudo-class {@code silent} or {@code departed} (greyed, with when and
     * why in its tooltip), following the row object it shows; a click selects its peer everywhere.
     */
    private static final class LiveRow extends TableRow<ChannelRow> {
        private final javafx.beans.value.ChangeListener<Object> restyle = (o, a, b) -> restyle();
        private final Tooltip why = new Tooltip();
        private ChannelRow shown;

        LiveRow(ChannelsViewModel vm) {
            setOnMouseClicked(e -> {
                ChannelRow r = getItem();
                if (!isEmpty() && r != null && r.departedProperty().get() == null) {
                    vm.selection().select(r.peerId());
                }
            });
        }

        @Override
        protected void updateItem(ChannelRow r, boolean empty) {
            super.updateItem(r, empty);
            ChannelRow next = empty ? null : r;
            if (next != shown) {
                if (shown != null) {
                    shown.silentProperty().removeListener(restyle);
                    shown.departedProperty().removeListener(restyle);
                }
                shown = next;
                if (shown != null) {
                    shown.silentProperty().addListener(restyle);
                    shown.departedProperty().addListener(restyle);
                }
            }
            restyle();
        }

        private void restyle() {
            boolean departed = shown != null && shown.departedProperty().get() != null;
            pseudoClassStateChanged(
                    SILENT, shown != null && !departed && shown.silentProperty().get());
            pseudoClassStateChanged(DEPARTED, departed);
            if (departed) {
                why.setText("Peer " + shown.peerId() + " "
                        + shown.departedProperty().get().describe() + ". Its last figures stay until Clear departed.");
                setTooltip(why);
            } else {
                setTooltip(null);
            }
        }
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

    private TableColumn<ChannelRow, String> lastInColumn() {
        TableColumn<ChannelRow, String> c = new TableColumn<>("Last in");
        c.setCellValueFactory(cd -> cd.getValue().lastInProperty());
        c.setPrefWidth(70);
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
