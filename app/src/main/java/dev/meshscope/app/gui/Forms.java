// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Small layout helpers shared by the panels: cards, titles, error lines. FX thread. */
public final class Forms {
    private Forms() {
    }

    /** A titled card holding {@code content}. */
    public static VBox card(String title, Node icon, Node... content) {
        Label t = new Label(title, icon);
        t.getStyleClass().add("card-title");
        VBox box = new VBox(6);
        box.getStyleClass().add("card");
        box.getChildren().add(t);
        box.getChildren().addAll(content);
        return box;
    }

    /** An error line with id {@code id} showing {@code text}, collapsed while it is empty. */
    public static Label errorLine(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A muted hint line. */
    public static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }

    /** A row of nodes, vertically centred. */
    public static HBox row(Node... nodes) {
        HBox h = new HBox(6, nodes);
        h.setStyle("-fx-alignment: center-left;");
        return h;
    }
}
