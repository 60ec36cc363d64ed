// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/**
 * Which local candidates ICE may use, as the W3C {@code iceTransportPolicy} names them. Godot's own configuration
 * dictionary has no such key (its peers always use every candidate); MeshScope adds it so an operator can prove
 * that a TURN path works before relying on it across networks.
 */
public enum IceTransportPolicy {
    /** Host, server-reflexive and relay candidates: what Godot does. */
    ALL("all"),
    /** Relay candidates only: every packet goes through a TURN server, so a connection proves the TURN path. */
    RELAY("relay");

    private final String w3cName;

    IceTransportPolicy(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The W3C name ({@code "all"}, {@code "relay"}), as browsers and configuration files write it. */
    public String w3cName() {
        return w3cName;
    }
}
