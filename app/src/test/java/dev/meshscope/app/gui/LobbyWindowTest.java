// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.app.gui.probe.ProbeRow;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.RosterEntry;
import dev.meshscope.signaling.timeline.SignalTrace;
import dev.meshscope.signalserver.LobbyServer;
import dev.meshscope.signalserver.LobbyServerConfig;
import dev.meshscope.signalserver.LobbySnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The window in a WebSocket lobby of Godot's demo protocol, through the MeshScope lobby server (the one the window
 * starts itself, on a free port, or one the test starts): join by the Signaling server panel with a second real
 * session, the roster, the signaling timeline's rows and directions, packets on all three channels both ways, Seal
 * from the button and the server's close after it. Negative twins: a sealed lobby's close reason shown with nothing
 * created, a bad URL refused with a message and no state change, a server that is not there, a port in use.
 */
@Tag("window")
@Tag("native")
class LobbyWindowTest extends WindowTestBase {
    /** The demo server's wait for JOIN is 1 s; a loaded 2-core machine may take longer to send it. Not under test. */
    private static final Duration NO_LOBBY = Duration.ofSeconds(15);
    /** A seal close that never comes during the test: the sealed lobby stays open to be refused. */
    private static final Duration NO_SEAL_CLOSE = Duration.ofMinutes(10);

    private static List<SignalTrace> timeline(OpenWindow w) {
        TableView<SignalTrace> table = t.find(w, "#signalTimeline");
        return GuiTestSupport.fx(() -> List.copyOf(table.getItems()));
    }

    private static boolean hasRow(OpenWindow w, Predicate<SignalTrace> p) {
        return timeline(w).stream().anyMatch(p);
    }

    private static Predicate<SignalTrace> row(SignalTrace.Direction d, String type) {
        return r -> r.path().equals(SignalTrace.WEBSOCKET)
                && r.direction() == d
                && r.typeName().equals(type);
    }

    private static List<RosterEntry> roster(OpenWindow w) {
        ListView<RosterEntry> l = t.find(w, "#lobbyRoster");
        return GuiTestSupport.fx(() -> List.copyOf(l.getItems()));
    }

    private static boolean disabled(OpenWindow w, String id) {
        Button b = t.find(w, id);
        return GuiTestSupport.fx(b::isDisabled);
    }

    private static void replace(OpenWindow w, String id, String text) {
        t.click(w, id);
        t.robot.eraseText(t.text(w, id).length());
        if (!text.isEmpty()) {
            t.robot.write(text);
        }
    }

