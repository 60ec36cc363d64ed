// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.log.LogEntry;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaving a shared folder's lobby: a clean departure is no failure, and Join works again without Close. */
@Tag("window")
@Tag("native")
class FolderLeaveTest extends WindowTestBase {
    @Test
    void aPeerLeavingTheLobbyIsNoFailureAndLeaveThenJoinWorks(@TempDir Path dir) {
        OpenWindow a = t.open("leave-a");
        OpenWindow b = t.open("leave-b");
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

        t.click(a, "#leaveFolderButton");
        t.awaitText(a, "#folderStatus", "not in a folder"::equals, "a left");
        t.awaitFx(
                "b drops the peer that left",
                () -> t.robot
                        .from(b.stage().getScene().getRoot())
                        .lookup("#peer-node-2")
                        .tryQuery()
                        .isEmpty());
        t.awaitText(a, "#statusLabel", s -> s.startsWith("DISCONNECTED"), "leaving before the seal closes a's peer");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        for (OpenWindow w : List.of(a, b)) {
            List<String> red = GuiTestSupport.fx(() -> w.window().log().entries().stream()
                    .filter(LogEntry::failed)
                    .map(e -> e.kind() + ": " + e.text())
                    .toList());
            assertThat(red)
                    .as(w.stage().getTitle() + ": a clean departure is not a failure")
                    .isEmpty();
            assertThat(t.text(w, "#errorLabel")).isEmpty();
        }

        t.click(a, "#joinFolderButton");
        assertThat(t.text(a, "#folderError")).as("no Close needed").isEmpty();
        t.awaitFx(
                "a is back and connected to 3",
                () -> t.robot
                        .from(a.stage().getScene().getRoot())
                        .lookup("#peer-node-3")
                        .tryQuery()
                        .map(n -> n.getStyleClass().contains("connected"))
                        .orElse(false));
        t.awaitFx(
                "b sees 2 again",
                () -> t.robot
                        .from(b.stage().getScene().getRoot())
                        .lookup("#peer-node-2")
                        .tryQuery()
                        .map(n -> n.getStyleClass().contains("connected"))
                        .orElse(false));
    }
}
