// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/** Godot's {@code WebRTCDataChannel.WriteMode}: how {@code putPacket} marks a message on the wire. */
public enum WriteMode {
    /** Sent as a text message (PPID "WebRTC String"). */
    TEXT(0),
    /** Sent as a binary message (PPID "WebRTC Binary"); Godot's default. */
    BINARY(1);

    private final int value;

    WriteMode(int value) {
        this.value = value;
    }

    /** Godot's numeric value. */
    public int value() {
        return value;
    }
}
