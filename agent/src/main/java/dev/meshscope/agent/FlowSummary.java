// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

/**
 * The figures of one {@code --send} flow (one peer, one channel), as the summary line prints them. Immutable.
 *
 * @param peerId         the peer the packets went to
 * @param channel        the internal channel index (0 reliable, 1 ordered, 2 unreliable, 3.. extras)
 * @param label          the channel's name
 * @param planned        packets the run meant to send ({@code --send N})
 * @param sent           packets that went out
 * @param notSent        packets never sent (the peer left, the channel refused them, the agent stopped first)
 * @param back           replies on the right channel, in the same form, byte for byte the packet sent
 * @param lost           packets sent that got no reply at all
 * @param duplicates     replies for a packet that had already come back
 * @param reordered      first replies numbered below one already back
 * @param wrongChannel   exact replies that arrived on another channel
 * @param wrongForm      exact replies on the right channel, but text for binary or binary for text
 * @param corrupted      replies whose bytes differ from the packet sent
 * @param rttMedianMs    median round trip of the packets back (send to arrival), NaN when none came back
 * @param rttP99Ms       99th percentile round trip, NaN when none came back
 * @param bytesBack      bytes of the packets back
 * @param durationMs     from the first send to the last reply
 * @param throughputMBps bytesBack over durationMs, in MB/s (10^6 bytes), as {@code ./meshscope bench} reports
 * @param ordered        the channel delivers in order, so reordering on it is a fault
 */
record FlowSummary(
        int peerId,
        int channel,
        String label,
        long planned,
        long sent,
        long notSent,
        long back,
        long lost,
        long duplicates,
        long reordered,
        long wrongChannel,
        long wrongForm,
        long corrupted,
        double rttMedianMs,
        double rttP99Ms,
        long bytesBack,
        double durationMs,
        double throughputMBps,
        boolean ordered) {

    /** True when every planned packet went out and came back right, once, and in order where the channel is ordered. */
    boolean allBack() {
        return notSent == 0
                && back == planned
                && lost == 0
                && duplicates == 0
                && wrongChannel == 0
                && wrongForm == 0
                && corrupted == 0
                && (!ordered || reordered == 0);
    }
}
