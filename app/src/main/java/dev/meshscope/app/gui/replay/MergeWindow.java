// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.replay;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The result of Merge records…: one line per record ({@code mergeOffsets}): its peers and its clock's offset from
 * the first record's, with the uncertainty; {@code mergeSummary} above. FX thread.
 */
public final class MergeWindow {
    /** Wide enough for a file name and "+1500.327 ms ± 0.031 ms (120 samples)". */
    private static final double WIDTH = 760;

    /** Room for a handful of records. */
    private static final double HEIGHT = 300;

    private MergeWindow() {}

    /** Shows {@code merged} in a small window owned by {@code owner} (or none). */
    public static Stage show(RecordActions.Merged merged, @Nullable Window owner) {
        Label summary = new Label(
                merged.message().isEmpty()
                        ? merged.lines().size() + " records on the first one's clock, " + merged.items()
                                + " items; offset = how far each clock is ahead of the first (± the bound it is known to)"
                        : merged.message());
        summary.setId("mergeSummary");
        summary.setWrapText(true);
        summary.setStyle("-fx-padding: 6;");
        List<String> lines =
                merged.lines().stream().map(RecordActions.MergedLine::describe).toList();
        ListView<String> list = new ListView<>();
        list.getItems().setAll(lines);
        list.setId("mergeOffsets");
        BorderPane root = new BorderPane(list);
        root.setTop(summary);
        Stage s = new Stage();
        if (owner != null) {
            s.initOwner(owner);
        }
        s.setTitle("Merged records");
        s.setScene(new Scene(root, WIDTH, HEIGHT));
        s.show();
        return s;
    }
}
