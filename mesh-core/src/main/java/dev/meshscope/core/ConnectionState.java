// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/** Godot's {@code WebRTCPeerConnection.ConnectionState}, with Godot's numeric values. */
public enum ConnectionState {
    /** Created, not yet negotiating. */
    NEW(0),
    /** Negotiating or running ICE/DTLS. */
    CONNECTING(1),
    /** Transport up. */
    CONNECTED(2),
    /** Transport lost; Godot's multiplayer peer removes the peer at once. */
    DISCONNECTED(3),
    /** ICE or DTLS failed. */
    FAILED(4),
    /** Closed locally; absorbing. */
    CLOSED(5);

    private final int value;

    ConnectionState(int value) {
        this.value = value;
    }

    /** Godot's numeric value. */
    public int value() {
        return value;
    }
}
