// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.log.LogEntry;
import dev.meshscope.app.gui.log.LogViewModel;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.session.OperatorAction;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the window tells the operator, and when: the log follows unless they scrolled up, no red line nobody
 * caused, nothing jumps when a hint appears, and messages go away with their cause.
 */
@Tag("window")
@Tag("native")
class OperatorFeedbackTest extends WindowTestBase {
    @Test
    void theLogFollowsNewRowsUntilTheOperatorScrollsUp() {
        OpenWindow w = t.open("follow", 1366, 768);
        TableView<LogEntry> table = t.find(w, "#eventLog");
        addLines(w, 150);
        t.awaitFx("the newest row is in view", () -> newestInView(table));
        addLines(w, 40);
        t.awaitFx("it follows the new rows", () -> newestInView(table));
        for (int i = 0; i < 30; i++) {
            addLinesLater(w, 3); // Batches faster than the table lays out, as during a burst.
        }
        t.awaitFx(
                "it follows rows arriving faster than layouts",
                () -> newestInView(table) && table.getItems().size() == 1 + 150 + 40 + 90);

        t.focus(w);
        t.robot.clickOn(table).type(KeyCode.PAGE_UP, 3);
        t.awaitFx("scrolled up", () -> !newestInView(table));
        WaitForAsyncUtils.waitForFxEvents();
        int reading = GuiTestSupport.fx(() -> firstInView(table));
        addLines(w, 40);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(GuiTestSupport.fx(() -> firstInView(table)))
                .as("the rows being read stay put")
                .isEqualTo(reading);
        assertThat(GuiTestSupport.fx(() -> newestInView(table))).isFalse();

        t.robot.clickOn(table).type(KeyCode.END);
        t.awaitFx(
                "back at the newest row",
                () -> flow(table).getLastVisibleCell().getIndex()
                        == table.getItems().size() - 1);
        addLines(w, 40);
        t.awaitFx("following again", () -> newestInView(table));
    }

    @Test
    void noRedLineBeforeTheOperatorTypesAndNothingJumpsWhenOneAppears() {
        OpenWindow w = t.open("hints", 1366, 768);
        for (String id : new String[] {
            "#peerIdError",
            "#iceServersError",
            "#remotePeerIdError",
            "#pasteError",
            "#folderError",
            "#sendError",
            "#errorLabel"
        }) {
            assertThat(t.text(w, id)).as(id + " in a fresh window").isEmpty();
        }
        assertThat(GuiTestSupport.fx(() -> t.<Button>find(w, "#createButton").isDisabled()))
                .as("Create still waits for an id")
                .isTrue();

        t.click(w, "#peerIdField");
        double create = formY(w, "#createButton");
        double extras = formY(w, "#extraChannelList");
        t.robot.write("abc");
        t.awaitText(w, "#peerIdError", s -> s.contains("not a whole number"), "the id hint after typing");
        assertThat(formY(w, "#createButton")).as("Create does not move").isEqualTo(create);
        assertThat(formY(w, "#extraChannelList"))
                .as("the rows below the id do not move")
                .isEqualTo(extras);

        t.click(w, "#countField");
        double send = formY(w, "#sendButton");
        t.robot.write("x");
        t.awaitText(w, "#sendError", s -> s.startsWith("Count:"), "the count hint");
        assertThat(formY(w, "#sendButton")).as("Send does not move").isEqualTo(send);

        t.click(w, "#pasteArea");
        double apply = formY(w, "#applyPasteButton");
        t.robot.write("hello");
        t.awaitText(w, "#pasteError", s -> !s.isEmpty(), "the paste verdict");
        assertThat(formY(w, "#applyPasteButton")).as("Apply does not move").isEqualTo(apply);
    }

