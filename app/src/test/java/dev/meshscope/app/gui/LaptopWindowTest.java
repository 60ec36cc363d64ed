// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.TrafficStatus;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The window on a 1366x768 laptop screen (and on a big one): it fits, and every word of its controls shows. */
@Tag("window")
@Tag("native")
class LaptopWindowTest extends WindowTestBase {
    /** A common laptop screen. */
    private static final double LAPTOP_WIDTH = 1366;

    private static final double LAPTOP_HEIGHT = 768;
    /** Buttons the issue saw cut to "..." at 1366x768, and every pane that must stay inside the window. */
    private static final List<String> BUTTONS = List.of(
            "#copyBlobButton",
            "#exportLogButton",
            "#sendButton",
            "#stopButton",
            "#createButton",
            "#closeButton",
            "#addPeerButton",
            "#applyPasteButton",
            "#joinFolderButton",
            "#leaveFolderButton",
            "#clearProbesButton",
            "#copyDictionaryButton",
            "#dismissErrorButton",
            "#refuseToggle",
            "#statusLabel",
            "#logKindFilter",
            "#channelTable",
            "#probeTable",
            "#eventLog",
            "#dictionaryView",
            "#peerGraph");

    @Test
    void theWindowFitsTheScreenItOpensOn() {
        Rectangle2D laptop = OpenWindow.placement(new Rectangle2D(0, 0, LAPTOP_WIDTH, LAPTOP_HEIGHT - 40));
        assertThat(laptop).isEqualTo(new Rectangle2D(0, 0, LAPTOP_WIDTH, LAPTOP_HEIGHT - 40));
        Rectangle2D big = OpenWindow.placement(new Rectangle2D(0, 0, 1920, 1080));
        assertThat(big).isEqualTo(new Rectangle2D(160, 40, OpenWindow.WIDTH, OpenWindow.HEIGHT));
        Rectangle2D second = OpenWindow.placement(new Rectangle2D(1920, 0, 1366, 768));
        assertThat(second.getMinX()).isEqualTo(1920);

        OpenWindow w = t.open("laptop", LAPTOP_WIDTH, LAPTOP_HEIGHT);
        assertThat(GuiTestSupport.fx(
                        () -> new double[] {w.stage().getWidth(), w.stage().getHeight()}))
                .containsExactly(LAPTOP_WIDTH, LAPTOP_HEIGHT);
        assertThat(GuiTestSupport.fx(() -> w.stage().getY())).isGreaterThanOrEqualTo(0);
    }

    @Test
    void nothingIsCutAt1366x768EvenWithLongStatusTexts() {
        OpenWindow w = t.open("laptop-long", LAPTOP_WIDTH, LAPTOP_HEIGHT);
        assertThat(cutTexts(w)).as("a fresh window").isEmpty();
        List<String> problems = GuiTestSupport.fx(() -> {
            w.window().onState(longState());
            w.window()
                    .log()
                    .onProblem(
                            "add peer",
                            "peer 1 is already added (pending below: cancel it to start "
                                    + "again); the offer blob is still shown above.");
            w.window().log().flush();
            return layoutAndCollect(w);
        });
        assertThat(problems)
                .as("long progress and status texts, a failure of two lines")
                .isEmpty();

        String novel = "a failure longer than two header lines: " + "every word of it matters to someone. ".repeat(12);
        GuiTestSupport.fxRun(() -> {
            w.window().log().onProblem("internal", novel);
            w.window().log().flush();
        });
        Labeled error = t.find(w, "#errorLabel");
        assertThat(GuiTestSupport.fx(() -> error.getTooltip().getText()))
                .as("the whole text is one hover away")
                .endsWith(novel);
        Labeled status = t.find(w, "#statusLabel");
        GuiTestSupport.fxRun(() -> w.stage().getScene().getRoot().layout());
        assertThat(GuiTestSupport.fx(() -> Truncation.truncated(status)))
                .as("the status keeps its words")
                .isFalse();
    }

