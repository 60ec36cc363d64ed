// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import dev.meshscope.app.gui.Format;
import dev.meshscope.core.event.MeshEvent;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The peers that left, with when and why ({@link MeshEvent.PeerRemoved}): their channel rows, probe results and
 * transport details stay in the window, greyed, until the operator clears them or the peer comes back. FX thread;
 * plain Java.
 */
public final class Departures {
    /**
     * One peer that left.
     *
     * @param peerId   the remote peer id
     * @param atMillis wall clock when it was removed
     * @param reason   why, as mesh-core said it
     */
    public record Departure(int peerId, long atMillis, String reason) {
        /** "left 12:01:02.345: connection FAILED", for a table cell. */
        public String describe() {
            return "left " + Format.time(atMillis) + ": " + reason;
        }
    }

    /** What {@link #noteGone} says when a peer vanished from a state without its removal event being shown. */
    static final String UNSEEN_REASON = "gone from get_peers() (its removal event was not shown: the log overflowed)";

    /** Why every peer left when the local peer was closed. */
    static final String CLOSED_REASON = "the local peer was closed (close() drops every peer without signals)";

    private final ObservableMap<Integer, Departure> departed = FXCollections.observableHashMap();
    /**
     * When the local peer was closed ({@code close()} drops every peer without a removal event each), 0 when it was
     * not since the last peer was added.
     */
    private long closedAtMillis;

    /** Applies one mesh event: a removal records the departure, an addition of the same id forgets it. */
    public void onEvent(MeshEvent e) {
        if (e instanceof MeshEvent.PeerRemoved r) {
            departed.put(r.peerId(), new Departure(r.peerId(), r.atMillis(), r.reason()));
        } else if (e instanceof MeshEvent.PeerAdded a) {
            departed.remove(a.peerId());
            closedAtMillis = 0;
        } else if (e instanceof MeshEvent.Closed c) {
            closedAtMillis = c.atMillis();
        }
    }

    /**
     * The departure of {@code peerId}, recording one now (with {@link #UNSEEN_REASON}) when a view found the peer
     * gone without its removal event (the bridge drops events, never states, under a storm).
     */
    public Departure noteGone(int peerId, long nowMillis) {
        Departure d = departed.get(peerId);
        if (d == null) {
            d = closedAtMillis > 0
                    ? new Departure(peerId, closedAtMillis, CLOSED_REASON)
                    : new Departure(peerId, nowMillis, UNSEEN_REASON);
            departed.put(peerId, d);
        }
        return d;
    }

    /** The departure of {@code peerId}, or {@code null} while it has not left (or was cleared). */
    public Departure get(int peerId) {
        return departed.get(peerId);
    }

    /** Forgets every departed peer: their greyed rows go (the Clear departed button). */
    public void clear() {
        departed.clear();
    }

    /** Every departed peer by id; views listen to it to drop rows when an entry goes. */
    public ObservableMap<Integer, Departure> departed() {
        return departed;
    }
}
