// SPDX-License-Identifier: MIT
package dev.meshscope.core.snapshot;

import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.SignalingState;
import java.util.List;

/**
 * One entry of {@code get_peers()} at one moment, with the connection's states. Immutable.
 *
 * @param id         the remote peer id
 * @param connected  Godot's {@code "connected"} flag: connection CONNECTED and every channel OPEN, as of the last poll
 * @param connection the connection's aggregate state
 * @param gathering  the ICE gathering state
 * @param signaling  the signaling state
 * @param channels   every channel in internal-index order (3 + extras)
 */
public record PeerSnapshot(
        int id,
        boolean connected,
        ConnectionState connection,
        GatheringState gathering,
        SignalingState signaling,
        List<ChannelSnapshot> channels) {
    /** Copies the channel list. */
    public PeerSnapshot {
        channels = List.copyOf(channels);
    }

    /** How many channels are OPEN. */
    public int openChannels() {
        int n = 0;
        for (ChannelSnapshot c : channels) {
            if (c.state() == dev.meshscope.core.ChannelState.OPEN) {
                n++;
            }
        }
        return n;
    }
}