    @Test
    void theWindowHostsAMeshLobbyOnItsOwnServerAndASecondSessionJoinsIt() {
        OpenWindow w = t.open("lobby-host");
        try (HeadlessPeer other = new HeadlessPeer("lobby-joiner", t.runtime())) {
            // The window's own lobby server, on a free port; the URL field then points at it.
            replace(w, "#localServerPortField", "0");
            t.click(w, "#localServerButton");
            t.awaitText(w, "#localServerStatus", s -> s.startsWith("listening on ws://0.0.0.0:"), "server started");
            int port = GuiTestSupport.fx(
                    () -> w.window().localServer().boundPortProperty().get());
            assertThat(port).isPositive();
            assertThat(t.text(w, "#lobbyUrlField")).isEqualTo("ws://localhost:" + port);

            // Join with an empty name: the server creates a mesh lobby, this window is its host (1).
            t.click(w, "#joinLobbyButton");
            t.awaitText(w, "#lobbyNameAssigned", s -> !s.isEmpty(), "the lobby name from the server");
            String lobby = t.text(w, "#lobbyNameAssigned");
            t.awaitText(w, "#statusLabel", s -> s.startsWith("CONNECTED") && s.contains("id 1"), "mesh peer 1");
            t.click(w, "#copyLobbyNameButton");
            assertThat(GuiTestSupport.clipboard()).isEqualTo(lobby);
            TableView<LobbySnapshot> lobbies = t.find(w, "#localServerLobbies");
            t.awaitFx(
                    "the server's table lists the lobby",
                    () -> lobbies.getItems().size() == 1
                            && lobbies.getItems().get(0).name().equals(lobby)
                            && lobbies.getItems().get(0).mesh());

            other.session.joinLobby(
                    URI.create("ws://localhost:" + port),
                    lobby,
                    new CreateRequest(NetworkMode.MESH, 0, List.of(), List.of()));
            await("the second session gets its id")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> other.state.get().signaling().ownId() > 1);
            int id = other.state.get().signaling().ownId();
            t.awaitFx(
                    "peer " + id + " connected in the graph",
                    () -> t.<javafx.scene.Node>find(w, "#peer-node-" + id)
                            .getStyleClass()
                            .contains("connected"));
            t.awaitFx(
                    "the roster: this peer as host, the other connected",
                    () -> roster(w)
                            .equals(List.of(
                                    new RosterEntry(1, true, RosterEntry.Link.SELF),
                                    new RosterEntry(id, false, RosterEntry.Link.CONNECTED))));
            t.awaitFx(
                    "the server's table lists both peers",
                    () -> lobbies.getItems().get(0).peerIds().equals(List.of(1, id)));

            // The selected candidate pair beside the peer, from the connection's stats (host candidates here: no
            // STUN/TURN server in the test's network namespace).
            w.session().onMeshThread(peer -> peer.requestWireStats(id));
            t.awaitFx(
                    "the pair drawn beside peer " + id,
                    () -> ((javafx.scene.text.Text) t.<javafx.scene.Node>find(w, "#peer-node-" + id)
                                    .lookup(".graph-node-text"))
                            .getText()
                            .contains("host ⇄ host"));

            // The timeline: what the host sends and receives, with the right directions and ends.
            GuiTestSupport.fxRun(() -> w.window().showTimeline());
            t.awaitFx(
                    "a candidate each way",
                    () -> hasRow(w, row(SignalTrace.Direction.SENT, "CANDIDATE"))
                            && hasRow(w, row(SignalTrace.Direction.RECEIVED, "CANDIDATE")));
            List<SignalTrace> rows = timeline(w);
            assertThat(rows)
                    .anyMatch(row(SignalTrace.Direction.SENT, "JOIN")
                            .and(r -> r.data().isEmpty()));
            assertThat(rows).anyMatch(row(SignalTrace.Direction.RECEIVED, "ID").and(r -> r.to() == 1));
            assertThat(rows)
                    .anyMatch(
                            row(SignalTrace.Direction.RECEIVED, "PEER_CONNECT").and(r -> r.from() == id));
            // The larger id offers: the joiner offers, the host answers.
            assertThat(rows)
                    .anyMatch(row(SignalTrace.Direction.RECEIVED, "OFFER")
                            .and(r -> r.from() == id && r.to() == 1 && r.data().startsWith("v=0")));
            assertThat(rows)
                    .anyMatch(row(SignalTrace.Direction.SENT, "ANSWER")
                            .and(r -> r.from() == 1 && r.to() == id && r.data().startsWith("v=0")));
            assertThat(rows).noneMatch(row(SignalTrace.Direction.SENT, "OFFER"));
            assertThat(rows).allMatch(r -> r.verdict() == SignalTrace.Verdict.OK);
            // Selecting a row shows its whole text.
            TableView<SignalTrace> table = t.find(w, "#signalTimeline");
            GuiTestSupport.fxRun(() -> table.getSelectionModel()
                    .select(table.getItems().stream()
                            .filter(row(SignalTrace.Direction.RECEIVED, "OFFER"))
                            .findFirst()
                            .orElseThrow()));
            assertThat(t.text(w, "#timelineDetail"))
                    .contains("OFFER")
                    .contains("v=0")
                    .contains("a=ice-ufrag:");

            // Packets on all three channels, both ways (the other session echoes every probe).
            replace(w, "#countField", "20");
            replace(w, "#rateField", "0");
            t.click(w, "#sendButton");
            TableView<ProbeRow> probes = t.find(w, "#probeTable");
            t.awaitFx(
                    "round trips on every channel",
                    () -> probes.getItems().size() == 3
                            && probes.getItems().stream()
                                    .allMatch(r ->
                                            r.stats().sent() == 20 && r.stats().samples() > 0));

            // Seal from the button (the host only): the lobby closes to newcomers, the server closes signaling 10 s
            // later, and the mesh stays up.
            assertThat(disabled(w, "#sealLobbyButton")).isFalse();
            t.click(w, "#sealLobbyButton");
            t.awaitText(w, "#lobbyStatus", s -> s.contains("sealed"), "sealed");
            t.awaitFx(
                    "the server shows it sealed",
                    () -> lobbies.getItems().isEmpty()
                            || lobbies.getItems().get(0).sealed());
            assertThat(hasRow(w, row(SignalTrace.Direction.SENT, "SEAL"))).isTrue();
            await("the server closes signaling after the seal")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> t.text(w, "#lobbyStatus").contains("Seal complete"));
            assertThat(GuiTestSupport.fx(() ->
                            t.<javafx.scene.Node>find(w, "#peer-node-" + id).getStyleClass()))
                    .as("the mesh outlives signaling after the seal")
                    .contains("connected");
            t.awaitFx(
                    "the sealed lobby is gone from the server",
                    () -> lobbies.getItems().isEmpty());

