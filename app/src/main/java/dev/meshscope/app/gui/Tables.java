// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.jspecify.annotations.Nullable;

/**
 * Tables whose column headers (and chosen columns' contents) are never cut to "...": after each layout, every
 * column's minimum width is raised to what its header text needs in the font CSS really gave it, so a narrow
 * window scrolls the table sideways instead of hiding words. Placeholders wrap. FX thread.
 */
public final class Tables {
    /**
     * Width a sorted column's header needs beside its label: the sort arrow JavaFX adds (about 8 px plus its gap),
     * so sorting by a column does not cut its name.
     */
    static final double SORT_ARROW_ROOM = 12;
    /** Rows measured per layout by {@link #fitCells}: the newest ones, enough for every (peer, channel) row. */
    static final int CELLS_MEASURED = 256;
    /** Width a cell needs beside its text: the cell's left and right padding in the theme (2 x 4 px) and a margin. */
    static final double CELL_ROOM = 12;

    private Tables() {}

    /** A table that keeps its headers readable; give it contents that must stay readable with {@link #fitContent}. */
    public static <S> TableView<S> readable() {
        return readable(t -> {});
    }

    /**
     * Like {@link #readable()}, running {@code afterLayout} after each layout of the table, when its skin has
     * taken in every change of the items (the place to scroll to a row that was just added).
     */
    public static <S> TableView<S> readable(Consumer<TableView<S>> afterLayout) {
        Map<TableColumn<S, ?>, Supplier<Collection<String>>> content = new IdentityHashMap<>();
        TableView<S> t = new TableView<>() {
            @Override
            protected void layoutChildren() {
                super.layoutChildren();
                fitHeaders(this);
                fitContents(this, content);
                afterLayout.accept(this);
            }
        };
        t.getProperties().put(Tables.class, content);
        return t;
    }

    /**
     * Keeps {@code column} of a {@link #readable()} table at least as wide as the widest of {@code texts} (in the
     * table's cell font), e.g. every event kind name in the log.
     */
    @SuppressWarnings("unchecked")
    public static <S> void fitContent(
            TableView<S> table, TableColumn<S, ?> column, Supplier<Collection<String>> texts) {
        Object m = table.getProperties().get(Tables.class);
        if (!(m instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a Tables.readable() table");
        }
        ((Map<TableColumn<S, ?>, Supplier<Collection<String>>>) m).put(column, texts);
    }

    /**
     * Keeps {@code column} of a {@link #readable()} table at least as wide as {@code text} of its newest
     * {@link #CELLS_MEASURED} rows (values only grow the column, so a live table does not twitch).
     */
    public static <S> void fitCells(TableView<S> table, TableColumn<S, ?> column, Function<S, String> text) {
        fitContent(table, column, () -> {
            List<S> items = table.getItems();
            List<String> out = new ArrayList<>();
            for (int i = Math.max(0, items.size() - CELLS_MEASURED); i < items.size(); i++) {
                out.add(text.apply(items.get(i)));
            }
            return out;
        });
    }

    /** A placeholder that wraps instead of being cut in a narrow table. */
    public static Label placeholder(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setStyle("-fx-text-alignment: center; -fx-padding: 8;");
        return l;
    }

    private static void fitHeaders(TableView<?> t) {
        for (Node n : t.lookupAll(".column-header")) {
            if (n instanceof TableColumnHeader h && h.getTableColumn() != null) {
                Node label = h.lookup(".label");
                if (label instanceof Labeled l) {
                    boolean sorted = t.getSortOrder().contains(h.getTableColumn());
                    double need = Math.ceil(l.prefWidth(-1)
                            + h.snappedLeftInset()
                            + h.snappedRightInset()
                            + (sorted ? SORT_ARROW_ROOM : 0));
                    raise(h.getTableColumn(), need);
                }
            }
        }
    }

    private static <S> void fitContents(TableView<S> t, Map<TableColumn<S, ?>, Supplier<Collection<String>>> content) {
        if (content.isEmpty()) {
            return;
        }
        Node cell = t.lookup(".table-cell");
        if (!(cell instanceof Labeled c)) {
            return; // No row drawn yet: nothing to measure the cell font with.
        }
        Widths widths = (Widths) t.getProperties().computeIfAbsent(Widths.class, k -> new Widths());
        widths.useFont(c.getFont());
        for (Map.Entry<TableColumn<S, ?>, Supplier<Collection<String>>> e : content.entrySet()) {
            double widest = 0;
            for (String s : e.getValue().get()) {
                widest = Math.max(widest, widths.of(s));
            }
            raise(e.getKey(), Math.ceil(widest + CELL_ROOM));
        }
    }

    /**
     * Text widths measured in one table's cell font, remembered: a live table is fitted on every layout (up to 60 a
     * second) over up to {@link #CELLS_MEASURED} rows per column, and laying out each text again was a fifth of the FX
     * thread in a 32-peer flood ({@code bench gui}, JFR). FX thread.
     */
    private static final class Widths {
        /** Texts remembered at most; then the cache starts again (a live table's texts keep changing). */
        static final int MAX_TEXTS = 8192;

        private final Text probe = new Text();
        private final Map<String, Double> known = new java.util.HashMap<>();
        private @Nullable Font font;

        void useFont(Font f) {
            if (!f.equals(font)) {
                font = f;
                probe.setFont(f);
                known.clear();
            }
        }

        double of(String s) {
            Double w = known.get(s);
            if (w == null) {
                if (known.size() >= MAX_TEXTS) {
                    known.clear();
                }
                probe.setText(s);
                w = probe.getLayoutBounds().getWidth();
                known.put(s, w);
            }
            return w;
        }
    }

    private static void raise(TableColumnBase<?, ?> c, double need) {
        if (c.getMinWidth() < need) {
            c.setMinWidth(need);
        }
        if (c.getPrefWidth() < need) {
            c.setPrefWidth(need);
        }
    }
}
