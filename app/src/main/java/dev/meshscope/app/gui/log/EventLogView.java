// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.log;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.app.gui.Tables;
import java.io.File;
import java.io.IOException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

/**
 * The event log (id {@code eventLog}) with its filters ({@code logPeerFilter}, {@code logKindFilter}) and
 * {@code exportLogButton} (JSON lines). Failures are shown in red. New lines scroll into view while the newest
 * line is in view; once the operator scrolls up to read, the view stays where it is until they scroll back to
 * the bottom. The Time, Peer and Kind columns are always wide enough for their longest value. FX thread.
 */
public final class EventLogView extends BorderPane {
    private static final javafx.css.PseudoClass FAILURE = javafx.css.PseudoClass.getPseudoClass("failure");

    /**
     * Narrowest the Event column gets: about 30 characters, enough to tell lines apart (a longer line shows whole
     * when the pane is widened, and in the export).
     */
    static final double EVENT_MIN_WIDTH = 200;

    private final TableView<LogEntry> table = Tables.readable(this::afterLayout);
    /** The operator follows the log: new rows are scrolled into view. Only the operator's own input changes it. */
    private boolean following = true;
    /** Rows arrived since the last layout. */
    private boolean rowsAdded;
    /** The operator scrolled, dragged or pressed a key in the table: judge {@link #following} after the next layout. */
    private boolean operatorMoved;

    /** A view of {@code vm}. */
    public EventLogView(LogViewModel vm) {
        table.setId("eventLog");
        table.setItems(vm.visibleEntries());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Tables.placeholder("Nothing logged yet."));
        TableColumn<LogEntry, String> time = col("Time", e -> Format.time(e.atMillis()), 96);
        TableColumn<LogEntry, String> peerCol =
                col("Peer", e -> e.peerId() == 0 ? "" : Integer.toString(e.peerId()), 48);
        TableColumn<LogEntry, String> kindCol = col("Kind", LogEntry::kind, 132);
        TableColumn<LogEntry, String> event = col("Event", LogEntry::text, EVENT_MIN_WIDTH);
        event.setMinWidth(EVENT_MIN_WIDTH);
        table.getColumns().add(time);
        table.getColumns().add(peerCol);
        table.getColumns().add(kindCol);
        table.getColumns().add(event);
        Tables.fitContent(table, time, () -> java.util.List.of(Format.time(System.currentTimeMillis())));
        Tables.fitCells(table, peerCol, e -> e.peerId() == 0 ? "" : Integer.toString(e.peerId()));
        Tables.fitContent(table, kindCol, vm::kinds);
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(LogEntry e, boolean empty) {
                super.updateItem(e, empty);
                pseudoClassStateChanged(FAILURE, !empty && e != null && e.failed());
            }
        });
        vm.visibleEntries().addListener((ListChangeListener<LogEntry>) c -> {
            // Carried out after the next layout, once the table's skin knows the new row count.
            rowsAdded = true;
            table.requestLayout();
        });
        // Whether the operator follows the log is judged only after their own input (wheel, scroll bar, keys):
        // rows arriving faster than the table lays out must not look like "scrolled up".
        table.addEventFilter(ScrollEvent.ANY, e -> operatorMoved());
        table.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> operatorMoved());
        table.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> operatorMoved());
        table.addEventFilter(KeyEvent.KEY_RELEASED, e -> operatorMoved());
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
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        status.setWrapText(true);
        setTop(Forms.bar(title, peer, kind, export, status));
        setCenter(table);
    }

    private void operatorMoved() {
        operatorMoved = true;
        table.requestLayout();
    }

    /** After each layout: judge what the operator's input did, then bring the newest row into view if following. */
    private void afterLayout(TableView<LogEntry> t) {
        if (!(t.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return;
        }
        if (operatorMoved) {
            operatorMoved = false;
            following = showsNewest(flow);
        }
        int n = t.getItems().size();
        if (rowsAdded && following && n > 0) {
            flow.scrollTo(n - 1);
            // scrollTo only makes the row a visible cell; in a short viewport with tall (wrapped) rows it can stay
            // just below the edge. Scrolling on by a viewport is clamped at the end, so the newest row is whole.
            flow.scrollPixels(flow.getHeight());
        }
        rowsAdded = false;
    }

    /**
     * Whether {@code flow} shows the newest row (or has nothing to show). A newest row only partly in view counts:
     * the operator went to the end (End, or the scroll bar at the bottom), and the next rows bring it whole.
     */
    private boolean showsNewest(VirtualFlow<?> flow) {
        int n = table.getItems().size();
        IndexedCell<?> last = flow.getLastVisibleCell();
        return n == 0 || last == null || last.getIndex() >= n - 1;
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
