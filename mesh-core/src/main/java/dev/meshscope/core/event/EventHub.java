// SPDX-License-Identifier: MIT
package dev.meshscope.core.event;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of one peer, and the one place events are handed to them. A listener that throws is
 * logged and kept; the others still get the event. Emitted on the owner thread only.
 */
public final class EventHub {
    private static final System.Logger LOG = System.getLogger(EventHub.class.getName());

    private final CopyOnWriteArrayList<MeshEventListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener (any thread). */
    public void add(MeshEventListener l) {
        listeners.add(l);
    }

    /** Removes a listener (any thread). */
    public void remove(MeshEventListener l) {
        listeners.remove(l);
    }

    /** True when someone listens: callers skip building events nobody would see. */
    public boolean active() {
        return !listeners.isEmpty();
    }

    /** Hands {@code e} to every listener, in registration order. Owner thread. */
    public void emit(MeshEvent e) {
        for (MeshEventListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "event listener " + l + " threw on " + e.describe(), ex);
            }
        }
    }
}
