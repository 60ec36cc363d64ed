// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.inspector;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.app.gui.Tables;
import dev.meshscope.session.inspect.PacketKind;
import dev.meshscope.session.inspect.TappedPacket;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;

/**
 * The Packet inspector tab: filters {@code inspectorPeerFilter}, {@code inspectorChannelFilter},
 * {@code inspectorKindFilter}, {@code inspectorPauseToggle}, {@code inspectorClearButton}, the counts line
 * {@code inspectorCounts}, the table {@code inspectorTable} (rows with style class pseudo-states {@code unresolved}
 * and {@code undecodable}), and for the selected packet {@code inspectorHex} beside {@code inspectorTree}. FX thread.
 */
public final class PacketInspectorView extends BorderPane {
    private static final PseudoClass UNRESOLVED = PseudoClass.getPseudoClass("unresolved");
    private static final PseudoClass UNDECODABLE = PseudoClass.getPseudoClass("undecodable");
    /** Width of a filter choice: its longest value ("simplify_path", "2 unreliable") with the arrow, never cut. */
    private static final double FILTER_WIDTH = 124;
    /** Share of the height for the table; the hex dump and the tree share the rest. */
    private static final double TABLE_SPLIT = 0.6;
    /** Share of the bottom row for the hex dump (16 bytes a line need about 75 monospace characters). */
    private static final double HEX_SPLIT = 0.5;

    /** The view of {@code vm}. */
    public PacketInspectorView(InspectorViewModel vm) {
        TableView<TappedPacket> table = Tables.readable();
        table.setId("inspectorTable");
        table.setItems(vm.shown());
        table.setPlaceholder(Tables.placeholder(
                "No packets yet: every packet this peer reads or sends is listed here, decoded as Godot"
                        + " SceneMultiplayer traffic (RPCs, path caching, spawns, syncs)."));
        table.getColumns().add(col("#", p -> p.seq(), v -> Long.toString(v), 52));
        table.getColumns().add(col("Time", p -> p.atMillis(), Format::time, 92));
        table.getColumns().add(col("Dir", p -> p.direction().toString(), v -> v, 36));
        table.getColumns().add(col("Peer", p -> p.peer(), v -> Integer.toString(v), 60));
        table.getColumns().add(col("Ch", p -> p.channel(), v -> Integer.toString(v), 32));
        table.getColumns().add(col("Mode", p -> p.mode().name(), v -> v, 96));
        table.getColumns().add(col("Size", p -> p.size(), v -> Integer.toString(v), 50));
        table.getColumns().add(col("Kind", p -> p.kind().label() + (p.relayed() ? " (relay)" : ""), v -> v, 96));
        TableColumn<TappedPacket, String> summary = col("Summary", TappedPacket::summary, v -> v, 560);
        table.getColumns().add(summary);
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(TappedPacket p, boolean empty) {
                super.updateItem(p, empty);
                pseudoClassStateChanged(UNRESOLVED, !empty && p != null && p.unresolved());
                pseudoClassStateChanged(UNDECODABLE, !empty && p != null && p.kind() == PacketKind.UNDECODABLE);
            }
        });
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, b) -> vm.selectedProperty().set(b));

        TextArea hex = new TextArea();
        hex.setId("inspectorHex");
        hex.setEditable(false);
        hex.getStyleClass().add("hex-dump");
        hex.textProperty().bind(vm.hexProperty());
        hex.setPromptText("Select a packet: its bytes appear here.");
        TreeView<String> tree = new TreeView<>();
        tree.setId("inspectorTree");
        vm.selectedProperty().addListener((o, a, b) -> tree.setRoot(b == null ? null : DecodedTree.of(b)));
        SplitPane detail = new SplitPane(hex, tree);
        detail.setDividerPositions(HEX_SPLIT);
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(TABLE_SPLIT);

        Label title = new Label("Packet inspector");
        title.getStyleClass().add("pane-title");
        ChoiceBox<String> peer = choice("inspectorPeerFilter", vm.peerChoices());
        peer.valueProperty().bindBidirectional(vm.peerFilterProperty());
        ChoiceBox<String> channel = choice("inspectorChannelFilter", vm.channelChoices());
        channel.valueProperty().bindBidirectional(vm.channelFilterProperty());
        ChoiceBox<String> kind = choice("inspectorKindFilter", vm.kindChoices());
        kind.valueProperty().bindBidirectional(vm.kindFilterProperty());
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("inspectorPauseToggle");
        pause.getStyleClass().add("small");
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        pause.textProperty().bind(vm.pausedProperty().map(p -> p ? "Resume" : "Pause"));
        pause.setTooltip(new Tooltip("Pause the list: packets are still decoded (node paths keep being learnt) and"
                + " profiled, but not listed until you resume."));
        Button clear = Icons.button("Clear", Icons.CLEAR);
        clear.setId("inspectorClearButton");
        clear.getStyleClass().add("small");
        clear.setOnAction(e -> vm.clear());
        clear.setTooltip(new Tooltip("Empty the list and the profiler (node paths learnt so far are kept)."));
        Label counts = new Label();
        counts.setId("inspectorCounts");
        counts.getStyleClass().add("hint");
        counts.textProperty().bind(vm.countsProperty());
        setTop(Forms.bar(
                title,
                new Label("Peer"),
                peer,
                new Label("Channel"),
                channel,
                new Label("Kind"),
                kind,
                pause,
                clear,
                counts));
        setCenter(split);
    }

    private static ChoiceBox<String> choice(String id, javafx.collections.ObservableList<String> items) {
        ChoiceBox<String> c = new ChoiceBox<>(items);
        c.setId(id);
        c.setPrefWidth(FILTER_WIDTH);
        return c;
    }

    private static <T> TableColumn<TappedPacket, T> col(
            String name, Function<TappedPacket, T> f, Function<T, String> fmt, double width) {
        TableColumn<TappedPacket, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false); // Arrival order is the order that matters (the path cache is fed in it).
        c.setCellFactory(cc -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : fmt.apply(v));
            }
        });
        return c;
    }
}
