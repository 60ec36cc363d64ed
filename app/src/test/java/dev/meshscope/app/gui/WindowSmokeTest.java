// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WindowSmokeTest {
    @Test
    void opensAndCreatesAMesh() throws Exception {
        try (GuiTestSupport t = new GuiTestSupport()) {
            OpenWindow w = t.open("a");
            t.robot.clickOn(t.<javafx.scene.Node>find(w, "#peerIdField")).write("5");
            t.robot.clickOn(t.<javafx.scene.Node>find(w, "#createButton"));
            t.awaitText(w, "#statusLabel", s -> s.startsWith("CONNECTED"), "mesh created");
            GuiTestSupport.savePng(w.stage().getScene(), Path.of("/tmp/smoke.png"));
        }
    }
}
