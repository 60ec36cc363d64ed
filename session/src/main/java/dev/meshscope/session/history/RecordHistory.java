// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import dev.meshscope.session.SessionState;
import dev.meshscope.session.TrafficStatus;
import dev.meshscope.session.record.RecordItem;
import dev.meshscope.session.record.RecordReplay;
import java.util.List;

/**
 * The plots' history of a whole record: a {@link SessionHistory} fed with every {@link RecordItem.Stats} sample,
 * every {@link RecordItem.Event} and every {@link RecordItem.Action} of a {@link RecordReplay}, in time order, on the
 * record's clock (item times, microseconds since the epoch) and never on this machine's: time 0 of the axis is the
 * first item, whose wall clock is its record time. Plain Java; any one thread (the replay window's FX thread).
 */
public final class RecordHistory {
    /**
     * Samples kept per series for a replay at most: four hours at the recorder's one sample a second. A 32-peer mesh
     * with 3 channels then takes about 93 rings of 14,400 rows (some 80 MB: 20 MB an hour, measured); a longer record plots its last four hours.
     */
    public static final int MAX_CAPACITY = 4 * 60 * 60;

    private RecordHistory() {}

    /**
     * A history of every sample and event of {@code replay}, with room for all of its samples (up to
     * {@link #MAX_CAPACITY}).
     */
    public static SessionHistory of(RecordReplay replay) {
        long stats = replay.items().stream()
                .filter(i -> i instanceof RecordItem.Stats)
                .count();
        SessionHistory h = new SessionHistory((int) Math.max(2, Math.min(MAX_CAPACITY, stats + 1)));
        for (RecordItem item : replay.items()) {
            if (item instanceof RecordItem.Stats s) {
                h.onRecordedState(state(s), s.at());
            } else if (item instanceof RecordItem.Event e) {
                h.onRecordedEvent(e.event(), e.at());
            } else if (item instanceof RecordItem.Action a) {
                h.onRecordedAction(a.action(), a.at());
            }
        }
        return h;
    }

    /**
     * A session state as the window would have received it with {@code s} (its {@code atNanos} is the recording
     * JVM's and is not used: the item's time is).
     */
    static SessionState state(RecordItem.Stats s) {
        return new SessionState(
                s.mesh().atNanos(), s.mesh(), s.dictionary(), s.probes(), List.of(), false, TrafficStatus.IDLE, "");
    }
}
