// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

import atlantafx.base.theme.Styles;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Test packets panel: {@code targetField}, {@code channelChoice}, {@code payloadKindChoice},
 * {@code payloadField}, {@code countField}, {@code rateField}, {@code probeToggle}, {@code echoToggle},
 * {@code sendButton}, {@code stopButton}, {@code sendError} and {@code sendProgress}. FX thread.
 */
public final class TrafficView extends VBox {
    /** A panel for {@code vm}. */
    public TrafficView(TrafficViewModel vm) {
        TextField target = new TextField();
        target.setId("targetField");
        target.setPrefColumnCount(8);
        target.textProperty().bindBidirectional(vm.targetProperty());
        ChoiceBox<ChannelOption> channel = new ChoiceBox<>(vm.channelOptions());
        channel.setId("channelChoice");
        channel.valueProperty().bindBidirectional(vm.channelProperty());
        channel.setMaxWidth(Double.MAX_VALUE); // Its row's width: a longer choice is never squeezed under the arrow.
        HBox.setHgrow(channel, Priority.ALWAYS);
        ChoiceBox<PayloadKind> kind = new ChoiceBox<>(FXCollections.observableArrayList(PayloadKind.values()));
        kind.setId("payloadKindChoice");
        kind.valueProperty().bindBidirectional(vm.payloadKindProperty());
        TextField payload = new TextField();
        payload.setId("payloadField");
        payload.textProperty().bindBidirectional(vm.payloadProperty());
        HBox.setHgrow(payload, Priority.ALWAYS);
        TextField count = new TextField();
        count.setId("countField");
        count.setPrefColumnCount(6);
        count.textProperty().bindBidirectional(vm.countProperty());
        TextField rate = new TextField();
        rate.setId("rateField");
        rate.setPrefColumnCount(6);
        rate.textProperty().bindBidirectional(vm.rateProperty());
        CheckBox probe = new CheckBox("probe ping (measure RTT)");
        probe.setId("probeToggle");
        probe.selectedProperty().bindBidirectional(vm.probeProperty());
        CheckBox echo = new CheckBox("echo: answer pings");
        echo.setId("echoToggle");
        echo.selectedProperty().bindBidirectional(vm.echoProperty());
        Button send = Icons.button("Send", Icons.SEND);
        send.setId("sendButton");
        send.getStyleClass().add(Styles.ACCENT);
        send.setOnAction(e -> vm.send());
        send.disableProperty().bind(vm.problemProperty().isNotEmpty());
        Button stop = Icons.button("Stop", Icons.STOP);
        stop.setId("stopButton");
        stop.setOnAction(e -> vm.stop());
        Label progress = new Label();
        progress.setId("sendProgress");
        progress.getStyleClass().add("hint");
        progress.textProperty().bind(vm.progressProperty());
        progress.setWrapText(true); // Its own line below the buttons: a long report wraps instead of squeezing them.
        getChildren()
                .add(Forms.card(
                        "Test packets",
                        Icons.icon(Icons.SEND),
                        Forms.row(new Label("Target"), target),
                        Forms.hint("0 = every peer · id = one peer · -id = every peer but that one"),
                        // Its own row: an extra channel's name ("4 extra channel 1 (UNRELIABLE)") needs the width.
                        Forms.row(new Label("Channel"), channel),
                        Forms.row(kind, payload),
                        Forms.row(new Label("Count"), count, new Label("Rate /s"), rate),
                        Forms.row(probe, echo),
                        Forms.row(send, stop),
                        Forms.errorLine("sendError", vm.problemProperty()),
                        progress));
    }
}
