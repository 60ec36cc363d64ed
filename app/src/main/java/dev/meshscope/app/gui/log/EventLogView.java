// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.log;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Icons;
import java.io.File;
import java.io.IOException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/**
 * The event log (id {@code eventLog}) with its filters ({@code logPeerFilter}, {@code logKindFilter}) and
 * {@code exportLogButton} (JSON lines). Failures are shown in red. New lines scroll into view while the view
 * is at the bottom. FX thread.
 */
public final class EventLogView extends BorderPane {
    private static final javafx.css.PseudoClass FAILURE = javafx.css.PseudoClass.getPseudoClass("failure");

    private final TableView<LogEntry> table = new TableView<>();

    /** A view of {@code vm}. */
    public EventLogView(LogViewModel vm) {
        table.setId("eventLog");
        table.setItems(vm.visibleEntries());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing logged yet."));
        table.getColumns().add(col("Time", e -> Format.time(e.atMillis()), 96));
        table.getColumns().add(col("Peer", e -> e.peerId() == 0 ? "" : Integer.toString(e.peerId()), 48));
        table.getColumns().add(col("Kind", LogEntry::kind, 132));
        table.getColumns().add(col("Event", LogEntry::text, 500));
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(LogEntry e, boolean empty) {
                super.updateItem(e, empty);
                pseudoClassStateChanged(FAILURE, !empty && e != null && e.failed());
            }
        });
        vm.visibleEntries().addListener((ListChangeListener<LogEntry>) c -> {
            int n = table.getItems().size();
            if (n > 0) {
                table.scrollTo(n - 1);
            }
        });
        TextField peer = new TextField();
        peer.setId("logPeerFilter");
        peer.setPromptText("peer id");
        peer.setPrefColumnCount(6);
        peer.textProperty().bindBidirectional(vm.peerFilterProperty());
        ChoiceBox<String> kind = new ChoiceBox<>(vm.kinds());
        kind.setId("logKindFilter");
        kind.valueProperty().bindBidirectional(vm.kindFilterProperty());
        Button export = Icons.button("Export", Icons.EXPORT);
        export.setTooltip(new javafx.scene.control.Tooltip("Export every kept line as JSON lines"));
        export.setId("exportLogButton");
        Label status = new Label();
        status.getStyleClass().add("hint");
        export.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Export the event log as JSON lines");
            fc.setInitialFileName("meshscope-log.jsonl");
            File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (f == null) {
                return;
            }
            try {
                status.setText("wrote " + vm.exportJsonLines(f.toPath()) + " lines to " + f);
            } catch (IOException ex) {
                vm.onProblem("export", "could not write " + f + ": " + ex.getMessage());
                vm.flush();
            }
        });
        Label title = new Label("Event log");
        title.getStyleClass().add("pane-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, title, status, grow, peer, kind, export);
        bar.setStyle("-fx-alignment: center-left; -fx-padding: 2 6 2 0;");
        setTop(bar);
        setCenter(table);
    }

    private static TableColumn<LogEntry, String> col(String name, Function<LogEntry, String> f, double width) {
        TableColumn<LogEntry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setMinWidth(width < 120 ? width : 60);
        return c;
    }
}
