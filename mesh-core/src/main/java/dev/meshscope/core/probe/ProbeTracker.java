// SPDX-License-Identifier: MIT
package dev.meshscope.core.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Round-trip time, loss, duplication and reordering per (peer, channel), from probe packets this peer sent
 * and the pongs or data packets it received. Owner thread only (not thread-safe): feed it from the thread
 * that sends and reads packets.
 */
public final class ProbeTracker {
    /** A ping unanswered this long counts as lost (reliable channels deliver within seconds or fail). */
    public static final long LOSS_TIMEOUT_NANOS = 2_000_000_000L;
    /** Round-trip samples kept per (peer, channel): enough for a stable p99, bounded in memory. */
    public static final int RTT_WINDOW = 4096;
    /** Unanswered pings remembered per (peer, channel); older ones are counted lost at once. */
    public static final int MAX_PENDING = 65536;
    /** Sequence numbers remembered for duplicate detection, per (peer, channel). */
    public static final int SEEN_WINDOW = 1 << 20;

    private final Map<Long, Flow> flows = new LinkedHashMap<>();
    /** How long a ping may wait for its pong before it counts as late; see {@link #setLateThreshold}. */
    private long lateThresholdNanos = LOSS_TIMEOUT_NANOS;

    /**
     * Sets how long a ping may go unanswered before it shows as late (the operator's "silent" threshold): a pong
     * after that counts as late, not as received, and a ping unanswered that long shows as late until it is lost.
     * Defaults to {@link #LOSS_TIMEOUT_NANOS}. Pings still count as lost only after {@link #LOSS_TIMEOUT_NANOS} (or
     * the threshold, when it is longer).
     */
    public void setLateThreshold(java.time.Duration threshold) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("the late threshold must be positive, not " + threshold);
        }
        lateThresholdNanos = threshold.toNanos();
    }

    private static final class Flow {
        final int peer;
        final int channel;
        long nextSeq;
        long sent;
        long received;
        long lost;
        long duplicates;
        long reordered;
        long wrongChannel;
        long lateReplies;
        long highest = -1;
        final BitSet seen = new BitSet();
        final LinkedHashMap<Long, Long> pending = new LinkedHashMap<>();
        final long[] rtt = new long[RTT_WINDOW];
        final long[] appRtt = new long[RTT_WINDOW];
        int rttCount;
        int rttNext;

        Flow(int peer, int channel) {
            this.peer = peer;
            this.channel = channel;
        }
    }

    private Flow flow(int peer, int channel) {
        long key = ((long) peer << 32) | (channel & 0xFFFFFFFFL);
        return flows.computeIfAbsent(key, k -> new Flow(peer, channel));
    }

    /** Builds the next ping (or data packet) for (peer, channel) and records it as sent. */
    public byte[] nextPacket(int peer, int channel, ProbePacket.Kind kind, byte[] payload) {
        Flow f = flow(peer, channel);
        long now = System.nanoTime();
        ProbePacket p = new ProbePacket(kind, channel, f.nextSeq++, now, payload);
        f.sent++;
        if (kind == ProbePacket.Kind.PING) {
            if (f.pending.size() >= MAX_PENDING) {
                Iterator<Long> it = f.pending.keySet().iterator();
                it.next();
                it.remove();
                f.lost++;
            }
            f.pending.put(p.sequence(), now);
        }
        return p.encode();
    }

    /**
     * Records a packet received from {@code peer} on internal channel {@code channel}, read now. Returns true when
     * it was a probe (pong or data) and was handled; pings are not counted here (answer them with
     * {@link ProbePacket#pongFor}).
     */
    public boolean onReceived(int peer, int channel, byte[] data) {
        long now = System.nanoTime();
        return onReceived(peer, channel, data, now);
    }

    /**
     * {@link #onReceived(int, int, byte[])} for a packet that arrived at {@code arrivedNanos} (for example
     * {@code WebRtcMultiplayerPeer.getLastPacketArrivalNanos()}): its round trip ends when it arrived; the time
     * until this call (the owner's loop) is the "app" round trip, kept beside it.
     *
     * <p>A probe whose written channel is not {@code channel}, the channel it arrived on, is counted as
     * {@code wrongChannel} for the flow it names and nothing else: neither received nor lost, no round trip.
     */
    public boolean onReceived(int peer, int channel, byte[] data, long arrivedNanos) {
        long readNanos = System.nanoTime();
        ProbePacket p = ProbePacket.decode(data);
        if (p == null || p.kind() == ProbePacket.Kind.PING) {
            return false;
        }
        Flow f = flow(peer, p.channel());
        long seq = p.sequence();
        if (p.channel() != channel) {
            f.wrongChannel++;
            f.pending.remove(seq);
            return true;
        }
        boolean dup = seq >= 0 && seq < SEEN_WINDOW ? f.seen.get((int) seq) : false;
        if (dup) {
            f.duplicates++;
            return true;
        }
        if (seq >= 0 && seq < SEEN_WINDOW) {
            f.seen.set((int) seq);
        }
        if (seq < f.highest) {
            f.reordered++;
        } else {
            f.highest = seq;
        }
        if (p.kind() == ProbePacket.Kind.PONG) {
            Long sentAt = f.pending.remove(seq);
            if (sentAt == null) {
                // Answered after it was counted lost: it arrived after all.
                f.lost = Math.max(0, f.lost - 1);
            }
            if (arrivedNanos - p.sendNanos() > lateThresholdNanos) {
                f.lateReplies++;
                return true;
            }
            f.rtt[f.rttNext] = arrivedNanos - p.sendNanos();
            f.appRtt[f.rttNext] = Math.max(arrivedNanos, readNanos) - p.sendNanos();
            f.rttNext = (f.rttNext + 1) % RTT_WINDOW;
            f.rttCount = Math.min(RTT_WINDOW, f.rttCount + 1);
        }
        f.received++;
        return true;
    }

    /** Current figures for every (peer, channel) seen, in first-seen order. */
    public List<ProbeStats> stats() {
        long now = System.nanoTime();
        List<ProbeStats> out = new ArrayList<>();
        long lossTimeout = Math.max(LOSS_TIMEOUT_NANOS, lateThresholdNanos);
        for (Flow f : flows.values()) {
            Iterator<Map.Entry<Long, Long>> it = f.pending.entrySet().iterator();
            long waitingLate = 0;
            while (it.hasNext()) {
                Map.Entry<Long, Long> e = it.next();
                long age = now - e.getValue();
                if (age < lossTimeout) {
                    if (age < lateThresholdNanos) {
                        break; // Insertion order is send order: the rest are younger.
                    }
                    waitingLate++;
                    continue;
                }
                it.remove();
                f.lost++;
            }
            long[] w = Arrays.copyOf(f.rtt, f.rttCount);
            Arrays.sort(w);
            double med = w.length == 0 ? Double.NaN : w[w.length / 2] / 1e6;
            double p99 =
                    w.length == 0 ? Double.NaN : w[Math.min(w.length - 1, (int) Math.ceil(w.length * 0.99) - 1)] / 1e6;
            double min = w.length == 0 ? Double.NaN : w[0] / 1e6;
            double max = w.length == 0 ? Double.NaN : w[w.length - 1] / 1e6;
            long[] app = Arrays.copyOf(f.appRtt, f.rttCount);
            Arrays.sort(app);
            double appMed = app.length == 0 ? Double.NaN : app[app.length / 2] / 1e6;
            out.add(new ProbeStats(
                    f.peer,
                    f.channel,
                    f.sent,
                    f.received,
                    f.lost,
                    f.duplicates,
                    f.reordered,
                    f.wrongChannel,
                    med,
                    p99,
                    min,
                    max,
                    appMed,
                    w.length,
                    f.lateReplies + waitingLate,
                    f.pending.size()));
        }
        return out;
    }

    /** Forgets everything about {@code peer} (it left). */
    public void forgetPeer(int peer) {
        flows.values().removeIf(f -> f.peer == peer);
    }

    /** Forgets everything. */
    public void clear() {
        flows.clear();
    }
}
