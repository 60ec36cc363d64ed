// SPDX-License-Identifier: MIT
package dev.meshscope.core.event;

/**
 * Receives {@link MeshEvent}s on the owner thread of the peer it listens to. It must not block: the
 * owner thread is also the thread that polls. A listener that throws is logged and kept; the others
 * still receive the event.
 */
@FunctionalInterface
public interface MeshEventListener {
    /** Called on the owner thread for every event, in order. */
    void onEvent(MeshEvent event);
}
