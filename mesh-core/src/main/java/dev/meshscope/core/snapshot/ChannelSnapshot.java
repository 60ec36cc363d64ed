// SPDX-License-Identifier: MIT
package dev.meshscope.core.snapshot;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.TransferMode;

/**
 * One data channel of one remote peer at one moment: its configuration as negotiated, its state and its
 * counters. Immutable; safe to hand to any thread.
 *
 * @param index             internal channel index (0 reliable, 1 ordered, 2 unreliable, 3.. extras)
 * @param label             the channel label ("reliable", "ordered", "unreliable", "4", ...)
 * @param streamId          the negotiated SCTP stream id (index + 1)
 * @param mode              the transfer mode this channel carries
 * @param ordered           whether delivery is ordered
 * @param maxPacketLifeTime partial-reliability lifetime in ms, or -1 when unset
 * @param maxRetransmits    partial-reliability retransmit limit, or -1 when unset
 * @param state             ready state as applied in the last {@code poll()}
 * @param bufferedAmount    bytes queued for sending, as last read from the native channel
 * @param messagesSent      messages handed to the native channel
 * @param bytesSent         payload bytes handed to the native channel
 * @param messagesReceived  messages that arrived from the wire
 * @param bytesReceived     payload bytes that arrived from the wire
 * @param sendDrops         packets refused before the wire (closed, too large, send queue full)
 * @param receiveDrops      packets dropped on arrival because the receive queue was full
 * @param queued            packets waiting to be read by the application
 * @param impairedDrops     packets an impairment dropped on purpose, out and in (not counted as sent or received
 *                          by the application; counted in {@code messagesReceived} when they came off the wire)
 * @param held              packets an impairment holds now (delayed, capped or paused), out and in
 * @param maxMessageSize    the largest message this channel may send (the smaller of the two ends'
 *                          {@code a=max-message-size}, once the remote description is applied)
 * @param lastReceivedAtMillis wall clock when the last message arrived from the wire, 0 if none has
 */
public record ChannelSnapshot(
        int index,
        String label,
        int streamId,
        TransferMode mode,
        boolean ordered,
        int maxPacketLifeTime,
        int maxRetransmits,
        ChannelState state,
        long bufferedAmount,
        long messagesSent,
        long bytesSent,
        long messagesReceived,
        long bytesReceived,
        long sendDrops,
        long receiveDrops,
        int queued,
        long impairedDrops,
        int held,
        long maxMessageSize,
        long lastReceivedAtMillis) {

    /** A snapshot of a channel no impairment touched. */
    public ChannelSnapshot(
            int index,
            String label,
            int streamId,
            TransferMode mode,
            boolean ordered,
            int maxPacketLifeTime,
            int maxRetransmits,
            ChannelState state,
            long bufferedAmount,
            long messagesSent,
            long bytesSent,
            long messagesReceived,
            long bytesReceived,
            long sendDrops,
            long receiveDrops,
            int queued) {
        this(
                index,
                label,
                streamId,
                mode,
                ordered,
                maxPacketLifeTime,
                maxRetransmits,
                state,
                bufferedAmount,
                messagesSent,
                bytesSent,
                messagesReceived,
                bytesReceived,
                sendDrops,
                receiveDrops,
                queued,
                0,
                0,
                -1,
                0);
    }
}
