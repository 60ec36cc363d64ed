// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.core.Failure;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.Step;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one place a connection for a remote peer is made, however it is signaled (manual exchange, shared folder,
 * the coming WebSocket lobby): a new {@link WebRtcPeerConnection} on the runtime, initialized with the one
 * {@link RtcConfiguration} (ICE servers) of this operator session, prepared by the caller (listeners), and added
 * to the multiplayer peer with {@code add_peer}.
 *
 * <p>Threads: {@link #setConfiguration} and {@link #configuration} from any thread; {@link #add} and
 * {@link #initializedWith} on the multiplayer peer's owner thread only.
 */
public final class PeerWiring {
    private final WebRtcRuntime runtime;
    private volatile RtcConfiguration config = RtcConfiguration.DEFAULT;
    private final Map<Integer, RtcConfiguration> initialized = new HashMap<>();

    /** Connections made on {@code runtime}, with no ICE servers until {@link #setConfiguration}. */
    public PeerWiring(WebRtcRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * The configuration every later connection is initialized with. Any thread.
     *
     * @throws IllegalArgumentException with the reason when {@link RtcConfiguration#problem()} finds one
     */
    public void setConfiguration(RtcConfiguration c) {
        String problem = Objects.requireNonNull(c, "configuration").problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        config = c;
    }

    /** The configuration new connections get. Any thread. */
    public RtcConfiguration configuration() {
        return config;
    }

    /**
     * Makes the connection for {@code remoteId} and adds it to {@code peer} (replacing an entry with that id, as
     * Godot's {@code add_peer} does). {@code prepare} runs on the new connection before it is added. Owner thread.
     *
     * @return empty, or why it failed (initialize or addPeer); the connection is then closed
     */
    public Optional<Failure> add(WebRtcMultiplayerPeer peer, int remoteId, Consumer<WebRtcPeerConnection> prepare) {
        WebRtcPeerConnection pc = new WebRtcPeerConnection(runtime);
        RtcConfiguration c = config;
        if (!c.equals(RtcConfiguration.DEFAULT)) {
            GodotError e = pc.initialize(c);
            if (e != GodotError.OK) {
                pc.close();
                return Optional.of(failure(pc.getLastFailure(), e, Step.INITIALIZE));
            }
        }
        prepare.accept(pc);
        GodotError e = peer.addPeer(pc, remoteId);
        if (e != GodotError.OK) {
            pc.close();
            return Optional.of(failure(peer.getLastFailure(), e, Step.ADD_PEER));
        }
        initialized.put(remoteId, c);
        return Optional.empty();
    }

    /**
     * The configuration the current connection of {@code remoteId} was initialized with, or empty when this
     * wiring made none. Owner thread. (mesh-core has no getter on the connection itself.)
     */
    public Optional<RtcConfiguration> initializedWith(int remoteId) {
        return Optional.ofNullable(initialized.get(remoteId));
    }

    private static Failure failure(@Nullable Failure recorded, GodotError code, Step step) {
        return recorded != null ? recorded : new Failure(code, step, "no reason recorded");
    }
}
