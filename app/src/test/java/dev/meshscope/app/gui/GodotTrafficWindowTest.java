// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.inspector.InspectorViewModel;
import dev.meshscope.app.gui.probe.PayloadKind;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WriteMode;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketReader;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.session.inspect.Direction;
import dev.meshscope.session.inspect.PacketKind;
import dev.meshscope.session.inspect.PacketTap;
import dev.meshscope.session.inspect.ProfileSnapshot;
import dev.meshscope.session.inspect.TappedPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packet inspector and the network profiler through the real window, on real connections: an in-process peer
 * (a {@link HeadlessPeer}, the same session code) sends SceneMultiplayer packets built with godot-wire's
 * {@link PacketWriter}, as a Godot game would, and the window must show them in Godot's terms.
 */
@Tag("window")
@Tag("native")
class GodotTrafficWindowTest extends WindowTestBase {
    static final String MD5 = "8e5a45f0c93e9329dcdeab25276f3ab7";
    static final int WINDOW_ID = 2;
    static final int GAME_ID = 3;

    /** The window (mesh peer 2, echo off) connected to the game peer (3, echo off). */
    private static HeadlessPeer connectGame(OpenWindow w) {
        WindowFlows.create(t, w, NetworkMode.MESH, Integer.toString(WINDOW_ID));
        HeadlessPeer game = new HeadlessPeer("game", t.runtime()).create(NetworkMode.MESH, GAME_ID, List.of());
        game.session.setEcho(false); // A Godot game answers nothing.
        WindowFlows.connect(t, w, game, GAME_ID, WINDOW_ID);
        t.click(w, "#echoToggle"); // The window answers nothing either: only the game's packets are listed.
        t.awaitFx(
                "echo off",
                () -> !w.window().inspector().pausedProperty().get()
                        && !t.<javafx.scene.control.CheckBox>find(w, "#echoToggle")
                                .isSelected());
        org.awaitility.Awaitility.await("game connected")
                .atMost(GuiTestSupport.TIMEOUT)
                .until(() -> game.connectedTo(WINDOW_ID));
        return game;
    }

