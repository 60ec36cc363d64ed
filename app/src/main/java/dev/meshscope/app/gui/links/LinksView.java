// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import atlantafx.base.theme.Styles;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.app.gui.probe.ChannelOption;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Link controls panel: impairment of one peer's link ({@code impairPeerField}, {@code impairChannelChoice},
 * {@code impairDirectionChoice}, {@code impairDelayField}, {@code impairJitterField}, {@code impairLossField},
 * {@code impairBandwidthField}, {@code impairPauseToggle}, {@code applyImpairmentButton},
 * {@code clearImpairmentButton}, {@code impairError}, {@code impairmentList}) and the silent threshold
 * ({@code silentAfterField}, {@code applySilentAfterButton}, {@code silentAfterError}, {@code silentAfterStatus}).
 * FX thread.
 */
public final class LinksView extends VBox {
    /** Rows the list of impairments in force shows before it scrolls. */
    private static final double LIST_HEIGHT = 58;

    /** A panel for {@code vm}. */
    public LinksView(LinksViewModel vm) {
        TextField peer = field("impairPeerField", 6, "peer id");
        peer.textProperty().bindBidirectional(vm.peerProperty());
        ChoiceBox<ChannelOption> channel = new ChoiceBox<>(vm.channelOptions());
        channel.setId("impairChannelChoice");
        channel.valueProperty().bindBidirectional(vm.channelProperty());
        channel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(channel, Priority.ALWAYS);
        ChoiceBox<DirectionChoice> direction =
                new ChoiceBox<>(FXCollections.observableArrayList(DirectionChoice.values()));
        direction.setId("impairDirectionChoice");
        direction.valueProperty().bindBidirectional(vm.directionProperty());
        direction.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(direction, Priority.ALWAYS);
        TextField delay = field("impairDelayField", 5, "0");
        delay.textProperty().bindBidirectional(vm.delayProperty());
        TextField jitter = field("impairJitterField", 5, "0");
        jitter.textProperty().bindBidirectional(vm.jitterProperty());
        TextField loss = field("impairLossField", 5, "0");
        loss.textProperty().bindBidirectional(vm.lossProperty());
        TextField bandwidth = field("impairBandwidthField", 7, "0 = no cap");
        bandwidth.textProperty().bindBidirectional(vm.bandwidthProperty());
        CheckBox pause = new CheckBox("pause (hold everything)");
        pause.setId("impairPauseToggle");
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        Button apply = Icons.button("Impair", Icons.APPLY);
        apply.setId("applyImpairmentButton");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setOnAction(e -> vm.apply());
        Button clear = Icons.button("Clear", Icons.CLEAR);
        clear.setId("clearImpairmentButton");
        clear.setTooltip(new Tooltip("Clears the impairment of this peer, channel and direction(s)"));
        clear.setOnAction(e -> vm.clear());
        ListView<String> list = new ListView<>(vm.inForce());
        list.setId("impairmentList");
        list.setPrefHeight(LIST_HEIGHT);
        list.setPlaceholder(new Label("no impairment: every link as the network gives it"));

        TextField silent = field("silentAfterField", 4, "s");
        silent.textProperty().bindBidirectional(vm.silentAfterProperty());
        Button applySilent = Icons.button("Set", Icons.APPLY);
        applySilent.setId("applySilentAfterButton");
        applySilent.setOnAction(e -> vm.applySilentAfter());
        Label silentNow = new Label();
        silentNow.setId("silentAfterStatus");
        silentNow.getStyleClass().add("hint");
        silentNow.setWrapText(true);
        silentNow.textProperty().bind(vm.silentNowProperty());

        getChildren()
                .add(Forms.card(
                        "Link controls",
                        Icons.icon(Icons.LINK),
                        Forms.row(new Label("Peer"), peer, channel),
                        Forms.row(new Label("Direction"), direction),
                        Forms.row(new Label("Delay ms"), delay, new Label("± jitter ms"), jitter),
                        Forms.row(new Label("Loss %"), loss, new Label("Bandwidth B/s"), bandwidth),
                        Forms.row(pause),
                        Forms.row(apply, clear),
                        Forms.errorLine("impairError", vm.problemProperty()),
                        list,
                        Forms.hint("Inside MeshScope's own send and receive path: probes measure it, the transport "
                                + "RTT does not (docs/impairment.md)."),
                        Forms.row(new Label("Silent after s"), silent, applySilent),
                        Forms.errorLine("silentAfterError", vm.silentProblemProperty()),
                        silentNow));
    }

    private static TextField field(String id, int columns, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.setPromptText(prompt);
        return f;
    }
}