    @Test
    void closeClearsTheHeaderFailureTheFolderRefusalAndTheOldBlob(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        OpenWindow w = t.open("clears");
        WindowFlows.create(t, w, NetworkMode.MESH, "2");
        t.type(w, "#remotePeerIdField", "5");
        t.click(w, "#addPeerButton");
        t.awaitText(w, "#localBlobCaption", s -> s.startsWith("Offer for peer 5:"), "offer blob");
        t.awaitFx("its QR code", () -> t.<ImageView>find(w, "#blobQrCode").getImage() != null);
        t.click(w, "#addPeerButton");
        t.awaitText(w, "#errorLabel", s -> s.contains("already added"), "a failure in the header");
        t.type(w, "#signalDirField", dir.toString());
        t.click(w, "#joinFolderButton");
        t.awaitText(w, "#folderError", s -> s.contains("press Close first"), "Join refused while created");

        t.click(w, "#closeButton");
        t.awaitText(w, "#statusLabel", s -> s.startsWith("DISCONNECTED"), "closed");
        t.awaitText(w, "#errorLabel", String::isEmpty, "the header failure went with the peer");
        t.awaitText(w, "#folderError", String::isEmpty, "Join is possible now: no refusal left");
        t.awaitText(w, "#localBlobArea", String::isEmpty, "the dead offer is not offered any more");
        assertThat(GuiTestSupport.fx(() -> t.<ImageView>find(w, "#blobQrCode").getImage()))
                .as("nor its QR code")
                .isNull();
        assertThat(t.text(w, "#localBlobCaption")).doesNotContain("peer 5");
        assertThat(GuiTestSupport.fx(() -> w.window().log().entries().stream()
                        .filter(LogEntry::failed)
                        .map(LogEntry::text)
                        .toList()))
                .as("the log keeps the failure, and Close itself is none")
                .containsExactly(
                        "add peer: peer 5 is already added (its exchange is waiting for an answer: cancel it to "
                                + "start again).");
    }

    @Test
    void theDismissButtonClearsTheHeaderOnly() {
        OpenWindow w = t.open("dismiss");
        GuiTestSupport.fxRun(() -> {
            w.window().log().onAction(OperatorAction.failed(0, "create mesh", "ERR_INVALID_PARAMETER: test"));
            w.window().log().flush();
        });
        t.awaitText(w, "#errorLabel", s -> s.contains("ERR_INVALID_PARAMETER"), "shown");
        t.click(w, "#dismissErrorButton");
        t.awaitText(w, "#errorLabel", String::isEmpty, "dismissed");
        assertThat(GuiTestSupport.fx(
                        () -> t.<Button>find(w, "#dismissErrorButton").isVisible()))
                .isFalse();
        assertThat(GuiTestSupport.fx(() -> w.window().log().entries().size())).isPositive();
    }

    private static void addLines(OpenWindow w, int n) {
        GuiTestSupport.fxRun(() -> {
            LogViewModel log = w.window().log();
            for (int i = 0; i < n; i++) {
                log.onAction(OperatorAction.ok(0, "test", "line " + (log.total() + 1)));
            }
            log.flush();
        });
    }

    /** Queues {@code n} lines for the FX thread without waiting for them. */
    private static void addLinesLater(OpenWindow w, int n) {
        var unused = WaitForAsyncUtils.asyncFx(() -> {
            LogViewModel log = w.window().log();
            for (int i = 0; i < n; i++) {
                log.onAction(OperatorAction.ok(0, "test", "line " + (log.total() + 1)));
            }
            log.flush();
        });
    }

    private static VirtualFlow<?> flow(TableView<?> t) {
        return (VirtualFlow<?>) t.lookup(".virtual-flow");
    }

    /** Whether the newest row is drawn entirely inside the table (FX thread). */
    private static boolean newestInView(TableView<?> t) {
        VirtualFlow<?> f = flow(t);
        IndexedCell<?> last = f.getLastVisibleCell();
        if (last == null || last.getIndex() != t.getItems().size() - 1) {
            return false;
        }
        return last.localToScene(last.getLayoutBounds()).getMaxY()
                <= f.localToScene(f.getLayoutBounds()).getMaxY() + 1;
    }

    private static int firstInView(TableView<?> t) {
        return flow(t).getFirstVisibleCell().getIndex();
    }

    /** Where {@code id} sits inside the scrolling form column (independent of how far it is scrolled). */
    private static double formY(OpenWindow w, String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return GuiTestSupport.fx(() -> {
            ScrollPane form = t.find(w, "#formScroll");
            Node n = t.find(w, id);
            return n.localToScene(0, 0).getY()
                    - form.getContent().localToScene(0, 0).getY();
        });
    }
}
