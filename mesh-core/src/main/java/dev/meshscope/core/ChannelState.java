// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/** Godot's {@code WebRTCDataChannel.ChannelState}, with Godot's numeric values. */
public enum ChannelState {
    /** Created, transport not yet up. */
    CONNECTING(0),
    /** Messages flow. */
    OPEN(1),
    /** Closing; Godot's multiplayer peer removes the peer on this. */
    CLOSING(2),
    /** Closed; absorbing. */
    CLOSED(3);

    private final int value;

    ChannelState(int value) {
        this.value = value;
    }

    /** Godot's numeric value. */
    public int value() {
        return value;
    }
}
