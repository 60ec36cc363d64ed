// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.message;

import org.jspecify.annotations.Nullable;

/**
 * The message types of Godot's demo signaling protocol (godot-demo-projects networking/webrtc_signaling,
 * docs/signaling.md), with the demo's numeric codes.
 */
public enum MessageType {
    /** Join a lobby; the server answers with the lobby name. */
    JOIN(0),
    /** The server tells a peer its id; data is "true" in a mesh lobby, "" otherwise. */
    ID(1),
    /** A peer is in the lobby and should be connected to. */
    PEER_CONNECT(2),
    /** A peer left the lobby. */
    PEER_DISCONNECT(3),
    /** A session description offer, relayed; data is the SDP. */
    OFFER(4),
    /** A session description answer, relayed; data is the SDP. */
    ANSWER(5),
    /** A trickled ICE candidate, relayed; data is "\n&lt;mid&gt;\n&lt;index&gt;\n&lt;candidate&gt;". */
    CANDIDATE(6),
    /** The host sealed the lobby: nobody else can join. */
    SEAL(7);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The demo's numeric code. */
    public int code() {
        return code;
    }

    /** The type with the demo code {@code code}, or {@code null} for an unknown code (newer peers may add some). */
    public static @Nullable MessageType fromCode(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
