// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import java.util.List;
import java.util.Objects;

/**
 * What a MeshScope blob carries: a complete (non-trickle) description and who it is from and for. Immutable;
 * any thread. Build it from {@code WebRtcPeerConnection.getLocalDescription()} once gathering is COMPLETE,
 * so the SDP holds every candidate, then {@link BlobCodec#encode} it.
 *
 * @param kind     offer or answer
 * @param from     the sender's peer id (1..2147483647)
 * @param to       the addressee's peer id (1..2147483647, not {@code from})
 * @param mode     the sender's network mode (SERVER, CLIENT or MESH)
 * @param channels the sender's extra channel configuration ({@code channels_config}), in order; may be empty
 * @param sdp      the complete session description
 */
public record Blob(DescriptionKind kind, int from, int to, NetworkMode mode, List<TransferMode> channels, String sdp) {

    /** Checks the header fields; the SDP is checked by {@link BlobCodec#encode}. */
    public Blob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sdp, "sdp");
        channels = List.copyOf(channels);
        if (from < 1 || to < 1) {
            throw new IllegalArgumentException("peer ids are 1..2147483647 (from " + from + ", to " + to + ")");
        }
        if (from == to) {
            throw new IllegalArgumentException("a blob cannot be addressed to its own sender (" + from + ")");
        }
        if (mode == NetworkMode.NONE) {
            throw new IllegalArgumentException("the sender must be a server, client or mesh, not NONE");
        }
    }
}