    @Test
    void nothingIsCutAt1600x1000EitherWhileSendingALongBurst() {
        OpenWindow w = t.open("big-long", OpenWindow.WIDTH, OpenWindow.HEIGHT);
        List<String> problems = GuiTestSupport.fx(() -> {
            w.window().onState(longState());
            return layoutAndCollect(w);
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void wordsInTheTablesStayWholeAt1366x768() {
        OpenWindow w = t.open("laptop-rows", LAPTOP_WIDTH, LAPTOP_HEIGHT);
        try (HeadlessPeer p = new HeadlessPeer("2000000001", t.runtime())) {
            p.create(NetworkMode.MESH, 2_000_000_001, List.of(TransferMode.UNRELIABLE));
            GuiTestSupport.fxRun(
                    () -> t.<javafx.scene.control.ChoiceBox<TransferMode>>find(w, "#extraChannelModeChoice")
                            .setValue(TransferMode.UNRELIABLE));
            t.click(w, "#addExtraChannelButton");
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            WindowFlows.connect(t, w, p, 2_000_000_001, 2);
            TableView<?> channels = t.find(w, "#channelTable");
            t.awaitFx("four channel rows", () -> channels.getItems().size() == 4);
            t.click(w, "#countField");
            t.robot.eraseText(t.text(w, "#countField").length()).write("300");
            t.click(w, "#rateField");
            t.robot.eraseText(t.text(w, "#rateField").length()).write("0");
            t.click(w, "#sendButton");
            t.awaitText(w, "#sendProgress", s -> s.startsWith("done:"), "a burst filled the counters and probes");
            TableView<?> probes = t.find(w, "#probeTable");
            t.awaitFx("probe rows", () -> probes.getItems().size() == 4);
            t.awaitFx("no word cut in the channel table, the probe table or the log", () -> {
                List<String> cut = new ArrayList<>();
                for (String table : List.of("#channelTable", "#probeTable", "#eventLog")) {
                    for (Node c : w.stage().getScene().getRoot().lookup(table).lookupAll(".table-cell")) {
                        if (c instanceof javafx.scene.control.TableCell<?, ?> cell
                                && cell.isVisible()
                                && !"Event".equals(cell.getTableColumn().getText())
                                && Truncation.truncated(cell)) {
                            cut.add(table + " " + cell.getTableColumn().getText() + ": " + cell.getText());
                        }
                    }
                }
                if (!cut.isEmpty()) {
                    System.out.println("cut cells: " + cut);
                }
                return cut.isEmpty();
            });
        }
    }

    @Test
    void theInspectorAndTheProfilerFitAt1366x768() {
        OpenWindow w = t.open("laptop-inspector", LAPTOP_WIDTH, LAPTOP_HEIGHT);
        javafx.scene.control.TabPane tabs = t.find(w, "#centerTabs");
        for (int tab : new int[] {1, 2}) {
            List<String> problems = GuiTestSupport.fx(() -> {
                tabs.getSelectionModel().select(tab);
                List<String> out = layoutAndCollect(w);
                Parent root = w.stage().getScene().getRoot();
                for (String id : List.of(
                        "#inspectorPeerFilter",
                        "#inspectorChannelFilter",
                        "#inspectorKindFilter",
                        "#inspectorPauseToggle",
                        "#inspectorClearButton",
                        "#inspectorCounts",
                        "#inspectorTable",
                        "#inspectorHex",
                        "#inspectorTree",
                        "#profilerSummary",
                        "#profilerBandwidthChart",
                        "#profilerNodeTable",
                        "#profilerSyncTable")) {
                    Node n = root.lookup(id);
                    if (n != null && n.isVisible() && n.getScene() != null && tabOf(n) == tab) {
                        String cut = Truncation.cutSideways(n);
                        if (cut != null) {
                            out.add(cut);
                        }
                    }
                }
                return out;
            });
            assertThat(problems).as("tab " + tab).isEmpty();
        }
    }

    /** Which right-hand tab {@code n} is in (0 mesh, 1 inspector, 2 profiler). */
    private static int tabOf(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof dev.meshscope.app.gui.inspector.PacketInspectorView) {
                return 1;
            }
            if (p instanceof dev.meshscope.app.gui.inspector.NetworkProfilerView) {
                return 2;
            }
        }
        return 0;
    }

    /** A state whose texts are as long as they get: a 10-digit id, a huge burst with refusals and waits. */
    private static SessionState longState() {
        MeshSnapshot mesh = new MeshSnapshot(
                System.nanoTime(),
                NetworkMode.MESH,
                2147483646,
                ConnectionStatus.CONNECTED,
                false,
                List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE),
                List.of());
        TrafficStatus burst = new TrafficStatus(true, false, 9_876_543, 10_000_000, 23_456, 100_000, 7, 7_654_321);
        return new SessionState(System.nanoTime(), mesh, "{  }", List.of(), List.of(), true, burst, "");
    }

    private static List<String> cutTexts(OpenWindow w) {
        return GuiTestSupport.fx(() -> layoutAndCollect(w));
    }

    /** Lays the window out now and lists every cut text and every named button not fully on screen. FX thread. */
    private static List<String> layoutAndCollect(OpenWindow w) {
        Parent root = w.stage().getScene().getRoot();
        root.applyCss();
        root.layout();
        List<String> out = new ArrayList<>(Truncation.truncatedUnder(root));
        for (String id : BUTTONS) {
            Node n = root.lookup(id);
            String cut = Truncation.cutSideways(n);
            if (cut != null) {
                out.add(cut);
            }
        }
        for (String table : List.of("#channelTable", "#probeTable", "#eventLog")) {
            TableView<?> tv = (TableView<?>) root.lookup(table);
            for (Node h : tv.lookupAll(".column-header")) {
                for (Node l : h.lookupAll(".label")) {
                    if (l instanceof Labeled lab && Truncation.truncated(lab)) {
                        out.add(table + " header " + Truncation.describe(lab) + " shows \"" + Truncation.shownText(lab)
                                + "\"");
                    }
                }
            }
        }
        return out;
    }
}
