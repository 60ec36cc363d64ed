// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.signaling.blob.BlobCodec;
import dev.meshscope.signaling.blob.PasteExpectation;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad paste, pasted into the real window: the specific message appears under the paste box, Apply
 * stays disabled and nothing changes. Every blob is real (made by in-test peers), only damaged or misrouted.
 */
@Tag("window")
@Tag("native")
class BadPasteTest extends WindowTestBase {
    private static void pasteReplacing(OpenWindow w, String text) {
        GuiTestSupport.setClipboard(text);
        t.click(w, "#pasteArea");
        t.robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        t.robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        t.awaitText(w, "#pasteArea", s -> s.replace("\r", "").equals(text.replace("\r", "")), "pasted");
    }

    private static void expectRefused(OpenWindow w, String text, String fragment) {
        pasteReplacing(w, text);
        t.awaitText(w, "#pasteError", s -> s.contains(fragment), "message containing \"" + fragment + "\"");
        assertThat(t.text(w, "#pasteSummary")).isEmpty();
        assertThat(GuiTestSupport.fx(
                        () -> t.<Button>find(w, "#applyPasteButton").isDisabled()))
                .isTrue();
    }

    @Test
    void showsTheSpecificMessageForEachKindOfBadPasteAndChangesNothing() {
        OpenWindow w = t.open("paste");
        WindowFlows.create(t, w, NetworkMode.MESH, "2");
        try (HeadlessPeer five = new HeadlessPeer("5", t.runtime());
                HeadlessPeer server = new HeadlessPeer("1", t.runtime());
                HeadlessPeer extra = new HeadlessPeer("7", t.runtime());
                HeadlessPeer twin = new HeadlessPeer("2b", t.runtime());
                HeadlessPeer six = new HeadlessPeer("6", t.runtime())) {
            String good = five.create(NetworkMode.MESH, 5, List.of()).offer(2);

            expectRefused(w, "hello mesh", "This is not a session description");
            expectRefused(w, good.substring(0, good.length() / 2), "cut");
            int mid = good.length() / 2;
            expectRefused(w, good.substring(0, mid) + "*" + good.substring(mid + 1), "altered on the way");
            expectRefused(w, five.offer(9), "addressed to peer 9");
            expectRefused(
                    w, server.create(NetworkMode.SERVER, 1, List.of()).offer(2), "a mesh connects only to mesh peers");
            expectRefused(
                    w,
                    extra.create(NetworkMode.MESH, 7, List.of(TransferMode.RELIABLE))
                            .offer(2),
                    "identical channels_config");
            six.create(NetworkMode.MESH, 6, List.of());
            String answerToAnotherTwo =
                    six.answer(twin.create(NetworkMode.MESH, 2, List.of()).offer(6), 2);
            expectRefused(w, answerToAnotherTwo, "but that offer no longer exists here");

            String rawSdp = BlobCodec.decode(good, PasteExpectation.of(2, NetworkMode.MESH, List.of()))
                    .paste()
                    .sdp();
            expectRefused(w, rawSdp, "does not say which peer sent it");
            t.type(w, "#remotePeerIdField", "5");
            t.awaitText(
                    w,
                    "#pasteSummary",
                    s -> s.contains("offer from peer 5"),
                    "raw SDP accepted once the sender is known");

            pasteReplacing(w, good);
            t.awaitText(w, "#pasteSummary", s -> s.contains("offer from peer 5"), "the good blob is accepted");
            assertThat(t.text(w, "#pasteError")).isEmpty();
            assertThat(GuiTestSupport.fx(
                            () -> t.<Button>find(w, "#applyPasteButton").isDisabled()))
                    .isFalse();
            assertThat(t.text(w, "#dictionaryView"))
                    .as("checking a paste changes nothing")
                    .isEqualTo("{  }");

            t.click(w, "#addPeerButton");
            t.awaitText(w, "#localBlobCaption", s -> s.startsWith("Offer for peer 5:"), "own offer made");
            expectRefused(w, t.text(w, "#localBlobArea"), "this peer's own offer");
        }
    }
}
