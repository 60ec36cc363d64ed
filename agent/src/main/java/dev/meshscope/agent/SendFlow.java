// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.util.Arrays;

/**
 * The accounting of one {@code --send} flow: the packets this agent sends to one peer on one channel, and the
 * replies that come back. Every packet sent gets one outcome, decided by its first reply: {@code back} (right
 * channel, same form, byte-exact), {@code corrupted} (its bytes differ from what was sent), {@code wrongChannel}
 * (exact, but on another channel), {@code wrongForm} (exact, right channel, text for binary or the reverse), or,
 * with no reply, {@code lost}. A later reply with the same number is a {@code duplicate}; a first reply numbered
 * below the highest already back is {@code reordered}. Pure arithmetic, no I/O.
 *
 * <p>Threads: owner thread only (the agent's mesh thread), like the peer whose packets it counts.
 */
final class SendFlow {
    /** Outcome codes per sequence number. */
    private static final byte NONE = 0;

    private static final byte BACK = 1;
    private static final byte CORRUPTED = 2;
    private static final byte WRONG_CHANNEL = 3;
    private static final byte WRONG_FORM = 4;

    final int peerId;
    final int channel;
    final boolean ordered;
    private final int planned;
    private final long[] sentAt;
    private final byte[] outcome;
    private final long[] rtt;
    private int sent;
    private int rttCount;
    private long back;
    private long corrupted;
    /** Damaged replies that name no packet of this flow: counted as corrupted, but settle no packet. */
    private long strays;

    private long wrongChannel;
    private long wrongForm;
    private long duplicates;
    private long reordered;
    private long highestBack = -1;
    private long bytesBack;
    private long firstSendNanos;
    private long lastSendNanos;
    private long lastReplyNanos;
    private boolean stopped;

    /**
     * @param planned how many packets this flow sends
     * @param ordered true when the channel delivers in order (reordering there is a fault)
     */
    SendFlow(int peerId, int channel, boolean ordered, int planned) {
        this.peerId = peerId;
        this.channel = channel;
        this.ordered = ordered;
        this.planned = planned;
        this.sentAt = new long[planned];
        this.outcome = new byte[planned];
        this.rtt = new long[planned];
    }

    /** The number of the next packet to send. */
    int nextSeq() {
        return sent;
    }

    /** True when every planned packet went out, or sending stopped (the peer left, the channel refused). */
    boolean sendingFinished() {
        return stopped || sent >= planned;
    }

    /** When the first packet went out ({@link System#nanoTime()}); 0 before. */
    long firstSendNanos() {
        return firstSendNanos;
    }

    /** Records that packet {@link #nextSeq()} went out at {@code nanos}. */
    void onSent(long nanos) {
        if (sent == 0) {
            firstSendNanos = nanos;
        }
        sentAt[sent++] = nanos;
        lastSendNanos = nanos;
    }

    /** Stops sending: the rest of the plan is counted as not sent. */
    void stopSending() {
        stopped = true;
    }

    /**
     * Counts one reply whose header names this flow.
     *
     * @param seq           the number in its header
     * @param exact         its bytes are exactly the packet with that number
     * @param arrivedOn     the internal channel it arrived on
     * @param text          it arrived as a text message
     * @param sentText      this flow sends text
     * @param size          its length
     * @param arrivedNanos  when it arrived from the wire
     */
    void onReply(long seq, boolean exact, int arrivedOn, boolean text, boolean sentText, int size, long arrivedNanos) {
        if (seq < 0 || seq >= sent) {
            strays++; // A number this flow never sent, or a damaged header: damage with no packet to pin it on.
            return;
        }
        int s = (int) seq;
        if (outcome[s] != NONE) {
            duplicates++;
            return;
        }
        lastReplyNanos = Math.max(lastReplyNanos, arrivedNanos);
        if (!exact) {
            outcome[s] = CORRUPTED;
            corrupted++;
        } else if (arrivedOn != channel) {
            outcome[s] = WRONG_CHANNEL;
            wrongChannel++;
        } else if (text != sentText) {
            outcome[s] = WRONG_FORM;
            wrongForm++;
        } else {
            outcome[s] = BACK;
            back++;
            bytesBack += size;
            rtt[rttCount++] = arrivedNanos - sentAt[s];
        }
        if (s < highestBack) {
            reordered++;
        }
        highestBack = Math.max(highestBack, s);
    }

    /** Packets sent that got no reply yet (lost, once the run ends). */
    long outstanding() {
        return sent - back - corrupted - wrongChannel - wrongForm;
    }

    /** Nanos of the latest send or reply, for the loss timeout. */
    long lastActivityNanos() {
        return Math.max(lastSendNanos, lastReplyNanos);
    }

    /** Packets a reply has come back for so far, in any state (for progress reports). */
    long replied() {
        return back + corrupted + wrongChannel + wrongForm;
    }

    /** The flow's figures now; packets without a reply count as lost. */
    FlowSummary summary(String label) {
        long[] w = Arrays.copyOf(rtt, rttCount);
        Arrays.sort(w);
        double median = w.length == 0 ? Double.NaN : w[w.length / 2] / 1e6;
        double p99 = w.length == 0 ? Double.NaN : w[Math.min(w.length - 1, (int) Math.ceil(w.length * 0.99) - 1)] / 1e6;
        long spanNanos = lastReplyNanos - firstSendNanos;
        double mbps = back == 0 || spanNanos <= 0 ? 0 : bytesBack * 1e3 / spanNanos; // bytes/ns * 1e9 / 1e6
        return new FlowSummary(
                peerId,
                channel,
                label,
                planned,
                sent,
                planned - sent,
                back,
                outstanding(),
                duplicates,
                reordered,
                wrongChannel,
                wrongForm,
                corrupted + strays,
                median,
                p99,
                bytesBack,
                back == 0 ? 0 : spanNanos / 1e6,
                mbps,
                ordered);
    }
}
