// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small layout helpers shared by the panels: cards, titles, error lines. FX thread. */
public final class Forms {
    /** Gap between the title and the controls of a pane's bar (and half of it between wrapped lines), in px. */
    private static final double BAR_GAP = 8;

    private Forms() {}

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

    /**
     * An error line with id {@code id} showing {@code text}. Its first line is reserved while it is empty, so a
     * short message appearing as the operator types moves nothing (a longer one wraps; the panels put their error
     * lines below their action buttons, so those never move).
     */
    public static Label errorLine(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    /** A muted hint line. */
    public static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }

    /**
     * A pane's title bar: the title, then {@code controls}, on one line when the pane is wide enough and wrapped
     * onto a second line when it is not, so a narrow pane never cuts a word nor forces its neighbours narrower.
     */
    public static FlowPane bar(Node... nodes) {
        for (Node n : nodes) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        FlowPane f = new FlowPane(BAR_GAP, BAR_GAP / 2, nodes);
        f.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        f.setStyle("-fx-padding: 2 6 2 0;");
        return f;
    }

    /** A row of nodes, vertically centred; its captions (plain labels) never shrink, the fields beside them do. */
    public static HBox row(Node... nodes) {
        for (Node n : nodes) {
            if (n instanceof Label l && !l.isWrapText()) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        HBox h = new HBox(6, nodes);
        h.setStyle("-fx-alignment: center-left;");
        return h;
    }
}
