// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.IceTransportPolicy;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.TransferMode;
import java.util.List;
import java.util.Objects;

/**
 * What the Create panel asks for: Godot's {@code create_server()}, {@code create_client(id)} or
 * {@code create_mesh(id)} with extra channels, plus the ICE servers every later connection is initialized with.
 * Immutable.
 *
 * @param mode          SERVER, CLIENT or MESH
 * @param peerId        the own id (ignored for SERVER, which is always 1)
 * @param extraChannels transfer modes of the extra channels, in order (channel 4, 5, ...)
 * @param iceServers    STUN/TURN servers; empty means host candidates only
 * @param icePolicy     which candidates ICE may use; {@link IceTransportPolicy#RELAY} proves a TURN path
 */
public record CreateRequest(
        NetworkMode mode,
        int peerId,
        List<TransferMode> extraChannels,
        List<RtcConfiguration.IceServer> iceServers,
        IceTransportPolicy icePolicy) {
    /** Copies the lists. */
    public CreateRequest {
        Objects.requireNonNull(mode, "mode");
        extraChannels = List.copyOf(extraChannels);
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(icePolicy, "icePolicy");
    }

    /** A request that lets ICE use every candidate type (as Godot does). */
    public CreateRequest(
            NetworkMode mode,
            int peerId,
            List<TransferMode> extraChannels,
            List<RtcConfiguration.IceServer> iceServers) {
        this(mode, peerId, extraChannels, iceServers, IceTransportPolicy.ALL);
    }
}
