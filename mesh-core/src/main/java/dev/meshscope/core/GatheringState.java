// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/** Godot's {@code WebRTCPeerConnection.GatheringState}, with Godot's numeric values. */
public enum GatheringState {
    /** No gathering started. */
    NEW(0),
    /** Local candidates are being gathered. */
    GATHERING(1),
    /** Every local candidate is known; the local description now carries them all. */
    COMPLETE(2);

    private final int value;

    GatheringState(int value) {
        this.value = value;
    }

    /** Godot's numeric value. */
    public int value() {
        return value;
    }
}