    /** The game sends {@code packets} to the window on {@code channel}; returns how many were accepted. */
    static int gameSends(HeadlessPeer game, int channel, List<byte[]> packets) throws Exception {
        CompletableFuture<Integer> ok = new CompletableFuture<>();
        game.session.onMeshThread(peer -> {
            int n = 0;
            for (byte[] b : packets) {
                if (peer.putPacketOn(WINDOW_ID, channel, WriteMode.BINARY, b) == GodotError.OK) {
                    n++;
                }
            }
            ok.complete(n);
        });
        return ok.get(GuiTestSupport.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    static byte[] move(int cacheId, double x, double y) {
        return PacketWriter.encode(
                Packet.Rpc.of(Packet.ById.smallest(cacheId), 1, List.of(new Variant.Vector2(x, y, false))));
    }

    private static void selectTab(OpenWindow w, String id) {
        t.click(w, id);
        javafx.scene.control.TabPane tabs = t.find(w, "#centerTabs");
        t.awaitFx(
                "tab " + id + " shown",
                () -> id.equals("#" + tabs.getSelectionModel().getSelectedItem().getId()));
    }

    private static List<TappedPacket> rows(OpenWindow w) {
        return GuiTestSupport.fx(() -> List.copyOf(w.window().inspector().rows()));
    }

    private static void choose(OpenWindow w, String id, String value) {
        ChoiceBox<String> c = t.find(w, id);
        GuiTestSupport.fxRun(() -> c.setValue(value));
    }

    /** What the game peer sends in the first test: the order a Godot peer uses (path first, then the calls). */
    record Scene(List<byte[]> reliable, int rpcsToPlayer, int syncs) {}

    static Scene scene() {
        List<byte[]> r = new ArrayList<>();
        r.add(move(3, 0, 0)); // Before the cache: shown as an id, marked unresolved.
        r.add(PacketWriter.encode(new Packet.SimplifyPath(MD5, 3, "Main/Player3")));
        int moves = 5;
        for (int i = 0; i < moves; i++) {
            r.add(move(3, 1.5, -2 - i));
        }
        r.add(PacketWriter.encode(new Packet.SimplifyPath(MD5, 4, "Main/Spawner")));
        r.add(PacketWriter.encode(new Packet.Spawn(0, 4, 9, List.of(10), "Enemy", null, List.of())));
        int syncs = 4;
        for (int i = 1; i <= syncs; i++) {
            r.add(PacketWriter.encode(new Packet.Sync(
                    i, List.of(new Packet.SyncElement(10, List.of(new Variant.Vector2(i, i, false)))))));
        }
        r.add(new byte[] {0x01, 0x38, 0x65}); // A SIMPLIFY_PATH cut after 3 bytes: a decode error, not a crash.
        return new Scene(r, moves, syncs);
    }

    @Test
    void inspectorAndProfilerShowAGamesPacketsInGodotsTerms() throws Exception {
        OpenWindow w = t.open("inspector");
        try (HeadlessPeer game = connectGame(w)) {
            selectTab(w, "#inspectorTab");
            Scene s = scene();
            int sent = gameSends(game, 0, s.reliable());
            assertThat(sent).isEqualTo(s.reliable().size());
            int raw = gameSends(game, 2, List.of(new byte[] {0x03, 0x2a}, new byte[] {0x03, 0x2b}));
            t.awaitFx("every packet listed", () -> w.window().inspector().rows().size() >= sent + 2);
            List<TappedPacket> rows = rows(w);
            List<TappedPacket> ch0 = rows.stream().filter(p -> p.channel() == 0).toList();
            assertThat(ch0).hasSize(sent);
            assertThat(ch0).allMatch(p -> p.direction() == Direction.IN && p.peer() == GAME_ID);
            assertThat(ch0).allMatch(p -> p.mode() == TransferMode.RELIABLE);
            assertThat(ch0)
                    .extracting(TappedPacket::kind)
                    .containsExactly(
                            PacketKind.RPC,
                            PacketKind.SIMPLIFY_PATH,
                            PacketKind.RPC,
                            PacketKind.RPC,
                            PacketKind.RPC,
                            PacketKind.RPC,
                            PacketKind.RPC,
                            PacketKind.SIMPLIFY_PATH,
                            PacketKind.SPAWN,
                            PacketKind.SYNC,
                            PacketKind.SYNC,
                            PacketKind.SYNC,
                            PacketKind.SYNC,
                            PacketKind.UNDECODABLE);
            // Before the SIMPLIFY_PATH the node is an id, marked; after it, its path.
            assertThat(ch0.get(0).unresolved()).isTrue();
            assertThat(ch0.get(0).summary()).isEqualTo("rpc node#3@peer3 (path not seen yet) method#1(Vector2(0, 0))");
            assertThat(ch0.get(2).unresolved()).isFalse();
            assertThat(ch0.get(2).summary()).isEqualTo("rpc /root/Main/Player3 method#1(Vector2(1.5, -2))");
            assertThat(ch0.get(8).summary()).contains("spawn Enemy").contains("by /root/Main/Spawner");
            assertThat(ch0.get(9).summary()).contains("Enemy").contains("Vector2(1, 1)");
            assertThat(ch0.get(13).summary()).startsWith("undecodable: at byte ");
            assertThat(ch0.get(13).error()).isNotNull();
            List<TappedPacket> ch2 = rows.stream().filter(p -> p.channel() == 2).toList();
            assertThat(ch2)
                    .hasSize(raw)
                    .allMatch(p -> p.mode() == TransferMode.UNRELIABLE && p.kind() == PacketKind.RAW);

            // Filters, through the window's own choice boxes.
            TableView<TappedPacket> table = t.find(w, "#inspectorTable");
            choose(w, "#inspectorKindFilter", "rpc");
            t.awaitFx(
                    "rpc rows only",
                    () -> table.getItems().size() == 1 + s.rpcsToPlayer()
                            && table.getItems().stream().allMatch(p -> p.kind() == PacketKind.RPC));
            choose(w, "#inspectorKindFilter", InspectorViewModel.ALL);
            choose(w, "#inspectorChannelFilter", "2 unreliable");
            t.awaitFx("channel 2 rows only", () -> table.getItems().size() == raw);
            choose(w, "#inspectorChannelFilter", InspectorViewModel.ALL);
            choose(w, "#inspectorPeerFilter", "7");
            t.awaitFx("no peer 7 rows", () -> table.getItems().isEmpty());
            choose(w, "#inspectorPeerFilter", Integer.toString(GAME_ID));
            t.awaitFx("peer 3 rows", () -> table.getItems().size() == rows.size());

            // The selected packet: its bytes beside its decoded tree.
            GuiTestSupport.fxRun(() -> table.getSelectionModel().select(ch0.get(2)));
            t.awaitText(w, "#inspectorHex", x -> x.startsWith("0000  00 03 01 01 05 00 00 00"), "hex of the RPC");
            TreeView<String> tree = t.find(w, "#inspectorTree");
            t.awaitFx(
                    "tree of the RPC",
                    () -> tree.getRoot() != null
                            && tree.getRoot().getValue().startsWith("rpc")
                            && tree.getRoot().getChildren().stream()
                                    .anyMatch(i -> i.getValue().contains("/root/Main/Player3"))
                            && tree.getRoot().getChildren().stream()
                                    .anyMatch(i -> i.getValue().equals("to: " + WINDOW_ID)));
            GuiTestSupport.fxRun(() -> table.getSelectionModel().select(ch0.get(13)));
            t.awaitFx(
                    "tree of the garbage",
                    () -> tree.getRoot().getChildren().stream()
                            .anyMatch(i -> i.getValue().startsWith("decode error at byte")));

            // The profiler's counts against the sender's own.
            selectTab(w, "#profilerTab");
            t.awaitFx("profiler counted", () -> {
                ProfileSnapshot p = w.window().profiler().current();
                return row(p, "/root/Main/Player3") != null && p.syncs().size() == 1;
            });
            ProfileSnapshot p = GuiTestSupport.fx(() -> w.window().profiler().current());
            assertThat(row(p, "/root/Main/Player3").rpcIn()).isEqualTo(s.rpcsToPlayer());
            assertThat(row(p, "node#3@peer3 (path not seen yet)").rpcIn()).isEqualTo(1);
            assertThat(p.syncs().get(0).synchronizer()).startsWith("Enemy");
            assertThat(p.syncs().get(0).syncIn()).isEqualTo(s.syncs());
            long bytesIn = s.reliable().stream().mapToLong(b -> b.length).sum() + 4;
            assertThat(p.bandwidth()).singleElement().satisfies(b -> {
                assertThat(b.peer()).isEqualTo(GAME_ID);
                assertThat(b.samples().stream()
                                .mapToLong(ProfileSnapshot.Sample::bytesIn)
                                .sum())
                        .isEqualTo(bytesIn);
            });
            TableView<ProfileSnapshot.NodeRow> nodes = t.find(w, "#profilerNodeTable");
            t.awaitFx("node rows drawn", () -> nodes.getItems().size() == 2);
        }
    }

    private static ProfileSnapshot.NodeRow row(ProfileSnapshot p, String node) {
        return p.nodes().stream().filter(r -> r.node().equals(node)).findFirst().orElse(null);
    }

    @Test
    void theSendFormPokesTheGameWithARealRpcAndRefusesABadArgument() throws Exception {
        OpenWindow w = t.open("rpc-form");
        try (HeadlessPeer game = connectGame(w)) {
            ChoiceBox<PayloadKind> kind = t.find(w, "#payloadKindChoice");
            GuiTestSupport.fxRun(() -> kind.setValue(PayloadKind.GODOT_RPC));
            t.awaitFx(
                    "probe unticked",
                    () -> !t.<javafx.scene.control.CheckBox>find(w, "#probeToggle")
                            .isSelected());
            setField(w, "#targetField", Integer.toString(GAME_ID));
            setField(w, "#countField", "1");
            ChoiceBox<dev.meshscope.app.gui.probe.ChannelOption> ch = t.find(w, "#channelChoice");
            GuiTestSupport.fxRun(() -> ch.setValue(ch.getItems().get(1))); // channel 0 reliable

            // Negative twin first: a bad argument shows a message, Send stays off, nothing is sent.
            setField(w, "#payloadField", "/root/Main/Player3 move(Vector2(1.5, )) | jump move shoot");
            t.awaitText(
                    w,
                    "#sendError",
                    e -> e.contains("at character") && e.contains("expected a number"),
                    "bad argument explained");
            assertThat(t.<javafx.scene.control.Button>find(w, "#sendButton").isDisabled())
                    .isTrue();
            t.click(w, "#sendButton");

            setField(
                    w,
                    "#payloadField",
                    "/root/Main/Player3 move(Vector2(1.5, -2), 3, \"text\", true) | jump move shoot");
            t.awaitText(w, "#sendError", String::isEmpty, "good call accepted");
            t.click(w, "#sendButton");
            t.awaitFx(
                    "the game received one packet",
                    () -> game.tapped.stream().anyMatch(p -> p.direction() == Direction.IN));
            List<TappedPacket> in = game.tapped.stream()
                    .filter(p -> p.direction() == Direction.IN)
                    .toList();
            assertThat(in).hasSize(1); // The refused send sent nothing before it.
            var d = new PacketReader(DecodeOptions.DEFAULTS).decode(in.get(0).head());
            assertThat(d.isOk()).isTrue();
            assertThat(d.value())
                    .isEqualTo(new Packet.Rpc(
                            new Packet.ByPath("Main/Player3"),
                            1,
                            1,
                            Packet.ArgForm.COUNTED,
                            List.of(
                                    new Variant.Vector2(1.5, -2, false),
                                    new Variant.Int(3),
                                    new Variant.Str("text"),
                                    Variant.Bool.TRUE)));
            assertThat(in.get(0).summary())
                    .isEqualTo("rpc /root/Main/Player3 method#1(Vector2(1.5, -2), 3, \"text\", true)");
            // The window lists what it sent, too, with the method's name from the names typed after '|'.
            t.awaitFx(
                    "the window lists its own RPC by name",
                    () -> w.window().inspector().rows().stream()
                            .anyMatch(
                                    p -> p.direction() == Direction.OUT
                                            && p.summary()
                                                    .equals(
                                                            "rpc /root/Main/Player3 move(Vector2(1.5, -2), 3, \"text\", true)")));
            // And the game's own calls to that node, once its SIMPLIFY_PATH explained the id.
            gameSends(
                    game,
                    0,
                    List.of(PacketWriter.encode(new Packet.SimplifyPath(MD5, 3, "Main/Player3")), move(3, 1.5, -2)));
            t.awaitFx(
                    "the game's RPC by name",
                    () -> w.window().inspector().rows().stream()
                            .anyMatch(p -> p.direction() == Direction.IN
                                    && p.summary().equals("rpc /root/Main/Player3 move(Vector2(1.5, -2))")));
            t.awaitFx(
                    "the window lists its own RPC",
                    () -> w.window().inspector().rows().stream()
                            .anyMatch(p -> p.direction() == Direction.OUT && p.kind() == PacketKind.RPC));
        }
    }

    private static void setField(OpenWindow w, String id, String text) {
        javafx.scene.control.TextField f = t.find(w, id);
        GuiTestSupport.fxRun(() -> f.setText(text));
    }

    @Test
    void aFloodKeepsTheListBoundedEveryPacketCountedAndTheWindowResponsive() throws Exception {
        OpenWindow w = t.open("flood");
        try (HeadlessPeer game = connectGame(w)) {
            selectTab(w, "#inspectorTab");
            int sent = gameSends(game, 0, List.of(PacketWriter.encode(new Packet.SimplifyPath(MD5, 3, "Main/P"))));
            int flood = 50_000;
            int chunk = 5_000;
            long worstFxMillis = 0;
            for (int c = 0; c < flood / chunk; c++) {
                List<byte[]> ps = new ArrayList<>(chunk);
                for (int i = 0; i < chunk; i++) {
                    ps.add(move(3, c, i));
                }
                sent += gameSends(game, 0, ps);
                long t0 = System.nanoTime();
                GuiTestSupport.fx(() -> 0); // A round trip through the FX thread while the rows pour in.
                worstFxMillis = Math.max(worstFxMillis, (System.nanoTime() - t0) / 1_000_000);
            }
            int total = sent;
            assertThat(total).isEqualTo(flood + 1);
            InspectorViewModel vm = w.window().inspector();
            t.awaitFx("every packet recorded", () -> vm.recordedProperty().get() == total);
            long rows = GuiTestSupport.fx(() -> (long) vm.rows().size());
            long dropped = GuiTestSupport.fx(() -> vm.droppedProperty().get());
            System.out.printf(
                    Locale.ROOT,
                    "flood: %d sent, %d rows, %d dropped, worst FX round trip %d ms, "
                            + "longest bridge drain %.1f ms%n",
                    total,
                    rows,
                    dropped,
                    worstFxMillis,
                    w.bridge().maxDrainNanos() / 1e6);
            assertThat(rows).isEqualTo(PacketTap.RING_CAPACITY);
            assertThat(rows + dropped).isEqualTo(total);
            List<TappedPacket> last = rows(w);
            assertThat(last.get(last.size() - 1).seq()).isEqualTo(total);
            assertThat(last.get(last.size() - 1).summary()).startsWith("rpc /root/Main/P method#1(");
            assertThat(worstFxMillis)
                    .as("FX thread round trip during the flood")
                    .isLessThan(5_000);
            t.awaitText(w, "#inspectorCounts", x -> x.contains(dropped + " dropped"), "dropped count shown");
        }
    }
}
