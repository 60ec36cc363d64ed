// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.dictionary;

import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;

/**
 * {@code print(get_peers())} as Godot prints it (id {@code dictionaryView}), with a one-peer-per-line switch
 * and a copy button. FX thread.
 */
public final class DictionaryView extends BorderPane {
    /** A view of {@code vm}. */
    public DictionaryView(DictionaryViewModel vm) {
        TextArea text = new TextArea();
        text.setId("dictionaryView");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("mono");
        text.textProperty().bind(vm.textProperty());
        Label title = new Label("print(get_peers())");
        title.getStyleClass().addAll("pane-title", "mono");
        CheckBox perLine = new CheckBox("one peer per line");
        perLine.setId("dictionaryOnePerLine");
        perLine.selectedProperty().bindBidirectional(vm.onePerLineProperty());
        Button copy = Icons.button("Copy", Icons.COPY);
        copy.setId("copyDictionaryButton");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.rawProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        setTop(Forms.bar(title, perLine, copy));
        setCenter(text);
    }
}
