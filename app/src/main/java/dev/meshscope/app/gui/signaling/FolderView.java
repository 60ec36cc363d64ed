// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * Shared folder: {@code signalDirField}, {@code browseFolderButton}, {@code joinFolderButton},
 * {@code leaveFolderButton}, {@code folderError} and {@code folderStatus}. FX thread.
 */
public final class FolderView extends VBox {
    /** A panel for {@code vm}. */
    public FolderView(FolderViewModel vm) {
        TextField dir = new TextField();
        dir.setId("signalDirField");
        dir.setPromptText("/path/to/shared/folder");
        dir.textProperty().bindBidirectional(vm.dirProperty());
        HBox.setHgrow(dir, Priority.ALWAYS);
        Button browse = Icons.button("", Icons.FOLDER);
        browse.setId("browseFolderButton");
        browse.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Signaling folder shared by every peer");
            File f = dc.showDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.dirProperty().set(f.getAbsolutePath());
            }
        });
        Button join = Icons.button("Join", Icons.CREATE);
        join.setId("joinFolderButton");
        join.disableProperty().bind(vm.joinedProperty());
        join.setOnAction(e -> vm.join());
        Button leave = Icons.button("Leave", Icons.CLOSE);
        leave.setId("leaveFolderButton");
        leave.disableProperty().bind(vm.joinedProperty().not());
        leave.setOnAction(e -> vm.leave());
        Label status = new Label();
        status.setId("folderStatus");
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        getChildren()
                .add(Forms.card(
                        "Shared folder",
                        Icons.icon(Icons.FOLDER),
                        Forms.row(dir, browse, join, leave),
                        Forms.errorLine("folderError", vm.problemProperty()),
                        Forms.hint(
                                "Joins with the mode, id and extra channels chosen in Create (do not press Create)."),
                        status));
    }
}
