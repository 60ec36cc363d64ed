// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.channels.ChannelRow;
import dev.meshscope.app.gui.probe.ProbeRow;
import dev.meshscope.core.ChannelState;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real window driven like an operator: create, connect by copy/paste, traffic, close. */
@Tag("window")
@Tag("native")
class MeshWindowTest extends WindowTestBase {
    @Test
    void createsEachModeAndClosesAgain() {
        OpenWindow w = t.open("modes");
        WindowFlows.create(t, w, NetworkMode.SERVER, "1");
        assertThat(t.text(w, "#uniqueIdLabel")).isEqualTo("unique id 1");
        assertThat(t.text(w, "#statusLabel")).contains("SERVER");
        t.click(w, "#closeButton");
        t.awaitText(w, "#statusLabel", s -> s.startsWith("DISCONNECTED"), "closed");

        WindowFlows.create(t, w, NetworkMode.CLIENT, "7");
        assertThat(t.text(w, "#statusLabel"))
                .startsWith("CONNECTING")
                .contains("CLIENT")
                .contains("id 7");
        t.click(w, "#closeButton");
        t.awaitText(w, "#statusLabel", s -> s.startsWith("DISCONNECTED"), "closed");

        WindowFlows.create(t, w, NetworkMode.MESH, "42");
        assertThat(t.text(w, "#statusLabel"))
                .startsWith("CONNECTED")
                .contains("MESH")
                .contains("id 42");
        assertThat(t.text(w, "#dictionaryView")).isEqualTo("{  }");
    }

    @Test
    void refusesIdsOutsideGodotsRangesAndMakesRandomOnes() {
        OpenWindow w = t.open("ids");
        WindowFlows.chooseMode(t, w, NetworkMode.CLIENT);
        t.type(w, "#peerIdField", "1");
        t.awaitText(w, "#peerIdError", s -> s.startsWith("Clients cannot have ID 1"), "client id 1 refused");
        assertThat(GuiTestSupport.fx(() -> t.<Button>find(w, "#createButton").isDisabled()))
                .isTrue();
        t.robot.eraseText(1).write("2147483648");
        t.awaitText(w, "#peerIdError", s -> s.contains("out of range"), "too large refused");
        t.robot.eraseText(10).write("abc");
        t.awaitText(w, "#peerIdError", s -> s.contains("not a whole number"), "text refused");
        t.click(w, "#randomIdButton");
        t.awaitText(w, "#peerIdField", s -> s.matches("\\d+") && Long.parseLong(s) >= 2, "random id");
        assertThat(t.text(w, "#peerIdError")).isEmpty();
        assertThat(GuiTestSupport.fx(() -> t.<Button>find(w, "#createButton").isDisabled()))
                .isFalse();
    }

