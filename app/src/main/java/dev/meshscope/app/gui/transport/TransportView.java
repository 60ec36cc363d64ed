// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.transport;

import dev.meshscope.app.gui.Tables;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The transport details of the selected peer ({@code transportView}): {@code transportTitle}, then one line each
 * ({@code transportPair}, {@code transportRelay}, {@code transportRtt}, {@code transportIce}, {@code transportDtls},
 * {@code transportSctp}, {@code transportBytes}, {@code transportPackets}, {@code transportMaxMessage},
 * {@code transportLastReceived}, {@code transportReport}) and every candidate ({@code candidateTable}: the selected
 * pair's rows have the pseudo-class {@code selected-pair}, relay candidates {@code relay}). FX thread.
 */
public final class TransportView extends ScrollPane {
    private static final PseudoClass SELECTED_PAIR = PseudoClass.getPseudoClass("selected-pair");
    private static final PseudoClass RELAY = PseudoClass.getPseudoClass("relay");
    /** Height of the candidate table: a LAN pair has 2-6 candidates, a relay-only one 1-2 per side. */
    private static final double CANDIDATES_HEIGHT = 150;
    /** Width of the names column: the longest name ("Last packet received") at the table font. */
    private static final double NAME_WIDTH = 130;

    private final GridPane grid = new GridPane();
    private int rows;

    /** A view of {@code vm}. */
    public TransportView(TransportViewModel vm) {
        setId("transportView");
        setFitToWidth(true);
        Label title = new Label();
        title.setId("transportTitle");
        title.getStyleClass().add("pane-title");
        title.setWrapText(true);
        title.textProperty().bind(vm.titleProperty());
        grid.setHgap(10);
        grid.setVgap(3);
        grid.getStyleClass().add("transport-fields");
        ColumnConstraints names = new ColumnConstraints(NAME_WIDTH);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, values);
        Label pair = line("Selected pair", "transportPair", vm.pairProperty());
        vm.relayedProperty().addListener((o, a, b) -> pair.pseudoClassStateChanged(RELAY, b));
        line("Relayed (TURN)", "transportRelay", vm.relayProperty());
        line("Transport RTT", "transportRtt", vm.rttProperty());
        line("ICE state", "transportIce", vm.iceProperty());
        line("DTLS state", "transportDtls", vm.dtlsProperty());
        line("SCTP state", "transportSctp", vm.sctpProperty());
        line("Wire bytes", "transportBytes", vm.bytesProperty());
        line("Wire packets", "transportPackets", vm.packetsProperty());
        line("Max message size", "transportMaxMessage", vm.maxMessageProperty());
        line("Last packet received", "transportLastReceived", vm.lastReceivedProperty());
        line("Stats", "transportReport", vm.reportAgeProperty());

        TableView<CandidateRow> table = Tables.readable();
        table.setId("candidateTable");
        table.setItems(vm.candidates());
        table.setPrefHeight(CANDIDATES_HEIGHT);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(Tables.placeholder("No candidates reported yet."));
        table.getColumns().add(col("Side", CandidateRow::side, 52));
        table.getColumns().add(col("Type", CandidateRow::type, 48));
        table.getColumns().add(col("Proto", CandidateRow::protocol, 44));
        table.getColumns().add(col("Address", CandidateRow::address, 110));
        table.getColumns().add(col("Port", r -> r.port() < 0 ? "?" : Long.toString(r.port()), 50));
        table.getColumns().add(col("Pair", r -> r.selected() ? "selected" : "", 60));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CandidateRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(SELECTED_PAIR, !empty && r != null && r.selected());
                pseudoClassStateChanged(RELAY, !empty && r != null && r.relay());
            }
        });
        Label candidates = new Label("Candidates (the selected pair highlighted)");
        candidates.getStyleClass().add("pane-title");
        VBox box = new VBox(4, title, grid, candidates, table);
        box.setStyle("-fx-padding: 4 8 8 8;");
        setContent(box);
    }

    private Label line(String name, String id, ObservableStringValue value) {
        Label n = new Label(name);
        n.getStyleClass().add("hint");
        n.setMinWidth(NAME_WIDTH);
        Label v = new Label();
        v.setId(id);
        v.setWrapText(true);
        v.textProperty().bind(value);
        grid.addRow(rows++, n, v);
        return v;
    }

    private static TableColumn<CandidateRow, String> col(String name, Function<CandidateRow, String> f, double width) {
        TableColumn<CandidateRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
