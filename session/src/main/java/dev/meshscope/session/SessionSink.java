// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.event.MeshEvent;

/**
 * Where a {@link MeshSession} reports what happens. Every method is called on the session's mesh thread and
 * must return at once without blocking (queue and return): the GUI's {@code FxBridge} implements it.
 * The objects handed over are immutable and owned by the receiver from then on.
 */
public interface SessionSink {
    /** One event of the multiplayer peer, in the order mesh-core emitted it. */
    void event(MeshEvent event);

    /** The outcome of one operator command (or a session-level problem), in order with the events. */
    void action(OperatorAction action);

    /** The latest whole state; a receiver may drop older states it has not shown yet (coalescing). */
    void state(SessionState state);
}
