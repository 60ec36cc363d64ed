// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;

/**
 * What an operator cannot read: labeled controls whose skin shows less than their text (JavaFX 21 has no
 * {@code Labeled.isTextTruncated}; the skin's text node holds what is really drawn, "..." included), and nodes
 * that stick out of the window or of their scroll pane's viewport sideways. FX thread.
 */
final class Truncation {
    private Truncation() {}

    /** The text the skin of {@code l} draws, or {@code null} before it has a skin. */
    static String shownText(Labeled l) {
        for (Node n : l.getChildrenUnmodifiable()) {
            if (n instanceof Text t && n.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    /** True when {@code l} shows only part of its text. */
    static boolean truncated(Labeled l) {
        String shown = shownText(l);
        String text = l.getText();
        return text != null && !text.isEmpty() && shown != null && !shown.equals(text);
    }

    /**
     * Every visible labeled control under {@code root} (table and list cells aside: a long log line may be cut)
     * that shows less than its text, as "id-or-class: text" descriptions.
     */
    static List<String> truncatedUnder(Parent root) {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && !(n instanceof IndexedCell<?>) && truncated(l)) {
            out.add(describe(l) + " shows \"" + shownText(l) + "\"");
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    /** The node's id, or its class and text. */
    static String describe(Labeled l) {
        return (l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName()) + " \"" + l.getText() + "\"";
    }

    /**
     * Why {@code n} is not entirely visible sideways (outside the window, or outside its scroll pane's viewport),
     * or {@code null} when it is.
     */
    static String cutSideways(Node n) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        double sceneWidth = n.getScene().getWidth();
        if (b.getMinX() < -0.5 || b.getMaxX() > sceneWidth + 0.5) {
            return n.getId() + " spans x " + b.getMinX() + ".." + b.getMaxX() + " in a " + sceneWidth + " px window";
        }
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp) {
                Bounds v = sp.localToScene(sp.getLayoutBounds());
                double viewportRight = v.getMinX() + sp.getViewportBounds().getWidth() + sp.snappedLeftInset();
                if (b.getMinX() < v.getMinX() - 0.5 || b.getMaxX() > viewportRight + 0.5) {
                    return n.getId() + " spans x " + b.getMinX() + ".." + b.getMaxX() + " outside its scroll pane's "
                            + "viewport " + v.getMinX() + ".." + viewportRight;
                }
            }
        }
        return null;
    }
}
