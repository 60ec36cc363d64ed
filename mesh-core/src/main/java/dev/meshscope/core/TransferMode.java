// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import org.jspecify.annotations.Nullable;

/** Godot's {@code MultiplayerPeer.TransferMode}, with Godot's numeric values. */
public enum TransferMode {
    /** Unordered, may be lost ({@code TRANSFER_MODE_UNRELIABLE} = 0). */
    UNRELIABLE(0),
    /** Ordered, may be lost ({@code TRANSFER_MODE_UNRELIABLE_ORDERED} = 1). */
    UNRELIABLE_ORDERED(1),
    /** Ordered and retransmitted until delivered ({@code TRANSFER_MODE_RELIABLE} = 2). */
    RELIABLE(2);

    private final int value;

    TransferMode(int value) {
        this.value = value;
    }

    /** Godot's numeric value. */
    public int value() {
        return value;
    }

    /** The mode with Godot's numeric value {@code value}, or {@code null} when there is none. */
    public static @Nullable TransferMode fromValue(int value) {
        for (TransferMode m : values()) {
            if (m.value == value) {
                return m;
            }
        }
        return null;
    }
}
