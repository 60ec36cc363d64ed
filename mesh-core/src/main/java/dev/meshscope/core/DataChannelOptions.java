// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.util.Objects;

/**
 * Godot's data-channel options dictionary as a record. -1 means "not set" for {@code id},
 * {@code maxPacketLifeTime} and {@code maxRetransmits}, as in native Godot.
 *
 * @param negotiated        true when both ends create the channel with the same id (no in-band DCEP open)
 * @param id                the SCTP stream id (0-65534), required when negotiated, -1 otherwise
 * @param ordered           whether messages are delivered in order
 * @param maxPacketLifeTime partial reliability: give up on a message after this many ms, or -1
 * @param maxRetransmits    partial reliability: give up after this many retransmissions, or -1
 * @param protocol          the sub-protocol, or ""
 */
public record DataChannelOptions(
        boolean negotiated, int id, boolean ordered, int maxPacketLifeTime, int maxRetransmits, String protocol) {

    /** Highest usable stream id: libwebrtc reserves 65535, and passing it crashes the JVM (facts, crash 2). */
    public static final int MAX_STREAM_ID = 65534;

    /** Largest value libwebrtc accepts for a lifetime or retransmit limit (an unsigned 16-bit field). */
    public static final int MAX_RELIABILITY_PARAMETER = 65535;

    /** Null protocol becomes "". */
    public DataChannelOptions {
        protocol = Objects.requireNonNullElse(protocol, "");
    }

    /** A reliable, ordered, negotiated channel with stream id {@code id}. */
    public static DataChannelOptions negotiated(int id) {
        return new DataChannelOptions(true, id, true, -1, -1, "");
    }

    /** A reliable, ordered channel opened in-band (DCEP), id chosen by libwebrtc. */
    public static DataChannelOptions inBand() {
        return new DataChannelOptions(false, -1, true, -1, -1, "");
    }

    /** This channel with a packet lifetime in ms. */
    public DataChannelOptions withMaxPacketLifeTime(int ms) {
        return new DataChannelOptions(negotiated, id, ordered, ms, maxRetransmits, protocol);
    }

    /** This channel with a retransmit limit. */
    public DataChannelOptions withMaxRetransmits(int n) {
        return new DataChannelOptions(negotiated, id, ordered, maxPacketLifeTime, n, protocol);
    }

    /** This channel with ordering on or off. */
    public DataChannelOptions withOrdered(boolean o) {
        return new DataChannelOptions(negotiated, id, o, maxPacketLifeTime, maxRetransmits, protocol);
    }

    /** True when either partial-reliability parameter is set. */
    public boolean partiallyReliable() {
        return maxPacketLifeTime >= 0 || maxRetransmits >= 0;
    }
}
