// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/** The mode a {@link WebRtcMultiplayerPeer} was created in (Godot's internal {@code NetworkMode}). */
public enum NetworkMode {
    /** Not created, or closed. */
    NONE,
    /** {@code createServer}: unique id 1, accepts any peer id but 1, relays for clients. */
    SERVER,
    /** {@code createClient}: connects to peer 1 only. */
    CLIENT,
    /** {@code createMesh}: connects to any peer, no relay. */
    MESH
}
