// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.probe.ProbeRow;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.variant.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders README.md's screenshots from real sessions: real windows, real connections made through the window by
 * copy and paste, real traffic. Each picture is checked for what it must show (nodes drawn in the graph, rows with
 * text in the tables, the paste error legible). {@code mvn verify} writes them under {@code app/target/screenshots};
 * {@code ./meshscope screenshots} writes the tracked {@code screenshots/} (see
 * {@link GuiTestSupport#screenshotsDir()}).
 */
@Tag("window")
@Tag("native")
class ScreenshotsTest extends WindowTestBase {
    /** Shows the top of the form column (mode, id, status) in the shot, as a newcomer first sees the window. */
    private static PictureCheck shootFromTheTop(OpenWindow w, String name) throws Exception {
        javafx.scene.control.ScrollPane form = t.find(w, "#formScroll");
        GuiTestSupport.fxRun(() -> form.setVvalue(0));
        t.awaitFx("form scrolled to the top", () -> form.getVvalue() == 0);
        return shoot(w, name);
    }

    private static PictureCheck shoot(OpenWindow w, String name) throws Exception {
        Path file = GuiTestSupport.screenshotsDir().resolve(name);
        GuiTestSupport.savePng(w.stage().getScene(), file);
        assertThat(Files.size(file)).isGreaterThan(10_000);
        return PictureCheck.of(file, w.stage().getScene());
    }

    /** Creates the window's peer as {@code mode}/{@code id} and connects one in-test peer per id, by copy and paste. */
    private static List<HeadlessPeer> connectAll(
            OpenWindow w, NetworkMode mode, int id, NetworkMode theirs, int... ids) {
        WindowFlows.create(t, w, mode, Integer.toString(id));
        List<HeadlessPeer> peers = new ArrayList<>();
        for (int pid : ids) {
            HeadlessPeer p = new HeadlessPeer(Integer.toString(pid), t.runtime()).create(theirs, pid, List.of());
            peers.add(p);
            WindowFlows.connect(t, w, p, pid, id);
        }
        return peers;
    }

    private static void send(OpenWindow w, String count, String rate) {
        t.click(w, "#countField");
        t.robot.eraseText(t.text(w, "#countField").length()).write(count);
        t.click(w, "#rateField");
        t.robot.eraseText(t.text(w, "#rateField").length()).write(rate);
        t.click(w, "#sendButton");
    }

    @Test
    void meshOfFourAndItsProbeTableUnderTraffic() throws Exception {
        OpenWindow w = t.open("mesh4");
        List<HeadlessPeer> peers = new ArrayList<>();
        try {
            peers.addAll(connectAll(w, NetworkMode.MESH, 2, NetworkMode.MESH, 3, 4, 5));
            send(w, "40", "50");
            TableView<ProbeRow> probes = t.find(w, "#probeTable");
            t.awaitFx(
                    "probes on every (peer, channel)",
                    () -> probes.getItems().size() == 9
                            && probes.getItems().stream()
                                    .allMatch(r -> r.stats().samples() >= 10));
            shootFromTheTop(w, "mesh-of-four.png")
                    .discsDrawn("#peer-node-local", "#peer-node-3", "#peer-node-4", "#peer-node-5")
                    .tableRowsDrawn("#probeTable", 3);
            send(w, "1000000", "400");
            t.awaitFx(
                    "a busy probe table",
                    () -> probes.getItems().stream().allMatch(r -> r.stats().samples() >= 300));
            shoot(w, "probe-table-under-traffic.png").tableRowsDrawn("#probeTable", 3);
            t.click(w, "#stopButton");
        } finally {
            peers.forEach(HeadlessPeer::close);
        }
    }

    /**
     * README's plots picture: a mesh of three under probe traffic, the round-trip plot in its own window with probe
     * RTT per channel beside the transport's, and the connections marked on the time axis.
     */
    @Test
    void plotsOnRealTraffic() throws Exception {
        OpenWindow w = t.open("plots");
        List<HeadlessPeer> peers = new ArrayList<>();
        try {
            peers.addAll(connectAll(w, NetworkMode.MESH, 2, NetworkMode.MESH, 3, 4));
            send(w, "1000000", "60");
            GuiTestSupport.fxRun(() -> w.window().showPlots());
            dev.meshscope.app.gui.plots.PlotsView view = t.find(w, "#plotsView");
            var vm = w.window().plots();
            GuiTestSupport.fxRun(() -> vm.choosePeer(3));
            t.click(w, "#plotPopOutButton");
            t.awaitFx(
                    "20 s of probe RTT on every channel",
                    () -> vm.plotProperty().get().series().stream()
                                            .filter(s -> s.name().startsWith("probe RTT"))
                                            .count()
                                    == 3
                            && vm.plotProperty().get().series().get(0).size() >= 20
                            && view.markers().size() >= 2);
            Path file = GuiTestSupport.screenshotsDir().resolve("plots-round-trip.png");
            GuiTestSupport.savePng(view.ownWindow().getScene(), file);
            assertThat(Files.size(file)).isGreaterThan(20_000);
            t.click(w, "#stopButton");
            GuiTestSupport.fxRun(view::bringBack);
        } finally {
            peers.forEach(HeadlessPeer::close);
        }
    }

    @Test
    void serverWithThreeClients() throws Exception {
        OpenWindow w = t.open("server");
        List<HeadlessPeer> peers = new ArrayList<>();
        try {
            peers.addAll(connectAll(w, NetworkMode.SERVER, 1, NetworkMode.CLIENT, 2, 3, 4));
            send(w, "20", "40");
            t.awaitText(w, "#sendProgress", s -> s.startsWith("done"), "burst sent");
            shootFromTheTop(w, "server-with-three-clients.png")
                    .discsDrawn("#peer-node-local", "#peer-node-2", "#peer-node-3", "#peer-node-4")
                    .tableRowsDrawn("#channelTable", 3);
        } finally {
            peers.forEach(HeadlessPeer::close);
        }
    }

    @Test
    void failedPasteWithItsMessage() throws Exception {
        OpenWindow w = t.open("paste");
        try (HeadlessPeer five = new HeadlessPeer("5", t.runtime())) {
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            String blob = five.create(NetworkMode.MESH, 5, List.of()).offer(2);
            GuiTestSupport.setClipboard(blob.substring(0, blob.length() * 2 / 3));
            t.paste(w, "#pasteArea");
            t.awaitText(w, "#pasteError", s -> s.contains("cut"), "truncation reported");
            shoot(w, "failed-paste.png").discsDrawn("#peer-node-local").textDrawn("#pasteError");
        }
    }

    /**
     * A game-like peer sends what a Godot scene sends over a few seconds (path simplification, spawns, RPCs with
     * Variant arguments, synchronizer states, one packet that does not decode) after the window poked it with a Godot
     * RPC from the send form (naming the node's methods); then the inspector (an RPC selected: hex beside its tree)
     * and the profiler are shot.
     */
    @Test
    void godotTrafficInTheInspectorAndTheProfiler() throws Exception {
        OpenWindow w = t.open("godot");
        WindowFlows.create(t, w, NetworkMode.MESH, "2");
        try (HeadlessPeer game = new HeadlessPeer("3", t.runtime()).create(NetworkMode.MESH, 3, List.of())) {
            game.session.setEcho(false);
            WindowFlows.connect(t, w, game, 3, 2);
            t.click(w, "#echoToggle");
            // The operator pokes the game first; the method names typed after '|' name the node's methods.
            ChoiceBox<dev.meshscope.app.gui.probe.PayloadKind> kind = t.find(w, "#payloadKindChoice");
            GuiTestSupport.fxRun(() -> kind.setValue(dev.meshscope.app.gui.probe.PayloadKind.GODOT_RPC));
            javafx.scene.control.TextField count = t.find(w, "#countField");
            GuiTestSupport.fxRun(() -> count.setText("1"));
            javafx.scene.control.TextField target = t.find(w, "#targetField");
            GuiTestSupport.fxRun(() -> target.setText("3"));
            ChoiceBox<dev.meshscope.app.gui.probe.ChannelOption> channel = t.find(w, "#channelChoice");
            GuiTestSupport.fxRun(() -> channel.setValue(channel.getItems().get(1)));
            t.click(w, "#sendButton");
            t.awaitFx(
                    "the window's own RPC listed",
                    () -> w.window().inspector().rows().stream()
                            .anyMatch(p -> p.direction() == dev.meshscope.session.inspect.Direction.OUT));

            String md5 = GodotTrafficWindowTest.MD5;
            // The first RPC comes before its SIMPLIFY_PATH: the inspector shows it as an id, marked.
            GodotTrafficWindowTest.gameSends(
                    game,
                    0,
                    List.of(
                            GodotTrafficWindowTest.move(5, 0, 0),
                            PacketWriter.encode(new Packet.SimplifyPath(md5, 4, "Main/Spawner")),
                            PacketWriter.encode(new Packet.Spawn(
                                    0, 4, 1, List.of(2), "Enemy1", null, List.of(new Variant.Vector2(40, 12, false)))),
                            PacketWriter.encode(new Packet.SimplifyPath(md5, 5, "Main/Player3")),
                            PacketWriter.encode(new Packet.SimplifyPath(md5, 6, "Main/Chat"))));
            for (int second = 0; second < 6; second++) {
                List<byte[]> frame = new ArrayList<>();
                for (int i = 0; i < 20 + 15 * (second % 3); i++) {
                    frame.add(GodotTrafficWindowTest.move(5, 1.5 + i * 0.25, -2));
                    frame.add(PacketWriter.encode(new Packet.Sync(
                            second * 60 + i + 1,
                            List.of(new Packet.SyncElement(
                                    2,
                                    List.of(
                                            new Variant.Vector2(40 - i, 12 + second, false),
                                            new Variant.Int(100 - i)))))));
                }
                frame.add(PacketWriter.encode(Packet.Rpc.of(
                        Packet.ById.smallest(6),
                        0,
                        List.of(new Variant.Str("gg " + second), new Variant.Int(3), Variant.Bool.TRUE))));
                GodotTrafficWindowTest.gameSends(game, 0, frame);
                long until = System.nanoTime() + 1_000_000_000L;
                t.awaitFx("a second of traffic", () -> System.nanoTime() >= until);
            }
            GodotTrafficWindowTest.gameSends(
                    game, 0, List.of(PacketWriter.encode(new Packet.Despawn(1)), new byte[] {0x01, 0x38, 0x65}));
            javafx.scene.control.TabPane tabs = t.find(w, "#centerTabs");
            GuiTestSupport.fxRun(() -> tabs.getSelectionModel().select(1));
            TableView<dev.meshscope.session.inspect.TappedPacket> table = t.find(w, "#inspectorTable");
            // The start of the list: the window's own RPC, an RPC before its path (amber), the paths, a spawn, then the
            // game's calls by name; the first of those selected.
            GuiTestSupport.fxRun(() -> table.getSelectionModel().select(6));
            t.awaitText(w, "#inspectorHex", x -> !x.isEmpty(), "hex dump shown");
            shoot(w, "packet-inspector.png")
                    .tableRowsDrawn("#inspectorTable", 8)
                    .textDrawn("#inspectorCounts");
            GuiTestSupport.fxRun(() -> tabs.getSelectionModel().select(2));
            t.awaitFx("profiler rows", () -> w.window().profiler().nodes().size() >= 3);
            shoot(w, "network-profiler.png")
                    .tableRowsDrawn("#profilerNodeTable", 3)
                    .tableRowsDrawn("#profilerSyncTable", 1);
        }
    }

    /**
     * docs/signaling.md's picture: the window hosts a mesh lobby on its own lobby server, two more peers join it by
     * name, and the signaling timeline shows the messages with the selected offer's SDP.
     */
    @Test
    void windowInALobbyWithItsTimeline() throws Exception {
        OpenWindow w = t.open("lobby");
        try (HeadlessPeer a = new HeadlessPeer("lobby-a", t.runtime());
                HeadlessPeer b = new HeadlessPeer("lobby-b", t.runtime())) {
            t.click(w, "#localServerButton");
            t.awaitText(w, "#localServerStatus", s -> s.startsWith("listening"), "server started");
            t.click(w, "#joinLobbyButton");
            t.awaitText(w, "#lobbyNameAssigned", s -> !s.isEmpty(), "lobby created");
            String lobby = t.text(w, "#lobbyNameAssigned");
            java.net.URI url = java.net.URI.create(t.text(w, "#lobbyUrlField"));
            List<Integer> ids = new ArrayList<>();
            for (HeadlessPeer p : List.of(a, b)) {
                p.session.joinLobby(
                        url, lobby, new dev.meshscope.session.CreateRequest(NetworkMode.MESH, 0, List.of(), List.of()));
                org.awaitility.Awaitility.await("joined")
                        .atMost(GuiTestSupport.TIMEOUT)
                        .until(() -> p.state.get().signaling().ownId() > 1);
                ids.add(p.state.get().signaling().ownId());
            }
            for (int id : ids) {
                t.awaitFx(
                        "peer " + id + " connected",
                        () -> t.<javafx.scene.Node>find(w, "#peer-node-" + id)
                                .getStyleClass()
                                .contains("connected"));
            }
            // The selected candidate pairs beside the peers (the session does not ask for stats by itself yet).
            w.session().onMeshThread(peer -> ids.forEach(peer::requestWireStats));
            for (int id : ids) {
                t.awaitFx(
                        "the pair beside " + id,
                        () -> ((javafx.scene.text.Text) t.<javafx.scene.Node>find(w, "#peer-node-" + id)
                                        .lookup(".graph-node-text"))
                                .getText()
                                .contains("⇄"));
            }
            // The operator drags the channel table smaller to read the timeline (as tall as the laptop layout allows).
            javafx.scene.Node channels = t.find(w, "#channelTable");
            GuiTestSupport.fxRun(() -> {
                for (javafx.scene.Parent p = channels.getParent(); p != null; p = p.getParent()) {
                    if (p instanceof javafx.scene.control.SplitPane sp
                            && sp.getOrientation() == javafx.geometry.Orientation.VERTICAL
                            && sp.getItems().size() == 3) {
                        sp.setDividerPositions(0.3, 0.42);
                        break;
                    }
                }
            });
            GuiTestSupport.fxRun(() -> w.window().showTimeline());
            TableView<dev.meshscope.signaling.timeline.SignalTrace> timeline = t.find(w, "#signalTimeline");
            GuiTestSupport.fxRun(() -> timeline.getItems().stream()
                    .filter(r -> r.typeName().equals("OFFER"))
                    .findFirst()
                    .ifPresent(r -> timeline.getSelectionModel().select(r)));
            t.awaitText(w, "#timelineDetail", s -> s.contains("v=0"), "the offer's SDP shown");
            javafx.scene.Node roster = t.find(w, "#lobbyRoster");
            GuiTestSupport.fxRun(() -> GuiTestSupport.scrollIntoView(roster));
            shoot(w, "lobby-timeline.png")
                    .discsDrawn("#peer-node-local", "#peer-node-" + ids.get(0), "#peer-node-" + ids.get(1))
                    .tableRowsDrawn("#signalTimeline", 6)
                    .textDrawn("#lobbyNameAssigned")
                    .textDrawn("#timelineDetail");
        }
    }

    /**
     * docs/impairment.md's picture: a relay-only pair through a real TURN server (Debian's coturn), its transport
     * details with the relay pair highlighted, and the edge impaired from the Link controls (40 ms, 10 % loss outbound)
     * while probes run.
     */
    @Test
    void transportOfARelayPairAndAnImpairedEdge() throws Exception {
        try (dev.meshscope.core.testing.TurnServer turn = dev.meshscope.core.testing.TurnServer.start();
                HeadlessPeer p = new HeadlessPeer("shot-9", t.runtime())) {
            OpenWindow w = t.open("links");
            p.session.create(new dev.meshscope.session.CreateRequest(
                    NetworkMode.MESH,
                    9,
                    List.of(),
                    List.of(turn.iceServer()),
                    dev.meshscope.core.IceTransportPolicy.RELAY));
            org.awaitility.Awaitility.await("relay-only peer created")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> p.state.get().mesh().status() != dev.meshscope.core.ConnectionStatus.DISCONNECTED);
            javafx.scene.control.TextArea ice = t.find(w, "#iceServersArea");
            GuiTestSupport.fxRun(() -> ice.setText(turn.url() + " " + dev.meshscope.core.testing.TurnServer.USER + " "
                    + dev.meshscope.core.testing.TurnServer.PASSWORD));
            t.click(w, "#relayOnlyToggle");
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            WindowFlows.connect(t, w, p, 9, 2);
            t.click(w, "#peer-node-9");
            t.awaitText(w, "#transportPair", s -> s.contains("(TURN relay)"), "the relay pair");
            for (String[] f : new String[][] {{"#impairDelayField", "40"}, {"#impairLossField", "10"}}) {
                t.click(w, f[0]);
                t.robot.eraseText(t.text(w, f[0]).length()).write(f[1]);
            }
            t.click(w, "#applyImpairmentButton");
            t.awaitFx("the impaired edge", () -> LinksWindowTest.edgeText(w, 9).equals("⚠ out 40 ms, 10% loss"));
            send(w, "200", "40");
            TableView<ProbeRow> probes = t.find(w, "#probeTable");
            t.awaitFx(
                    "probes through the impairment",
                    () -> probes.getItems().size() == 3
                            && probes.getItems().stream()
                                    .allMatch(r -> r.stats().samples() >= 20));
            javafx.scene.Node links = t.find(w, "#applyImpairmentButton");
            GuiTestSupport.fxRun(() -> GuiTestSupport.scrollIntoView(links));
            // The operator drags the graph taller and the transport wider to read every line and candidate.
            javafx.scene.Node tabs = t.find(w, "#peerTabs");
            GuiTestSupport.fxRun(() -> {
                for (javafx.scene.Parent q = tabs.getParent(); q != null; q = q.getParent()) {
                    if (q instanceof javafx.scene.control.SplitPane sp) {
                        if (sp.getOrientation() == javafx.geometry.Orientation.HORIZONTAL
                                && sp.getItems().size() == 2
                                && sp.getItems().get(1) == tabs) {
                            sp.setDividerPositions(0.5);
                        } else if (sp.getOrientation() == javafx.geometry.Orientation.VERTICAL
                                && sp.getItems().size() == 3) {
                            sp.setDividerPositions(0.6, 0.76);
                            break;
                        }
                    }
                }
            });
            shoot(w, "transport-relay-impaired.png")
                    .discsDrawn("#peer-node-local", "#peer-node-9")
                    .textDrawn("#transportPair")
                    .textDrawn("#transportRelay")
                    .tableRowsDrawn("#candidateTable", 2)
                    .tableRowsDrawn("#probeTable", 3);
            t.click(w, "#stopButton");
        }
    }
}
