// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.channels;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.SessionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The channel table: one row per (peer, channel), updated in place from each state, filtered by the
 * selected peer. FX thread; plain Java.
 */
public final class ChannelsViewModel {
    private final Selection selection;
    private final ObservableList<ChannelRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ChannelRow> visible = new FilteredList<>(rows);
    private final Map<Long, ChannelRow> byKey = new HashMap<>();

    /** A table filtered by {@code selection}. */
    public ChannelsViewModel(Selection selection) {
        this.selection = selection;
        selection.peerProperty().addListener((o, a, b) -> refilter());
    }

    private void refilter() {
        int id = selection.peer();
        visible.setPredicate(id == 0 ? null : r -> r.peerId() == id);
    }

    private static long key(int peer, int channel) {
        return ((long) peer << 32) | (channel & 0xFFFFFFFFL);
    }

    /** Applies the newest state: new channels get rows, gone ones lose theirs, the rest update in place. */
    public void onState(SessionState s) {
        Set<Long> seen = new HashSet<>();
        List<ChannelRow> added = new ArrayList<>();
        for (PeerSnapshot p : s.mesh().peers()) {
            for (ChannelSnapshot c : p.channels()) {
                long k = key(p.id(), c.index());
                seen.add(k);
                ChannelRow r = byKey.get(k);
                if (r == null) {
                    r = new ChannelRow(p.id(), c);
                    byKey.put(k, r);
                    added.add(r);
                }
                r.update(c, s.atNanos());
            }
        }
        if (byKey.size() != seen.size()) {
            byKey.keySet().retainAll(seen);
            rows.removeIf(r -> !seen.contains(key(r.peerId(), r.index())));
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
        }
    }

    /** Every row. */
    public ObservableList<ChannelRow> rows() {
        return rows;
    }

    /** The rows of the selected peer (all when none is selected). */
    public ObservableList<ChannelRow> visibleRows() {
        return visible;
    }

    /** The row of (peer, channel), or {@code null}. */
    public ChannelRow row(int peer, int channel) {
        return byKey.get(key(peer, channel));
    }

    /** The shared selection. */
    public Selection selection() {
        return selection;
    }
}
