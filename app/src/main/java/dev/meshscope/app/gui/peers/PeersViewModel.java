// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.peers;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The peer graph's model: rebuilt from each state, published only when it changed. Clicking a node selects
 * that peer everywhere through the shared {@link Selection}. FX thread; plain Java.
 */
public final class PeersViewModel {
    private final Selection selection;
    private final ReadOnlyObjectWrapper<GraphModel> model =
            new ReadOnlyObjectWrapper<>(this, "model", GraphModel.EMPTY);

    /** A model that selects through {@code selection}. */
    public PeersViewModel(Selection selection) {
        this.selection = selection;
    }

    /** Applies the newest state. */
    public void onState(SessionState s) {
        GraphModel next = toModel(s.mesh());
        if (!next.equals(model.get())) {
            model.set(next);
        }
        if (selection.peer() != 0 && s.mesh().peer(selection.peer()) == null) {
            selection.select(0);
        }
    }

    static GraphModel toModel(MeshSnapshot m) {
        List<GraphModel.Peer> peers = new ArrayList<>(m.peers().size());
        for (PeerSnapshot p : m.peers()) {
            peers.add(new GraphModel.Peer(
                    p.id(),
                    p.connection(),
                    p.connected(),
                    p.openChannels(),
                    p.channels().size()));
        }
        return new GraphModel(m.mode(), m.uniqueId(), m.status(), peers);
    }

    /** Selects {@code id} everywhere (the same id again clears the selection). */
    public void toggleSelect(int id) {
        selection.select(selection.peer() == id ? 0 : id);
    }

    /** The shared selection. */
    public Selection selection() {
        return selection;
    }

    /** What to draw. */
    public ReadOnlyObjectProperty<GraphModel> modelProperty() {
        return model.getReadOnlyProperty();
    }
}
