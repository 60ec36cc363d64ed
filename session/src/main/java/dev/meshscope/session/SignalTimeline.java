// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.signaling.timeline.SignalTrace;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The session's signaling timeline: the newest {@link #CAPACITY} {@link SignalTrace}s of every path (manual, folder,
 * WebSocket), oldest first, and how many were ever recorded (so a viewer knows what is new and what fell off).
 *
 * <p>Threads: mesh thread only (the manual exchange and the lobby session trace there). The list handed out by
 * {@link #entries} is immutable and shared until the next trace.
 */
final class SignalTimeline {
    /**
     * Traces kept: joining a 4-peer lobby takes about 60 messages (two descriptions and a few candidates per link each
     * way, plus the lobby's own), so 1024 keeps the last dozen joins or reconnects. Memory: a trace's data is cut at
     * {@link SignalTrace#MAX_DATA_CHARS} (16 Ki chars), so at most ~32 MiB if every entry were a maximal hostile
     * frame; real descriptions are 2-4 KiB, about 3 MiB for a full ring.
     */
    static final int CAPACITY = 1024;

    private final ArrayDeque<SignalTrace> ring = new ArrayDeque<>(CAPACITY);
    private long total;
    private List<SignalTrace> shared = List.of();
    private boolean changed;

    /** Appends one trace, dropping the oldest beyond {@link #CAPACITY}. */
    void add(SignalTrace t) {
        if (ring.size() == CAPACITY) {
            ring.removeFirst();
        }
        ring.addLast(t);
        total++;
        changed = true;
    }

    /** The traces kept, oldest first (immutable; the same list until the next trace). */
    List<SignalTrace> entries() {
        if (changed) {
            shared = List.copyOf(ring);
            changed = false;
        }
        return shared;
    }

    /** Traces recorded since the session started, including those that fell off the ring. */
    long total() {
        return total;
    }
}
