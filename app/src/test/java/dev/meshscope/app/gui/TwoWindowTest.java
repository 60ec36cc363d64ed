// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two MeshScope windows in one JVM connected by copying each blob and pasting it (Ctrl+V) into the other. */
@Tag("window")
@Tag("native")
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
            t.click(a, "#copyBlobButton");
            t.paste(b, "#pasteArea");
            t.awaitText(b, "#pasteSummary", s -> s.contains("offer from peer 2"), "offer accepted");
            t.click(b, "#applyPasteButton");
            t.awaitText(b, "#localBlobArea", s -> s.startsWith("MSB1:"), "answer blob");
            t.click(b, "#copyBlobButton");
            t.paste(a, "#pasteArea");
            t.awaitText(a, "#pasteSummary", s -> s.contains("answer from peer 3"), "answer accepted");
            t.click(a, "#applyPasteButton");
            t.awaitText(a, "#dictionaryView", s -> s.contains("\"connected\": true"), "dictionary connected");
            assertThat(t.text(b, "#dictionaryView")).startsWith("{ 2: { \"connection\": <WebRTCLibPeerConnection#-");
        }
    }

    private static void create(GuiTestSupport t, OpenWindow w, String id) {
        WindowFlows.create(t, w, dev.meshscope.core.NetworkMode.MESH, id);
    }
}
