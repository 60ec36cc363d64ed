// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.session.inspect.InspectorUpdate;
import dev.meshscope.signaling.blob.PasteExpectation;
import dev.meshscope.signaling.session.ExchangeSnapshot;
import dev.meshscope.signaling.session.PasteJudge;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * @param exchange   what the manual exchange knows, to judge a paste as it will ({@link #judgePaste})
 * @param webrtcMessages messages webrtc-java delivered on this session's runtime so far
 * @param signaling  signaling path, lobby, roster and the signaling timeline
 * @param controls   server relay, impairments and the probes' late threshold
 * @param inspector  the packets tapped since the previous state and the network profiler's aggregate
 */
public record SessionState(
        long atNanos,
        MeshSnapshot mesh,
        String dictionary,
        List<ProbeStats> probes,
        List<PendingSignal> pending,
        boolean echo,
        TrafficStatus traffic,
        String folder,
        ExchangeSnapshot exchange,
        long webrtcMessages,
        SignalingState signaling,
        SessionControls controls,
        InspectorUpdate inspector) {
    /** Copies the lists. */
    public SessionState {
        probes = List.copyOf(probes);
        pending = List.copyOf(pending);
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(signaling, "signaling");
        Objects.requireNonNull(controls, "controls");
        Objects.requireNonNull(inspector, "inspector");
    }

    /**
     * This state, carrying also the tapped packets of {@code older}, a state the window skipped (it shows only the
     * newest): the inspector's list must not lose them. Any thread (pure).
     */
    public SessionState after(SessionState older) {
        if (older.inspector.packets().isEmpty() && older.inspector.dropped() == 0) {
            return this;
        }
        return withInspector(inspector.after(older.inspector));
    }

    /** This state with another inspector update (the bridge joining skipped states; tests). Any thread (pure). */
    public SessionState withInspector(InspectorUpdate update) {
        return new SessionState(
                atNanos,
                mesh,
                dictionary,
                probes,
                pending,
                echo,
                traffic,
                folder,
                exchange,
                webrtcMessages,
                signaling,
                controls,
                update);
    }

    /**
     * A state without manual exchanges, lobby or signaling timeline, with no webrtc-java message counted yet (tests,
     * the initial state).
     */
    public SessionState(
            long atNanos,
            MeshSnapshot mesh,
            String dictionary,
            List<ProbeStats> probes,
            List<PendingSignal> pending,
            boolean echo,
            TrafficStatus traffic,
            String folder) {
        this(
                atNanos,
                mesh,
                dictionary,
                probes,
                pending,
                echo,
                traffic,
                folder,
                ExchangeSnapshot.EMPTY,
                0,
                SignalingState.NONE,
                SessionControls.DEFAULT,
                InspectorUpdate.EMPTY);
    }

    /**
     * The heap webrtc-java 0.14.0 leaks for {@link #webrtcMessages()}, estimated as
     * {@code WebRtcRuntime.leakEstimateBytes()} does.
     */
    public long webrtcLeakBytes() {
        return webrtcMessages * WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE;
    }

    /**
     * The manual exchange's verdict on {@code text} (the same call the exchange makes before applying it), or
     * {@code null} when nothing is created. {@code assumedSender}: the sender id for a paste without one, or 0.
     * Any thread.
     */
    public PasteJudge.Verdict judgePaste(String text, int assumedSender) {
        PasteExpectation x = pasteExpectation(assumedSender);
        return x == null ? null : PasteJudge.judge(text, x, exchange);
    }

    /** The state before anything was created. */
    public static SessionState initial() {
        return new SessionState(
                System.nanoTime(), MeshSnapshot.empty(), "{  }", List.of(), List.of(), true, TrafficStatus.IDLE, "");
    }

    /**
     * What this peer is and expects, for checking a paste as it is typed: {@code null} when nothing is created.
     * {@code assumedSender} is the sender id to assume for a paste that carries none (raw SDP), or 0.
     */
    public PasteExpectation pasteExpectation(int assumedSender) {
        if (mesh.status() == ConnectionStatus.DISCONNECTED || mesh.uniqueId() < 1) {
            return null;
        }
        Set<Integer> offers = new HashSet<>();
        for (PendingSignal p : pending) {
            if (p.weOffered() && p.stage() != PendingSignal.Stage.FAILED) {
                offers.add(p.peerId());
            }
        }
        return expectation(mesh.uniqueId(), mesh.mode(), mesh.channelModes(), offers, assumedSender);
    }

    /** The paste expectation of a peer with this id, mode, channel modes (3 + extras) and pending offers. */
    static PasteExpectation expectation(
            int ownId,
            NetworkMode mode,
            List<TransferMode> channelModes,
            Set<Integer> pendingOffers,
            int assumedSender) {
        return PasteExpectation.of(ownId, mode, extras(channelModes))
                .withPendingOffers(pendingOffers)
                .assumingSender(Math.max(0, assumedSender));
    }

    /** The extra channels of a channel-mode list (3 defaults + extras). */
    static List<TransferMode> extras(List<TransferMode> modes) {
        return modes.size() <= WebRtcMultiplayerPeer.CH_RESERVED_MAX
                ? List.of()
                : List.copyOf(modes.subList(WebRtcMultiplayerPeer.CH_RESERVED_MAX, modes.size()));
    }
}
