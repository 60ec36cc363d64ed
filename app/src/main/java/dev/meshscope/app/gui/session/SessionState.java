// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.session;

import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.MeshSnapshot;
import java.util.List;

/**
 * Everything the window shows that is not an event, taken at one moment on the mesh thread. Immutable; the
 * GUI keeps only the newest one it has not shown yet.
 *
 * @param atNanos    {@link System#nanoTime()} when it was taken (rates are computed between two states)
 * @param mesh       the multiplayer peer's snapshot ({@code get_peers()} with states and counters)
 * @param dictionary {@code print(get_peers())} exactly as Godot prints it
 * @param probes     probe results per (peer, channel)
 * @param pending    half-signaled manual connections
 * @param echo       whether this side answers probe pings
 * @param traffic    progress of the current test-packet burst
 * @param folder     the shared-folder signaling status line, or "" when not joined
 */
public record SessionState(long atNanos, MeshSnapshot mesh, String dictionary, List<ProbeStats> probes,
                           List<PendingSignal> pending, boolean echo, TrafficStatus traffic, String folder) {
    /** Copies the lists. */
    public SessionState {
        probes = List.copyOf(probes);
        pending = List.copyOf(pending);
    }

    /** The state before anything was created. */
    public static SessionState initial() {
        return new SessionState(System.nanoTime(), MeshSnapshot.empty(), "{  }", List.of(), List.of(), true,
                TrafficStatus.IDLE, "");
    }
}
