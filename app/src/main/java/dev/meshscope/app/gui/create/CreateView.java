// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.create;

import atlantafx.base.theme.Styles;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Create panel: mode ({@code modeChoice}), own id ({@code peerIdField}, {@code randomIdButton},
 * {@code peerIdError}), extra channels ({@code extraChannelModeChoice}, {@code addExtraChannelButton},
 * {@code extraChannelList}, {@code removeExtraChannelButton}), ICE servers ({@code iceServersArea},
 * {@code iceServersError}), {@code relayOnlyToggle} (relay-only ICE, refused in {@code relayOnlyError} without a
 * turn: server), {@code serverRelayToggle}, {@code createButton} and {@code closeButton}. FX thread.
 */
public final class CreateView extends VBox {
    /** A panel for {@code vm}. */
    public CreateView(CreateViewModel vm) {
        ChoiceBox<NetworkMode> mode = new ChoiceBox<>(FXCollections.observableArrayList(CreateViewModel.MODES));
        mode.setId("modeChoice");
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(NetworkMode m) {
                return m == null
                        ? ""
                        : m == NetworkMode.SERVER ? "server (id 1)" : m == NetworkMode.CLIENT ? "client" : "mesh";
            }

            @Override
            public NetworkMode fromString(String s) {
                return null;
            }
        });
        TextField id = new TextField();
        id.setId("peerIdField");
        id.setPromptText("own peer id");
        id.textProperty().bindBidirectional(vm.idTextProperty());
        vm.idProblemProperty().addListener((o, a, b) -> id.pseudoClassStateChanged(Styles.STATE_DANGER, !b.isEmpty()));
        id.disableProperty()
                .bind(vm.modeProperty().isEqualTo(NetworkMode.SERVER).or(vm.createdProperty()));
        HBox.setHgrow(id, Priority.ALWAYS);
        Button random = Icons.button("", Icons.RANDOM);
        random.setTooltip(new javafx.scene.control.Tooltip("Random id (Godot's generate_unique_id)"));
        random.setId("randomIdButton");
        random.setOnAction(e -> vm.random());

        ChoiceBox<TransferMode> extraMode = new ChoiceBox<>(FXCollections.observableArrayList(
                TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE));
        extraMode.setId("extraChannelModeChoice");
        extraMode.valueProperty().bindBidirectional(vm.nextExtraProperty());
        Button addExtra = Icons.button("Add", Icons.ADD);
        addExtra.setId("addExtraChannelButton");
        addExtra.setOnAction(e -> vm.addExtraChannel());
        ListView<TransferMode> extras = new ListView<>(vm.extraChannels());
        extras.setId("extraChannelList");
        extras.setPrefHeight(52);
        extras.setPlaceholder(new Label("no extra channels (channels 1-3 only)"));
        extras.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(TransferMode m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : "channel " + (getIndex() + 4) + " · " + m);
            }
        });
        Button removeExtra = Icons.button("", Icons.REMOVE);
        removeExtra.setId("removeExtraChannelButton");
        removeExtra
                .disableProperty()
                .bind(extras.getSelectionModel().selectedItemProperty().isNull());
        removeExtra.setOnAction(
                e -> vm.removeExtraChannel(extras.getSelectionModel().getSelectedIndex()));
        extraMode.disableProperty().bind(vm.createdProperty());
        addExtra.disableProperty().bind(vm.createdProperty());

        TextArea ice = new TextArea();
        ice.setId("iceServersArea");
        ice.setPrefRowCount(2);
        ice.setWrapText(true);
        ice.setPromptText("none: host candidates only; one per line: stun:host:3478, turn:host:3478 user pass");
        ice.textProperty().bindBidirectional(vm.iceTextProperty());
        ice.getStyleClass().add("mono");

        CheckBox relayOnly = new CheckBox("relay only (TURN)");
        relayOnly.setId("relayOnlyToggle");
        relayOnly.setTooltip(new javafx.scene.control.Tooltip(
                "ICE may use relay candidates only (iceTransportPolicy relay): proves a TURN path. Needs a turn: "
                        + "server above. Used by Create, Join folder and Join lobby."));
        relayOnly.selectedProperty().bindBidirectional(vm.relayOnlyProperty());
        relayOnly.disableProperty().bind(vm.createdProperty());
        CheckBox serverRelay = new CheckBox("server relay (Godot host)");
        serverRelay.setId("serverRelayToggle");
        serverRelay.setTooltip(new javafx.scene.control.Tooltip(
                "As the server (id 1): tell each client about the others and forward their packets "
                        + "(SceneMultiplayer server relay), as a Godot host does. Applies at once."));
        serverRelay.selectedProperty().bindBidirectional(vm.serverRelayProperty());

        Button create = Icons.button("Create", Icons.CREATE);
        create.setId("createButton");
        create.getStyleClass().add(Styles.ACCENT);
        create.disableProperty().bind(vm.createDisabledProperty());
        create.setOnAction(e -> vm.create());
        create.setDefaultButton(false);
        Button close = Icons.button("Close", Icons.CLOSE);
        close.setId("closeButton");
        close.getStyleClass().add(Styles.DANGER);
        close.disableProperty().bind(vm.createdProperty().not());
        close.setOnAction(e -> vm.close());
        mode.disableProperty().bind(vm.createdProperty());
        random.disableProperty().bind(vm.createdProperty());

        VBox card = Forms.card(
                "Create",
                Icons.icon(Icons.MESH),
                Forms.row(mode, new Label("id"), id, random),
                Forms.row(new Label("Extras"), extraMode, addExtra),
                Forms.row(extras, removeExtra),
                new Label("ICE servers"),
                ice,
                Forms.row(relayOnly, serverRelay),
                Forms.row(create, close),
                // Below the buttons: a message appearing as the operator types never moves Create away.
                Forms.errorLine("peerIdError", vm.idProblemProperty()),
                Forms.errorLine("iceServersError", vm.iceProblemProperty()),
                Forms.errorLine("relayOnlyError", vm.relayProblemProperty()));
        HBox.setHgrow(extras, Priority.ALWAYS);
        getChildren().add(card);
    }
}
