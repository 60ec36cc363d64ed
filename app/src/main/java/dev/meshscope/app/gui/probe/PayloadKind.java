// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

/** How the payload field is read. */
public enum PayloadKind {
    /** The text, as UTF-8. */
    TEXT("text"),
    /** Hex digits, two per byte; spaces, colons and a 0x prefix are ignored. */
    HEX("hex"),
    /** N random bytes, N typed in the field. */
    RANDOM("random bytes");

    private final String words;

    PayloadKind(String words) {
        this.words = words;
    }

    @Override
    public String toString() {
        return words;
    }
}
