// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

/** SceneMultiplayer's network command: {@code byte0 & 0x07} (scene-multiplayer-packets.md §1). */
public enum Command {
    REMOTE_CALL("rpc"),
    SIMPLIFY_PATH("simplify_path"),
    CONFIRM_PATH("confirm_path"),
    RAW("raw"),
    SPAWN("spawn"),
    DESPAWN("despawn"),
    SYNC("sync"),
    SYS("sys");

    /** Bits 0-2 of byte 0. */
    public static final int MASK = 0x07;

    private final String label;

    Command(String label) {
        this.label = label;
    }

    /** The value in bits 0-2. */
    public int id() {
        return ordinal();
    }

    /** Short lower-case name used in summaries and filters: {@code rpc}, {@code sync}, ... */
    public String label() {
        return label;
    }

    public static Command ofByte(int b0) {
        return values()[b0 & MASK];
    }
}
