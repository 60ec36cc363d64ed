// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import dev.meshscope.core.NetworkMode;
import javafx.scene.control.ChoiceBox;

/** Operator flows through the real window, shared by the window tests and the screenshot test. */
final class WindowFlows {
    private WindowFlows() {}

    /** Chooses {@code mode}, types {@code id} (unless server) and presses Create; waits for the status. */
    static void create(GuiTestSupport t, OpenWindow w, NetworkMode mode, String id) {
        chooseMode(t, w, mode);
        if (mode != NetworkMode.SERVER) {
            t.click(w, "#peerIdField");
            t.robot.eraseText(t.text(w, "#peerIdField").length());
            t.robot.write(id);
        }
        t.click(w, "#createButton");
        t.awaitText(
                w,
                "#statusLabel",
                s -> s.startsWith(mode == NetworkMode.CLIENT ? "CONNECTING" : "CONNECTED"),
                "created as " + mode);
    }

    /** Selects {@code mode} in the mode choice. */
    static void chooseMode(GuiTestSupport t, OpenWindow w, NetworkMode mode) {
        ChoiceBox<NetworkMode> c = t.find(w, "#modeChoice");
        GuiTestSupport.fxRun(() -> c.setValue(mode));
    }

    /**
     * Connects window {@code w} to in-test peer {@code p} (id {@code pid}) the way an operator does: Add peer,
     * Copy blob, hand it over, paste the answer back (Ctrl+V) and Apply.
     */
    static void connect(GuiTestSupport t, OpenWindow w, HeadlessPeer p, int pid, int windowId) {
        t.click(w, "#remotePeerIdField");
        t.robot.eraseText(t.text(w, "#remotePeerIdField").length());
        t.robot.write(Integer.toString(pid));
        t.click(w, "#addPeerButton");
        t.awaitText(w, "#localBlobCaption", s -> s.startsWith("Offer for peer " + pid + ":"), "offer blob for " + pid);
        t.click(w, "#copyBlobButton");
        String answer = p.answer(GuiTestSupport.clipboard(), windowId);
        GuiTestSupport.setClipboard(answer);
        t.paste(w, "#pasteArea");
        t.awaitText(w, "#pasteSummary", s -> s.contains("answer from peer " + pid), "answer accepted");
        t.click(w, "#applyPasteButton");
        t.awaitFx(
                "peer " + pid + " connected",
                () -> t.<javafx.scene.Node>find(w, "#peer-node-" + pid)
                        .getStyleClass()
                        .contains("connected"));
    }

    /** Rows of {@code w}'s channel table that are OPEN. */
    static int openChannels(GuiTestSupport t, OpenWindow w) {
        javafx.scene.control.TableView<dev.meshscope.app.gui.channels.ChannelRow> table = t.find(w, "#channelTable");
        return (int) table.getItems().stream()
                .filter(r -> r.stateProperty().get() == dev.meshscope.core.ChannelState.OPEN)
                .count();
    }

    /** Messages received, summed over {@code w}'s channel table. */
    static long messagesIn(GuiTestSupport t, OpenWindow w) {
        javafx.scene.control.TableView<dev.meshscope.app.gui.channels.ChannelRow> table = t.find(w, "#channelTable");
        return table.getItems().stream()
                .mapToLong(r -> r.msgsInProperty().get())
                .sum();
    }
}
