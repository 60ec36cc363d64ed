// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The remote peer selected in the window (0 = none): selecting a node in the peer graph selects that peer in
 * the channel table, the test-packet target and the log filter. FX thread. Plain Java, no nodes.
 */
public final class Selection {
    private final IntegerProperty peer = new SimpleIntegerProperty(this, "peer", 0);

    /** The selected peer id, 0 for none. */
    public IntegerProperty peerProperty() {
        return peer;
    }

    /** The selected peer id, 0 for none. */
    public int peer() {
        return peer.get();
    }

    /** Selects {@code id} (0 clears the selection). */
    public void select(int id) {
        peer.set(id);
    }
}
