// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.app.gui.Tables;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The signaling timeline ({@code signalTimeline}): time, path, direction, type, from, to, size and verdict of every
 * signaling message of every path; refused and unexpected rows in red (pseudo-classes {@code refused} and
 * {@code unexpected}) with a mark and an icon in the Verdict column, so colour is never the only sign. The selected
 * row's whole text (SDP, candidate, the raw frame or paste of a refused one) is in {@code timelineDetail}, read-only;
 * {@code timelineSummary} counts the rows. New rows are scrolled into view unless the operator selected a row to read.
 * FX thread.
 */
public final class TimelineView extends BorderPane {
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");
    private static final PseudoClass UNEXPECTED = PseudoClass.getPseudoClass("unexpected");
    /** Share of the pane's height for the table; the detail box below gets the rest (about 6 lines on a laptop). */
    private static final double TABLE_SHARE = 0.62;

    private final TableView<SignalTrace> table = Tables.readable(this::afterLayout);
    private boolean rowsAdded;

    /** A view of {@code vm}. */
    public TimelineView(TimelineViewModel vm) {
        table.setId("signalTimeline");
        table.setItems(vm.rows());
        table.setPlaceholder(Tables.placeholder(
                "No signaling yet: every message of a paste, a shared folder or a lobby server appears here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SignalTrace, String> time = col("Time", t -> Format.time(t.at().toEpochMilli()));
        TableColumn<SignalTrace, String> path = col("Path", SignalTrace::path);
        TableColumn<SignalTrace, String> dir = col("Dir", TimelineViewModel::directionText);
        TableColumn<SignalTrace, String> type = col("Type", SignalTrace::typeName);
        TableColumn<SignalTrace, String> from = col("From", t -> TimelineViewModel.peerText(t.from()));
        TableColumn<SignalTrace, String> to = col("To", t -> TimelineViewModel.peerText(t.to()));
        TableColumn<SignalTrace, String> size = col("Size", t -> Format.bytes(t.size()));
        TableColumn<SignalTrace, String> verdict = col("Verdict", TimelineViewModel::verdictText);
        verdict.setCellFactory(c -> new VerdictCell());
        List<TableColumn<SignalTrace, String>> cols = List.of(time, path, dir, type, from, to, size, verdict);
        table.getColumns().addAll(cols);
        Tables.fitContent(table, time, () -> List.of(Format.time(System.currentTimeMillis())));
        Tables.fitContent(table, path, () -> List.of(SignalTrace.WEBSOCKET));
        Tables.fitContent(table, dir, () -> List.of("← received"));
        Tables.fitContent(table, type, () -> List.of("PEER_DISCONNECT"));
        Tables.fitCells(table, from, t -> TimelineViewModel.peerText(t.from()));
        Tables.fitCells(table, to, t -> TimelineViewModel.peerText(t.to()));
        Tables.fitCells(table, size, t -> Format.bytes(t.size()));
        // The icon sits beside the text: room for it on top of the words.
        Tables.fitContent(table, verdict, () -> List.of("⚠ UNEXPECTED     "));
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(SignalTrace t, boolean empty) {
                super.updateItem(t, empty);
                SignalTrace.Verdict v = empty || t == null ? SignalTrace.Verdict.OK : t.verdict();
                pseudoClassStateChanged(REFUSED, v == SignalTrace.Verdict.REFUSED);
                pseudoClassStateChanged(UNEXPECTED, v == SignalTrace.Verdict.UNEXPECTED);
            }
        });
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.rows().addListener((ListChangeListener<SignalTrace>) c -> {
            rowsAdded = true;
            table.requestLayout();
        });

        TextArea detail = new TextArea();
        detail.setId("timelineDetail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("mono");
        detail.setPromptText("select a row to see its whole text (SDP, candidate, or the raw text of a refused one)");
        detail.textProperty().bind(vm.detailProperty());

        Label title = new Label("Signaling timeline");
        title.getStyleClass().add("pane-title");
        Label count = new Label();
        count.setId("timelineSummary");
        count.getStyleClass().add("hint");
        count.textProperty().bind(vm.summaryProperty());
        setTop(Forms.bar(title, count));
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(TABLE_SHARE);
        setCenter(split);
    }

    /** After each layout: bring the newest row into view, unless a row is selected (the operator is reading it). */
    private void afterLayout(TableView<SignalTrace> t) {
        if (rowsAdded && t.getSelectionModel().isEmpty() && !t.getItems().isEmpty()) {
            t.scrollTo(t.getItems().size() - 1);
        }
        rowsAdded = false;
    }

    private static TableColumn<SignalTrace, String> col(String name, Function<SignalTrace, String> f) {
        TableColumn<SignalTrace, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    /** The verdict in words with an icon for refused and unexpected rows. */
    private static final class VerdictCell extends TableCell<SignalTrace, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            boolean refused = !empty && text != null && text.startsWith("✗");
            boolean unexpected = !empty && text != null && text.startsWith("⚠");
            if (!refused && !unexpected) {
                setGraphic(null);
                return;
            }
            FontIcon icon = Icons.icon(refused ? Icons.REFUSED : Icons.UNEXPECTED);
            icon.getStyleClass().add("timeline-verdict-icon");
            setGraphic(icon);
        }
    }
}
