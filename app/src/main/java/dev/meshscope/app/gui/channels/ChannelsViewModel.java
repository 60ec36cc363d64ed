// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.channels;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.app.gui.links.Departures;
import dev.meshscope.app.gui.links.LinkSilence;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.SessionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The channel table: one row per (peer, channel), updated in place from each state, filtered by the
 * selected peer. A peer that leaves keeps its rows, greyed, with when and why ({@link Departures}), until the
 * operator clears departed peers or the peer comes back. FX thread; plain Java.
 */
public final class ChannelsViewModel {
    private final Selection selection;
    private final ObservableList<ChannelRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ChannelRow> visible = new FilteredList<>(rows);
    private final Map<Long, ChannelRow> byKey = new HashMap<>();

    private final Departures departures;
    private final LinkSilence silence = new LinkSilence();
    /** "Now" for "last in N s ago", silence and departures: the wall clock live, the moment shown in a replay. */
    private final LongSupplier clock;

    /** A table filtered by {@code selection}, with its own record of departures. */
    public ChannelsViewModel(Selection selection) {
        this(selection, new Departures());
    }

    /** A table filtered by {@code selection} whose departed rows stay while {@code departures} has their peer. */
    public ChannelsViewModel(Selection selection, Departures departures) {
        this(selection, departures, System::currentTimeMillis);
    }

    /**
     * A table whose "now" is {@code clock} (ms since the epoch, read once per state on the FX thread): a replay gives
     * the moment it shows, on the record's clock, so "last in N s ago" is N seconds before that moment.
     */
    public ChannelsViewModel(Selection selection, Departures departures, LongSupplier clock) {
        this.selection = selection;
        this.departures = departures;
        this.clock = clock;
        selection.peerProperty().addListener((o, a, b) -> refilter());
        departures.departed().addListener((MapChangeListener<Integer, Departures.Departure>) ch -> {
            if (ch.wasRemoved() && !ch.wasAdded()) {
                dropDeparted(ch.getKey());
            }
        });
    }

    private void dropDeparted(int peer) {
        byKey.values().removeIf(r -> r.peerId() == peer && r.departedProperty().get() != null);
        rows.removeIf(r -> r.peerId() == peer && r.departedProperty().get() != null);
    }

    /** Forgets every departed peer's rows (the Clear departed button; the probe table's go too). */
    public void clearDeparted() {
        departures.clear();
    }

    private void refilter() {
        int id = selection.peer();
        visible.setPredicate(id == 0 ? null : r -> r.peerId() == id);
    }

    private static long key(int peer, int channel) {
        return ((long) peer << 32) | (channel & 0xFFFFFFFFL);
    }

    /**
     * Applies the newest state: new channels get rows, the rest update in place; the rows of a peer that left stay,
     * greyed, with its departure (a peer that comes back gets fresh rows).
     */
    public void onState(SessionState s) {
        long now = clock.getAsLong();
        long threshold = s.controls().lateThreshold().toMillis();
        Set<Long> seen = new HashSet<>();
        List<ChannelRow> added = new ArrayList<>();
        List<ChannelRow> replaced = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (PeerSnapshot p : s.mesh().peers()) {
            ids.add(p.id());
            silence.update(p);
            boolean linkSilent = silence.silent(p, now, threshold);
            for (ChannelSnapshot c : p.channels()) {
                long k = key(p.id(), c.index());
                seen.add(k);
                ChannelRow r = byKey.get(k);
                if (r != null && r.departedProperty().get() != null) {
                    replaced.add(r); // The peer came back: its old rows give way to the new connection's.
                    r = null;
                }
                if (r == null) {
                    r = new ChannelRow(p.id(), c);
                    byKey.put(k, r);
                    added.add(r);
                }
                r.update(c, s.atNanos());
                r.updateLiveness(now, linkSilent);
            }
        }
        silence.retain(ids);
        if (byKey.size() != seen.size()) {
            List<Long> gone = new ArrayList<>();
            for (Map.Entry<Long, ChannelRow> e : byKey.entrySet()) {
                if (!seen.contains(e.getKey())) {
                    gone.add(e.getKey());
                }
            }
            for (long k : gone) {
                ChannelRow r = byKey.get(k);
                if (r.departedProperty().get() == null) {
                    r.depart(departures.noteGone(r.peerId(), now));
                }
            }
        }
        if (!replaced.isEmpty()) {
            rows.removeAll(replaced);
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
