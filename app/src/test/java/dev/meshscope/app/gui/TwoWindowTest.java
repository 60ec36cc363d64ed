// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class TwoWindowTest {
    @Test
    void connectsTwoWindowsByCopyAndPaste() throws Exception {
        try (GuiTestSupport t = new GuiTestSupport()) {
            OpenWindow a = t.open("a");
            OpenWindow b = t.open("b");
            create(t, a, "2");
            create(t, b, "3");
            t.type(a, "#remotePeerIdField", "3");
            t.click(a, "#addPeerButton");
            t.awaitText(a, "#localBlobArea", s -> s.startsWith("MSB1:"), "offer blob");
            GuiTestSupport.savePng(a.stage().getScene(), Path.of("/tmp/offer.png"));
            t.click(a, "#copyBlobButton");
            t.paste(b, "#pasteArea");
            t.awaitText(b, "#pasteSummary", s -> s.contains("offer from peer 2"), "offer accepted");
            t.click(b, "#applyPasteButton");
            t.awaitText(b, "#localBlobArea", s -> s.startsWith("MSB1:"), "answer blob");
            t.click(b, "#copyBlobButton");
            t.paste(a, "#pasteArea");
            try {
                t.awaitText(a, "#pasteSummary", s -> s.contains("answer from peer 3"), "answer accepted");
            } catch (Throwable e) {
                System.out.println("PASTE=" + t.text(a, "#pasteArea") + "\nERR=" + t.text(a, "#pasteError") + "\nB=" + t.text(b, "#localBlobArea"));
                GuiTestSupport.savePng(a.stage().getScene(), Path.of("/tmp/fail.png"));
                throw e;
            }
            t.click(a, "#applyPasteButton");
            t.awaitText(a, "#dictionaryView", s -> s.contains("\"connected\": true"), "dictionary connected");
            GuiTestSupport.savePng(a.stage().getScene(), Path.of("/tmp/connected.png"));
            assertThat(t.text(b, "#dictionaryView")).startsWith("{ 2: { \"connection\": <WebRTCLibPeerConnection#-");
        }
    }

    private static void create(GuiTestSupport t, OpenWindow w, String id) {
        t.type(w, "#peerIdField", id);
        t.click(w, "#createButton");
        t.awaitText(w, "#statusLabel", s -> s.startsWith("CONNECTED"), "created");
    }
}