            // Stop the server from the button: the lobby table empties, Start works again.
            t.click(w, "#localServerButton");
            t.awaitText(w, "#localServerStatus", s -> s.startsWith("stopped"), "server stopped");
        }
    }

    @Test
    void joiningASealedLobbyShowsTheServersReasonAndCreatesNothing() throws IOException {
        try (LobbyServer server = new LobbyServer(LobbyServerConfig.defaults().withTimeouts(NO_LOBBY, NO_SEAL_CLOSE));
                HeadlessPeer host = new HeadlessPeer("sealed-host", t.runtime())) {
            int port = server.start("127.0.0.1", 0);
            host.session.joinLobby(
                    URI.create("ws://127.0.0.1:" + port),
                    "",
                    new CreateRequest(NetworkMode.MESH, 0, List.of(), List.of()));
            await("the host's lobby")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> !host.state.get().signaling().lobbyName().isEmpty());
            String lobby = host.state.get().signaling().lobbyName();
            host.session.sealLobby();
            await("sealed")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> server.lobbies().stream().anyMatch(LobbySnapshot::sealed));

            OpenWindow w = t.open("lobby-sealed");
            replace(w, "#lobbyUrlField", "ws://127.0.0.1:" + port);
            t.type(w, "#lobbyNameField", lobby);
            t.click(w, "#joinLobbyButton");
            t.awaitText(w, "#lobbyStatus", s -> s.contains("4000") && s.contains("Lobby is sealed"), "the reason");
            assertThat(t.text(w, "#lobbyStatus")).as("with what to do").contains("ask the host for a new lobby");
            assertThat(t.text(w, "#statusLabel")).startsWith("DISCONNECTED");
            assertThat(t.text(w, "#lobbyNameAssigned")).isEmpty();
            assertThat(roster(w)).isEmpty();
            assertThat(disabled(w, "#joinLobbyButton")).as("Join again").isFalse();
            assertThat(disabled(w, "#sealLobbyButton")).isTrue();
            assertThat(server.lobbies())
                    .singleElement()
                    .satisfies(l -> assertThat(l.peerIds()).containsExactly(1));
            // Leave forgets the ended lobby.
            t.click(w, "#leaveLobbyButton");
            t.awaitText(w, "#lobbyStatus", "not in a lobby"::equals, "forgotten");
        }
    }

    @Test
    void aBadUrlIsRefusedWithAMessageAndChangesNothing() {
        OpenWindow w = t.open("lobby-bad-url");
        for (String[] c : new String[][] {
            {"http://localhost:9080", "ws://"},
            {"ws://", "is not a URL"},
            {"ws://:9080", "names no host"},
            {"ws://local host:9080", "is not a URL"},
            {"ws://localhost:70000", "port"},
        }) {
            replace(w, "#lobbyUrlField", c[0]);
            t.click(w, "#joinLobbyButton");
            t.awaitText(w, "#lobbyError", s -> s.contains(c[1]), c[0] + " refused");
            assertThat(t.text(w, "#lobbyStatus")).isEqualTo("not in a lobby");
            assertThat(t.text(w, "#statusLabel")).startsWith("DISCONNECTED");
            assertThat(timeline(w)).as("nothing sent").isEmpty();
            assertThat(disabled(w, "#joinLobbyButton")).isFalse();
        }
        // The refusal goes away once the URL is fixed (shown again only when Join is pressed).
        replace(w, "#lobbyUrlField", "ws://localhost:9080");
        t.awaitText(w, "#lobbyError", String::isEmpty, "refusal cleared");

        // A lobby name with a space is refused too, and a created peer must be closed first.
        t.type(w, "#lobbyNameField", "two words");
        t.click(w, "#joinLobbyButton");
        t.awaitText(w, "#lobbyError", s -> s.contains("no spaces"), "name refused");
        replace(w, "#lobbyNameField", "");
        WindowFlows.create(t, w, NetworkMode.MESH, "2");
        t.click(w, "#joinLobbyButton");
        t.awaitText(w, "#lobbyError", s -> s.contains("press Close first"), "created peer");
        assertThat(t.text(w, "#lobbyStatus")).isEqualTo("not in a lobby");
        assertThat(timeline(w)).isEmpty();
    }

    @Test
    void aServerThatIsNotThereEndsTheJoinWithAMessage() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort(); // Free again once closed: nobody listens there.
        }
        OpenWindow w = t.open("lobby-nobody");
        replace(w, "#lobbyUrlField", "ws://127.0.0.1:" + port);
        t.click(w, "#joinLobbyButton");
        t.awaitText(w, "#lobbyStatus", s -> s.contains("connection refused"), "refused connection reported");
        assertThat(t.text(w, "#lobbyStatus")).contains("signal-server");
        assertThat(t.text(w, "#statusLabel")).startsWith("DISCONNECTED");
        assertThat(disabled(w, "#joinLobbyButton")).isFalse();
        assertThat(GuiTestSupport.fx(() -> w.window().lastFailure()))
                .as("the failure is in the header")
                .isNotNull();
    }

    @Test
    void theWindowsServerRefusesAPortInUseAndStartsOnAFreeOne() throws IOException {
        OpenWindow w = t.open("lobby-port");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("0.0.0.0", 0));
            replace(w, "#localServerPortField", Integer.toString(busy.getLocalPort()));
            t.click(w, "#localServerButton");
            t.awaitText(w, "#localServerError", s -> s.contains("Could not start"), "port in use");
            assertThat(t.text(w, "#localServerError")).contains("0 picks a free one");
            assertThat(t.text(w, "#localServerStatus")).isEqualTo("no lobby server here");
        }
        replace(w, "#localServerPortField", "http");
        t.click(w, "#localServerButton");
        t.awaitText(w, "#localServerError", s -> s.contains("is not a port"), "not a port");
        replace(w, "#localServerPortField", "0");
        t.awaitText(w, "#localServerError", String::isEmpty, "cleared once fixed");
        t.click(w, "#localServerButton");
        t.awaitText(w, "#localServerStatus", s -> s.startsWith("listening"), "started");
        assertThat(GuiTestSupport.fx(() -> w.window().localServer().phase()))
                .isEqualTo(dev.meshscope.app.gui.signaling.LocalServerViewModel.Phase.RUNNING);
        // Closing the window stops its server (WindowTestBase closes it; the port is then free again).
        int port = GuiTestSupport.fx(
                () -> w.window().localServer().boundPortProperty().get());
        t.closeWindows();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("0.0.0.0", port));
            assertThat(again.isBound())
                    .as("the window's server released port " + port)
                    .isTrue();
        }
    }
}
