// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import atlantafx.base.theme.Styles;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.app.gui.Tables;
import dev.meshscope.session.RosterEntry;
import dev.meshscope.signalserver.LobbySnapshot;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The "Signaling server" panel. Joining: {@code lobbyUrlField}, {@code lobbyNameField}, {@code lobbyKindChoice},
 * {@code joinLobbyButton}, {@code sealLobbyButton}, {@code leaveLobbyButton}, {@code lobbyError}; then the lobby's
 * name as the server gave it ({@code lobbyNameAssigned}, read-only and selectable, {@code copyLobbyNameButton}), the
 * status line {@code lobbyStatus} and the roster {@code lobbyRoster}. A lobby server in this process:
 * {@code localServerPortField}, {@code localServerButton}, {@code localServerError}, {@code localServerStatus} and
 * its lobbies {@code localServerLobbies}. FX thread.
 */
public final class LobbyView extends VBox {
    /** Roster rows shown without scrolling: a lobby of four with room for a fifth. */
    private static final double ROSTER_HEIGHT = 96;
    /** Lobby rows shown without scrolling. */
    private static final double LOBBIES_HEIGHT = 92;

    /** A panel for {@code vm} and the in-process server {@code server}. */
    public LobbyView(LobbyViewModel vm, LocalServerViewModel server) {
        TextField url = new TextField();
        url.setId("lobbyUrlField");
        url.setPromptText(LobbyViewModel.DEFAULT_URL);
        url.textProperty().bindBidirectional(vm.urlProperty());
        HBox.setHgrow(url, Priority.ALWAYS);
        TextField name = new TextField();
        name.setId("lobbyNameField");
        name.setPromptText("empty: create a lobby");
        name.textProperty().bindBidirectional(vm.lobbyNameProperty());
        HBox.setHgrow(name, Priority.ALWAYS);
        ChoiceBox<LobbyViewModel.Kind> kind =
                new ChoiceBox<>(FXCollections.observableArrayList(LobbyViewModel.Kind.values()));
        kind.setId("lobbyKindChoice");
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        kind.setTooltip(new Tooltip("mesh: every peer connects to every other (JOIN id 0); client/server: the lobby's"
                + " creator is the server, peer 1"));
        vm.problemProperty().addListener((o, a, b) -> url.pseudoClassStateChanged(Styles.STATE_DANGER, !b.isEmpty()));
        for (var n : List.of(url, name, kind)) {
            n.disableProperty().bind(vm.activeProperty());
        }

        Button join = Icons.button("Join", Icons.CREATE);
        join.setId("joinLobbyButton");
        join.getStyleClass().add(Styles.ACCENT);
        join.disableProperty().bind(vm.activeProperty());
        join.setOnAction(e -> vm.join());
        Button seal = Icons.button("Seal", Icons.SEAL);
        seal.setId("sealLobbyButton");
        seal.setTooltip(new Tooltip(
                "Host only: nobody new can join; the server closes signaling 10 s later and the " + "mesh stays up"));
        seal.disableProperty().bind(vm.canSealProperty().not());
        seal.setOnAction(e -> vm.seal());
        Button leave = Icons.button("Leave", Icons.LEAVE);
        leave.setId("leaveLobbyButton");
        leave.disableProperty().bind(vm.canLeaveProperty().not());
        leave.setOnAction(e -> vm.leave());

        TextField assigned = new TextField();
        assigned.setId("lobbyNameAssigned");
        assigned.setEditable(false);
        assigned.getStyleClass().add("mono");
        assigned.setPromptText("the lobby's name appears here once the server gives it");
        assigned.textProperty().bind(vm.assignedNameProperty());
        HBox.setHgrow(assigned, Priority.ALWAYS);
        Button copy = Icons.button("", Icons.COPY);
        copy.setId("copyLobbyNameButton");
        copy.setTooltip(new Tooltip("Copy the lobby name (the other peers join with it)"));
        copy.disableProperty().bind(vm.assignedNameProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.assignedNameProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });

