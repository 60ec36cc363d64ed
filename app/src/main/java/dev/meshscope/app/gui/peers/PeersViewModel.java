// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.peers;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.app.gui.links.ImpairmentText;
import dev.meshscope.app.gui.links.LinkSilence;
import dev.meshscope.app.gui.links.Liveness;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.core.snapshot.WireStats;
import dev.meshscope.session.LinkImpairment;
import dev.meshscope.session.SessionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The peer graph's model: rebuilt from each state, published only when it changed. Clicking a node selects
 * that peer everywhere through the shared {@link Selection}. FX thread; plain Java.
 */
public final class PeersViewModel {
    private final Selection selection;
    /** The newest wire statistics with a selected pair, per connected peer (dropped with the peer). */
    private final Map<Integer, WireStats> wire = new HashMap<>();

    private final LinkSilence silence = new LinkSilence();

    private final ReadOnlyObjectWrapper<GraphModel> model =
            new ReadOnlyObjectWrapper<>(this, "model", GraphModel.EMPTY);

    /** "Now" for a silent link's "nothing for N s": the wall clock live, the moment shown in a replay. */
    private final LongSupplier clock;

    /** A model that selects through {@code selection}. */
    public PeersViewModel(Selection selection) {
        this(selection, System::currentTimeMillis);
    }

    /**
     * A model whose "now" is {@code clock} (ms since the epoch, read once per state on the FX thread): a replay gives
     * the moment it shows, on the record's clock.
     */
    public PeersViewModel(Selection selection, LongSupplier clock) {
        this.selection = selection;
        this.clock = clock;
    }

    /**
     * The newest wire statistics of one connection (a {@code WireStatsUpdated} event): its selected candidate pair is
     * drawn beside the peer from the next state on.
     */
    public void onWireStats(int peerId, WireStats stats) {
        if (!stats.localCandidate().isEmpty() || !stats.remoteCandidate().isEmpty()) {
            wire.put(peerId, stats);
        }
    }

    /** Applies the newest state. */
    public void onState(SessionState s) {
        wire.keySet().removeIf(id -> s.mesh().peer(id) == null);
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (PeerSnapshot p : s.mesh().peers()) {
            silence.update(p);
            ids.add(p.id());
        }
        silence.retain(ids);
        GraphModel next = toModel(
                s.mesh(),
                wire,
                silence,
                s.controls().impairments(),
                clock.getAsLong(),
                s.controls().lateThreshold().toMillis());
        if (!next.equals(model.get())) {
            model.set(next);
        }
        if (selection.peer() != 0 && s.mesh().peer(selection.peer()) == null) {
            selection.select(0);
        }
    }

    static GraphModel toModel(MeshSnapshot m) {
        return toModel(m, Map.of());
    }

    static GraphModel toModel(MeshSnapshot m, Map<Integer, WireStats> wire) {
        return toModel(m, wire, new LinkSilence(), List.of(), 0, Long.MAX_VALUE);
    }

    /**
     * The graph at wall-clock {@code nowMillis}: a link {@code silence} finds silent past {@code silentAfterMillis}
     * is marked; {@code impairments} label their edges.
     */
    static GraphModel toModel(
            MeshSnapshot m,
            Map<Integer, WireStats> wire,
            LinkSilence silence,
            List<LinkImpairment> impairments,
            long nowMillis,
            long silentAfterMillis) {
        List<GraphModel.Peer> peers = new ArrayList<>(m.peers().size());
        for (PeerSnapshot p : m.peers()) {
            long last = Liveness.newestReceipt(p);
            boolean silent = silence.silent(p, nowMillis, silentAfterMillis);
            peers.add(new GraphModel.Peer(
                    p.id(),
                    p.connection(),
                    p.connected(),
                    p.openChannels(),
                    p.channels().size(),
                    pair(wire.get(p.id())),
                    wire.containsKey(p.id()) && wire.get(p.id()).relayed(),
                    silent ? Liveness.silentText(last, nowMillis) : "",
                    ImpairmentText.forPeer(impairments, p.id())));
        }
        return new GraphModel(m.mode(), m.uniqueId(), m.status(), peers);
    }

    /** "relay ⇄ host": the candidate types of the selected pair ("type protocol address:port" each), or "". */
    static String pair(WireStats w) {
        if (w == null) {
            return "";
        }
        return type(w.localCandidate()) + " ⇄ " + type(w.remoteCandidate());
    }

    private static String type(String candidate) {
        int sp = candidate.indexOf(' ');
        return candidate.isEmpty() ? "?" : sp < 0 ? candidate : candidate.substring(0, sp);
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