    @Test
    void connectsByCopyAndPasteMovesTrafficOnEveryChannelAndLosesThePeerOnClose() {
        OpenWindow w = t.open("traffic");
        try (HeadlessPeer p = new HeadlessPeer("5", t.runtime())) {
            p.create(NetworkMode.MESH, 5, List.of(TransferMode.UNRELIABLE));
            GuiTestSupport.fxRun(
                    () -> t.<javafx.scene.control.ChoiceBox<TransferMode>>find(w, "#extraChannelModeChoice")
                            .setValue(TransferMode.UNRELIABLE));
            t.click(w, "#addExtraChannelButton");
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            WindowFlows.connect(t, w, p, 5, 2);

            TableView<ChannelRow> channels = t.find(w, "#channelTable");
            t.awaitFx(
                    "four channels open",
                    () -> channels.getItems().size() == 4
                            && channels.getItems().stream()
                                    .allMatch(r -> r.stateProperty().get() == ChannelState.OPEN));
            assertThat(t.text(w, "#dictionaryView"))
                    .contains("\"connected\": true")
                    .contains("5: { \"connection\": <WebRTCLibPeerConnection#");

            t.click(w, "#countField");
            t.robot.eraseText(t.text(w, "#countField").length()).write("25");
            t.click(w, "#rateField");
            t.robot.eraseText(t.text(w, "#rateField").length()).write("0");
            t.click(w, "#sendButton");
            t.awaitFx(
                    "every channel sent 25 probes",
                    () -> channels.getItems().stream()
                            .allMatch(r -> r.msgsOutProperty().get() >= 25));
            TableView<ProbeRow> probes = t.find(w, "#probeTable");
            t.awaitFx(
                    "round trips measured on every channel",
                    () -> probes.getItems().size() == 4
                            && probes.getItems().stream()
                                    .allMatch(r ->
                                            r.stats().samples() > 0 && r.stats().sent() == 25));
            t.awaitFx(
                    "the reliable channel lost nothing",
                    () -> probes.getItems().stream()
                            .filter(r -> r.channel() == 0)
                            .allMatch(
                                    r -> r.stats().received() == 25 && r.stats().lost() == 0));
            assertThat(GuiTestSupport.fx(() -> probes.getItems().stream()
                            .allMatch(r -> r.stats().wrongChannel() == 0
                                    && !(r.stats().appRttMedianMs() < r.stats().rttMedianMs()))))
                    .as("no reply on a wrong channel; the app round trip is never shorter than the probe's")
                    .isTrue();
            // An independent source: the remote's own channel counters saw the 25 pings and answered each one.
            org.awaitility.Awaitility.await("the remote counted 25 pings and 25 pongs on reliable")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> {
                        var remote = p.state.get().mesh().peer(2);
                        return remote != null
                                && remote.channels().get(0).messagesReceived() == 25
                                && remote.channels().get(0).messagesSent() == 25;
                    });

            // The header's leak estimate follows the runtime's message count (itself checked against every channel's
            // own count in mesh-core's PacketAccountingTest).
            t.awaitFx(
                    "the leak estimate is shown",
                    () -> t.<javafx.scene.control.Label>find(w, "#leakLabel")
                            .getText()
                            .equals("webrtc-java leak ≈ "
                                    + Format.bytes(t.runtime().leakEstimateBytes())));
            t.click(w, "#peer-node-5");
            t.awaitText(w, "#targetField", "5"::equals, "selecting the node targets the peer");
            assertThat(GuiTestSupport.fx(() -> channels.getItems().stream().allMatch(r -> r.peerId() == 5)))
                    .isTrue();

            t.click(w, "#closeButton");
            t.awaitFx(
                    "the peer left the graph",
                    () -> t.robot
                            .from(w.stage().getScene().getRoot())
                            .lookup("#peer-node-5")
                            .tryQuery()
                            .isEmpty());
            t.awaitText(w, "#dictionaryView", "{  }"::equals, "get_peers() is empty");
            org.awaitility.Awaitility.await("the remote side saw the peer go")
                    .atMost(GuiTestSupport.TIMEOUT)
                    .until(() -> p.state.get().mesh().peers().isEmpty());
        }
    }

    @Test
    void logsEveryActionAndShowsFailuresInTheHeader() {
        OpenWindow w = t.open("log");
        WindowFlows.create(t, w, NetworkMode.CLIENT, "3");
        t.type(w, "#remotePeerIdField", "1");
        t.click(w, "#addPeerButton");
        t.awaitText(w, "#localBlobCaption", s -> s.startsWith("Offer for peer 1:"), "offer to the server");
        t.click(w, "#addPeerButton");
        t.awaitText(w, "#errorLabel", s -> s.contains("peer 1 is already added"), "the failure is in the header");
        assertThat(GuiTestSupport.fx(() -> w.window().log().entries().stream()
                        .filter(e -> e.failed())
                        .anyMatch(e -> e.text().contains("already added"))))
                .isTrue();
        t.click(w, "#cancelPending-1");
        t.awaitFx(
                "cancelled",
                () -> t.robot
                        .from(w.stage().getScene().getRoot())
                        .lookup("#cancelPending-1")
                        .tryQuery()
                        .isEmpty());
        assertThat(t.text(w, "#dictionaryView")).isEqualTo("{  }");
    }

    @Test
    void joinsASharedFolderAndConnectsAutomatically(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        OpenWindow a = t.open("folder-a");
        OpenWindow b = t.open("folder-b");
        for (Object[] x : new Object[][] {{a, "2"}, {b, "3"}}) {
            OpenWindow w = (OpenWindow) x[0];
            t.type(w, "#peerIdField", (String) x[1]);
            t.type(w, "#signalDirField", dir.toString());
            t.click(w, "#joinFolderButton");
        }
        t.awaitFx(
                "a sees 3 connected",
                () -> t.<Node>find(a, "#peer-node-3").getStyleClass().contains("connected"));
        t.awaitFx(
                "b sees 2 connected",
                () -> t.<Node>find(b, "#peer-node-2").getStyleClass().contains("connected"));
        assertThat(t.text(a, "#folderStatus")).contains("joined").contains("peer 2");
        assertThat(t.text(a, "#dictionaryView")).contains("\"connected\": true");
        t.click(a, "#leaveFolderButton");
        t.awaitText(a, "#folderStatus", "not in a folder"::equals, "left");
        t.awaitFx(
                "b drops the peer that left the unsealed lobby",
                () -> t.robot
                        .from(b.stage().getScene().getRoot())
                        .lookup("#peer-node-2")
                        .tryQuery()
                        .isEmpty());
    }
}
