// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The operator's link controls as the session applies them: server relay (MeshScope as a Godot host), the
 * impairments set, and the probes' late threshold. Immutable; taken on the mesh thread with {@link SessionState}.
 *
 * @param serverRelay   whether SceneMultiplayer server relay is on (it acts only while this peer is the server, id 1)
 * @param relay         what the relay did so far
 * @param relayClients  the clients the relay admitted, in admission order
 * @param impairments   the impairments set, kept across a peer's reconnects until cleared
 * @param lateThreshold how long a probe ping may wait before it counts as late
 */
public record SessionControls(
        boolean serverRelay,
        GodotHostRelay.Stats relay,
        List<Integer> relayClients,
        List<LinkImpairment> impairments,
        Duration lateThreshold) {
    /** Relay on, nothing relayed, no impairment, the default late threshold. */
    public static final SessionControls DEFAULT = new SessionControls(
            true,
            new GodotHostRelay.Stats(0, 0, 0, 0, 0),
            List.of(),
            List.of(),
            Duration.ofNanos(dev.meshscope.core.probe.ProbeTracker.LOSS_TIMEOUT_NANOS));

    /** Copies the lists. */
    public SessionControls {
        Objects.requireNonNull(relay, "relay");
        relayClients = List.copyOf(relayClients);
        impairments = List.copyOf(impairments);
        Objects.requireNonNull(lateThreshold, "lateThreshold");
    }
}
