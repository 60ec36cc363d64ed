// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import dev.meshscope.core.DataChannelOptions;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Refuses every data-channel init that libwebrtc would reject. libwebrtc's rejection path has a
 * format-string bug that kills the JVM (facts, crash 2): a duplicate id, id 65535, or both
 * {@code maxPacketLifeTime} and {@code maxRetransmits}. Pure; any thread.
 */
public final class ChannelInitCheck {
    /** Longest label or protocol libwebrtc accepts (a 16-bit length field in DCEP). */
    static final int MAX_STRING_BYTES = 65535;

    private ChannelInitCheck() {}

    /**
     * Why {@code options} cannot be used on a connection whose channels already use {@code usedIds}, or
     * {@code null} when it is safe to call through.
     */
    public static @Nullable String problem(@Nullable String label, DataChannelOptions o, Set<Integer> usedIds) {
        if (label == null) {
            return "The channel label is missing.";
        }
        if (label.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
            return "The channel label is longer than " + MAX_STRING_BYTES + " bytes.";
        }
        if (o.protocol().getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
            return "The channel protocol is longer than " + MAX_STRING_BYTES + " bytes.";
        }
        if (o.negotiated()) {
            if (o.id() < 0) {
                return "A negotiated channel needs an id (0-" + DataChannelOptions.MAX_STREAM_ID + "): both ends must "
                        + "create it with the same id.";
            }
            if (o.id() > DataChannelOptions.MAX_STREAM_ID) {
                return "Channel id " + o.id() + " is out of range: stream ids go from 0 to "
                        + DataChannelOptions.MAX_STREAM_ID + " (65535 is reserved).";
            }
            if (usedIds.contains(o.id())) {
                return "Channel id " + o.id() + " is already used on this connection; every channel needs its own id.";
            }
        } else if (o.id() != -1) {
            return "Only a negotiated channel can choose its id; leave id at -1 or set negotiated.";
        }
        if (o.maxPacketLifeTime() >= 0 && o.maxRetransmits() >= 0) {
            return "A channel can limit either its packet lifetime or its retransmits, not both (lifetime "
                    + o.maxPacketLifeTime() + " ms, retransmits " + o.maxRetransmits() + ").";
        }
        if (o.maxPacketLifeTime() < -1 || o.maxPacketLifeTime() > DataChannelOptions.MAX_RELIABILITY_PARAMETER) {
            return "maxPacketLifeTime " + o.maxPacketLifeTime() + " is out of range (0-"
                    + DataChannelOptions.MAX_RELIABILITY_PARAMETER + " ms, or -1 for none).";
        }
        if (o.maxRetransmits() < -1 || o.maxRetransmits() > DataChannelOptions.MAX_RELIABILITY_PARAMETER) {
            return "maxRetransmits " + o.maxRetransmits() + " is out of range (0-"
                    + DataChannelOptions.MAX_RELIABILITY_PARAMETER + ", or -1 for none).";
        }
        return null;
    }
}
