// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.util.List;

/**
 * One entry of Godot's {@code get_peers()} dictionary: {@code {"connection", "channels", "connected"}}.
 *
 * @param connection the peer's connection
 * @param channels   its channels in internal-index order (3 + extras)
 * @param connected  true once the connection is CONNECTED and every channel OPEN (as of the last poll)
 */
public record PeerInfo(WebRtcPeerConnection connection, List<WebRtcDataChannel> channels, boolean connected) {
    /** Copies the channel list. */
    public PeerInfo {
        channels = List.copyOf(channels);
    }
}
