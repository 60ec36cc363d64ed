// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/** Godot's {@code MultiplayerPeer.ConnectionStatus}, with Godot's numeric values. */
public enum ConnectionStatus {
    /** Not created, or closed. */
    DISCONNECTED(0),
    /** A client waiting for peer 1 to connect. */
    CONNECTING(1),
    /** A server or mesh after creation; a client once peer 1 is connected. */
    CONNECTED(2);

    private final int value;

    ConnectionStatus(int value) {
        this.value = value;
    }

    /** Godot's numeric value. */
    public int value() {
        return value;
    }
}
