// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/**
 * Godot's {@code PacketPeer}: whole packets in, whole packets out. Owner thread only.
 *
 * <p>Buffers: {@link #putPacket} does not keep the array it is given (the bytes are copied to the native
 * side before it returns); {@link #getPacket} returns a fresh array the caller owns.
 */
public interface PacketPeer {
    /** Sends one packet. Returns OK, or an error whose reason is also recorded and emitted as an event. */
    GodotError putPacket(byte[] data);

    /**
     * Takes the next packet. On failure returns an empty array and {@link #getPacketError()} tells why
     * (a zero-length packet is a real packet: check the error, not the length).
     */
    byte[] getPacket();

    /** The result of the last {@link #getPacket()}. */
    GodotError getPacketError();

    /** How many packets {@link #getPacket()} can return now. */
    int getAvailablePacketCount();

    /** The advisory maximum packet size Godot reports for this peer. */
    int getMaxPacketSize();
}