        Label status = new Label();
        status.setId("lobbyStatus");
        status.setWrapText(true);
        status.getStyleClass().add("hint");
        status.textProperty().bind(vm.statusProperty());
        vm.endedProperty().addListener((o, a, b) -> status.pseudoClassStateChanged(Styles.STATE_DANGER, b));

        ListView<RosterEntry> roster = new ListView<>(vm.roster());
        roster.setId("lobbyRoster");
        roster.setPrefHeight(ROSTER_HEIGHT);
        roster.setPlaceholder(new Label("no lobby members known"));
        roster.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(RosterEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : LobbyViewModel.rosterText(e));
            }
        });

        VBox joinCard = Forms.card(
                "Signaling server",
                Icons.icon(Icons.SERVER),
                Forms.row(new Label("URL"), url),
                Forms.row(new Label("Lobby"), name, kind),
                Forms.row(join, seal, leave),
                Forms.errorLine("lobbyError", vm.problemProperty()),
                Forms.row(new Label("Lobby name"), assigned, copy),
                status,
                new Label("Roster (★ host)"),
                roster,
                localServer(server));
        getChildren().add(joinCard);
    }

    /** The in-process lobby server: port, start/stop, its status and lobbies. */
    private static VBox localServer(LocalServerViewModel server) {
        TextField port = new TextField();
        port.setId("localServerPortField");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(server.portProperty());
        port.disableProperty().bind(server.runningProperty().or(server.busyProperty()));
        Button toggle = Icons.button("Start server", Icons.SERVER);
        toggle.setId("localServerButton");
        toggle.textProperty().bind(server.runningProperty().map(r -> r ? "Stop server" : "Start server"));
        toggle.disableProperty().bind(server.busyProperty());
        toggle.setOnAction(e -> server.toggle());
        Label status = new Label();
        status.setId("localServerStatus");
        status.setWrapText(true);
        status.getStyleClass().add("hint");
        status.textProperty().bind(server.statusProperty());

        TableView<LobbySnapshot> lobbies = Tables.readable();
        lobbies.setId("localServerLobbies");
        lobbies.setItems(server.lobbies());
        lobbies.setPrefHeight(LOBBIES_HEIGHT);
        lobbies.setPlaceholder(Tables.placeholder("no lobbies open"));
        lobbies.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<LobbySnapshot, String> name = col("Lobby", LobbySnapshot::name);
        TableColumn<LobbySnapshot, String> kind = col("Kind", l -> l.mesh() ? "mesh" : "client/server");
        TableColumn<LobbySnapshot, String> sealed = col("Sealed", l -> l.sealed() ? "sealed" : "open");
        TableColumn<LobbySnapshot, String> peers = col("Peers", LobbyView::peersText);
        lobbies.getColumns().addAll(List.of(name, kind, sealed, peers));
        Tables.fitCells(lobbies, name, LobbySnapshot::name);
        Tables.fitContent(lobbies, kind, () -> List.of("client/server"));

        Label title = new Label("Lobby server in this window");
        title.getStyleClass().add("card-title");
        VBox box = new VBox(
                6,
                title,
                Forms.row(new Label("Port"), port, toggle),
                Forms.errorLine("localServerError", server.problemProperty()),
                status,
                lobbies);
        box.setStyle("-fx-padding: 6 0 0 0;");
        return box;
    }

    private static TableColumn<LobbySnapshot, String> col(String name, Function<LobbySnapshot, String> f) {
        TableColumn<LobbySnapshot, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    /** The lobby's peer ids as its peers know them, host first: "1, 2087, 44012". */
    static String peersText(LobbySnapshot l) {
        StringBuilder b = new StringBuilder();
        for (Integer id : l.peerIds()) {
            b.append(b.length() == 0 ? "" : ", ").append(id);
        }
        return b.toString();
    }
}
