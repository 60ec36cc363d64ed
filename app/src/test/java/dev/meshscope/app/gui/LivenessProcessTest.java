// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.agent.AgentProcess;
import dev.meshscope.app.gui.channels.ChannelRow;
import dev.meshscope.app.gui.probe.ProbeRow;
import dev.meshscope.core.NetworkMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "Lost 0 for 5 s while pings go unanswered after the remote died", on a remote that really dies: a
 * {@code meshscope agent} in its own JVM, connected to the window by copy and paste, answering the window's probes,
 * killed with SIGKILL (no close, no goodbye: its packets simply stop). With the silent threshold set to 1 s in the
 * window, the graph edge and the channel rows are marked silent and the probe table shows the unanswered pings as
 * late and outstanding long before anything counts as lost; once ICE gives up, the peer's rows stay greyed with when
 * and why it left.
 */
@Tag("window")
@Tag("native")
@Tag("multiprocess")
class LivenessProcessTest extends WindowTestBase {
    /** The silent threshold the operator sets: short, so the marker shows well before ICE declares the peer gone. */
    private static final String SILENT_AFTER_SECONDS = "1";

    @Test
    void aKilledRemoteIsMarkedSilentItsProbesLateThenItsRowsStayWithTheReason() throws Exception {
        Path work = Files.createTempDirectory("meshscope-liveness");
        OpenWindow w = t.open("liveness");
        AgentProcess agent = AgentProcess.start(work, "agent5", "--mode", "mesh", "--id", "5", "--manual", "--echo");
        try {
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            t.click(w, "#remotePeerIdField");
            t.robot.eraseText(t.text(w, "#remotePeerIdField").length()).write("5");
            t.click(w, "#addPeerButton");
            t.awaitText(w, "#localBlobCaption", s -> s.startsWith("Offer for peer 5:"), "offer blob for 5");
            agent.writeLine(t.text(w, "#localBlobArea"));
            String answer = agent.nextLine("MSB1:", GuiTestSupport.TIMEOUT.toSeconds());
            assertThat(answer).as(agent.stderrText()).isNotNull();
            GuiTestSupport.setClipboard(answer);
            t.paste(w, "#pasteArea");
            t.awaitText(w, "#pasteSummary", s -> s.contains("answer from peer 5"), "answer accepted");
            t.click(w, "#applyPasteButton");
            t.awaitFx(
                    "peer 5 connected",
                    () -> t.<Node>find(w, "#peer-node-5").getStyleClass().contains("connected"));

            t.click(w, "#silentAfterField");
            t.robot.eraseText(t.text(w, "#silentAfterField").length()).write(SILENT_AFTER_SECONDS);
            t.click(w, "#applySilentAfterButton");
            t.awaitText(w, "#silentAfterStatus", s -> s.startsWith("now 1 s"), "the threshold applied");

            t.click(w, "#countField");
            t.robot.eraseText(t.text(w, "#countField").length()).write("1000000");
            t.click(w, "#rateField");
            t.robot.eraseText(t.text(w, "#rateField").length()).write("20");
            t.click(w, "#sendButton");
            TableView<ProbeRow> probes = t.find(w, "#probeTable");
            t.awaitFx(
                    "the agent answers",
                    () -> probes.getItems().size() == 3
                            && probes.getItems().stream()
                                    .allMatch(r -> r.stats().samples() >= 10));
            Node edge = t.find(w, "#peer-edge-5");
            assertThat(GuiTestSupport.fx(() -> edge.getStyleClass().contains("silent")))
                    .as("an answering peer is not silent")
                    .isFalse();
            long killedAt = System.nanoTime();
            agent.close(); // SIGKILL: the remote dies without closing anything.

            TableView<ChannelRow> channels = t.find(w, "#channelTable");
            AtomicReference<List<ProbeRow>> atSilence = new AtomicReference<>();
            t.awaitFx("the edge and the channel rows marked silent", () -> {
                boolean silent = edge.getStyleClass().contains("silent")
                        && channels.getItems().stream()
                                .allMatch(r -> r.silentProperty().get()
                                        && r.lastInProperty().get().startsWith("silent "));
                if (silent) {
                    atSilence.set(List.copyOf(probes.getItems()));
                }
                return silent;
            });
            long silentAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertThat(LinksWindowTest.edgeText(w, 5)).startsWith("silent ");
            t.awaitFx("silent rows drawn", () -> LinksWindowTest.rowsWith(channels, "silent") == 3);
            t.awaitFx(
                    "the unanswered pings shown as late and outstanding, not as a clean \"Lost 0\"",
                    () -> probes.getItems().stream()
                            .allMatch(r -> r.stats().late() > 0 && r.stats().outstanding() > 0));
            List<ProbeRow> late = GuiTestSupport.fx(() -> List.copyOf(probes.getItems()));
            System.out.println("killed remote: silent after " + silentAfterMs + " ms; probes when silent: "
                    + atSilence.get().stream()
                            .map(r -> "ch" + r.channel() + " late " + r.stats().late() + " outstanding "
                                    + r.stats().outstanding() + " lost "
                                    + r.stats().lost())
                            .toList()
                    + "; then: "
                    + late.stream()
                            .map(r -> "ch" + r.channel() + " late " + r.stats().late() + " lost "
                                    + r.stats().lost())
                            .toList());

            t.awaitFx(
                    "peer 5 departed: its rows kept, greyed, with why",
                    () -> channels.getItems().size() == 3
                            && channels.getItems().stream()
                                    .allMatch(r -> r.departedProperty().get() != null)
                            && probes.getItems().stream().allMatch(r -> r.departed() != null));
            String left = GuiTestSupport.fx(
                    () -> channels.getItems().get(0).lastInProperty().get());
            System.out.println(
                    "killed remote: " + left + " after " + (System.nanoTime() - killedAt) / 1_000_000 + " ms");
            assertThat(left).startsWith("left ");
            t.click(w, "#stopButton");
        } finally {
            agent.close();
        }
    }
}
