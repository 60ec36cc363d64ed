// SPDX-License-Identifier: MIT
package dev.meshscope.session.inspect;

/** Which way a tapped packet went, seen from this session's peer. */
public enum Direction {
    /** Read from a remote peer. */
    IN("in"),
    /** Sent to a remote peer (a test packet, a Godot RPC, an echo). */
    OUT("out");

    private final String words;

    Direction(String words) {
        this.words = words;
    }

    @Override
    public String toString() {
        return words;
    }
}
