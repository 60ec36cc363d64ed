// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import org.jspecify.annotations.Nullable;

/** Byte 1 of a SYS packet (godot-webrtc-spec.md §8.1). */
public enum SysCommand {
    AUTH,
    ADD_PEER,
    DEL_PEER,
    RELAY;

    /** The sub-command with this byte value, or null for anything but 0..3. */
    public static @Nullable SysCommand ofByte(int b) {
        return b >= 0 && b < values().length ? values()[b] : null;
    }
}
