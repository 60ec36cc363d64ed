// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

/** How the payload field is read. */
public enum PayloadKind {
    /** The text, as UTF-8. */
    TEXT("text"),
    /** Hex digits, two per byte; spaces, colons and a 0x prefix are ignored. */
    HEX("hex"),
    /** N random bytes, N typed in the field. */
    RANDOM("random bytes"),
    /**
     * A SceneMultiplayer RPC as Godot sends it: node path, method (id, or name with the node's RPC names) and
     * Variant arguments, e.g. {@code /root/Main/Player3 move(Vector2(1.5, -2)) | jump move shoot}.
     */
    GODOT_RPC("Godot RPC");

    private final String words;

    PayloadKind(String words) {
        this.words = words;
    }

    @Override
    public String toString() {
        return words;
    }
}
