// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

import java.util.Objects;

/**
 * Why a packet or Variant could not be decoded: the byte offset (from the start of the message as it arrived, so a
 * RELAY's inner packet reports offsets 6 and up) and a sentence that names what was expected and what was found.
 *
 * @param offset byte offset into the message where decoding stopped
 * @param reason what is wrong, in words an operator can act on
 */
public record DecodeError(int offset, String reason) {
    public DecodeError {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "at byte " + offset + ": " + reason;
    }
}
