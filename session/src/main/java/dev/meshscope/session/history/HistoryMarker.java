// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import java.util.Objects;

/**
 * One event to mark on the plots' time axis. Immutable.
 *
 * @param timeMs milliseconds since the history's origin (the plots' time axis)
 * @param peerId the remote peer it concerns, or 0 for the whole session
 * @param kind   what kind of event
 * @param text   the event as the event log words it
 */
public record HistoryMarker(int timeMs, int peerId, Kind kind, String text) {
    /** What kind of event a marker is. */
    public enum Kind {
        /** Created, closed, the multiplayer status changed. */
        SESSION,
        /** A peer was added, connected, disconnected or removed. */
        PEER,
        /** A connection's or a channel's state changed. */
        STATE,
        /** An impairment was set or cleared. */
        IMPAIRMENT,
        /** A call or an asynchronous step failed, or an operator command failed. */
        ERROR
    }

    /** Checks the fields are present. */
    public HistoryMarker {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
