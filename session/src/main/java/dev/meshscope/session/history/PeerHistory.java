// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.WireStats;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The series of one remote peer: its wire ring ({@link PeerMetric}) and one ring per channel ({@link ChannelMetric}),
 * with the previous counters the rates are computed from. Kept after the peer departs, until the history is cleared.
 * Owned and called by the {@link SessionHistory}'s owner thread.
 */
public final class PeerHistory {
    private final int peerId;
    private final int capacity;
    private final SampleRing wire;
    private final Map<Integer, SampleRing> channels = new TreeMap<>();
    /** Per channel: the counters of its previous sample ({@link Counter} order), and when it was taken. */
    private final Map<Integer, long[]> previous = new TreeMap<>();

    private long previousAtNanos;
    private boolean present;
    /** Wall clock when the peer was last seen leaving, 0 while present. */
    private long departedAtMillis;

    private @Nullable WireStats lastWire;
    private long lastWireAtNanos;
    private final float[] wireRates = new float[4];
    private float transportRtt = Float.NaN;

    private final float[] wireRow = new float[PeerMetric.values().length];
    private final float[] channelRow = new float[ChannelMetric.values().length];

    /** The counters a channel's rates come from, in the order of {@link #previous}'s arrays. */
    private enum Counter {
        MESSAGES_SENT,
        BYTES_SENT,
        MESSAGES_RECEIVED,
        BYTES_RECEIVED,
        PROBE_LOST,
        PROBE_LATE,
        IMPAIRED_DROPS,
        DROPS
    }

    PeerHistory(int peerId, int capacity) {
        this.peerId = peerId;
        this.capacity = capacity;
        this.wire = new SampleRing(capacity, PeerMetric.values().length);
        Arrays.fill(wireRates, Float.NaN);
    }

    /** The remote peer's id. */
    public int peerId() {
        return peerId;
    }

    /** Whether the peer was in the newest sampled state. */
    public boolean present() {
        return present;
    }

    /** Wall clock when the peer left (its series stop there), 0 while it is present. */
    public long departedAtMillis() {
        return departedAtMillis;
    }

    /** The wire ring: one column per {@link PeerMetric}, in declaration order. */
    public SampleRing wire() {
        return wire;
    }

    /** The channel indices that have a ring, ascending. */
    public java.util.Set<Integer> channelIndices() {
        return Collections.unmodifiableSet(channels.keySet());
    }

    /** The ring of channel {@code index} (one column per {@link ChannelMetric}), or null when never sampled. */
    public @Nullable SampleRing channel(int index) {
        return channels.get(index);
    }

    /** How many rings this peer holds (the wire ring and one per channel). */
    int rings() {
        return 1 + channels.size();
    }

    /** Bytes this peer's rings take. */
    long bytes() {
        long b = wire.bytes();
        for (SampleRing r : channels.values()) {
            b += r.bytes();
        }
        return b;
    }

    /** A wire statistics report arrived; rates are computed against the previous report. */
    void onWire(WireStats w, long atNanos) {
        WireStats prev = lastWire;
        transportRtt = (float) w.currentRttMs();
        if (prev != null && w.atMillis() > prev.atMillis()) {
            double dt = (w.atMillis() - prev.atMillis()) / 1000.0;
            wireRates[0] = rate(w.bytesSent(), prev.bytesSent(), dt);
            wireRates[1] = rate(w.bytesReceived(), prev.bytesReceived(), dt);
            wireRates[2] = rate(w.packetsSent(), prev.packetsSent(), dt);
            wireRates[3] = rate(w.packetsReceived(), prev.packetsReceived(), dt);
        }
        lastWire = w;
        lastWireAtNanos = atNanos;
    }

    private static float rate(long now, long before, double seconds) {
        return now < 0 || before < 0 || now < before ? Float.NaN : (float) ((now - before) / seconds);
    }

    /**
     * Appends one sample at {@code timeMs}: the wire ring always, a channel ring for every channel in {@code chans}
     * while {@code mayAddChannel} allows new ones. Returns how many channel rings it created.
     */
    int sample(
            int timeMs,
            long atNanos,
            java.util.List<ChannelSnapshot> chans,
            Map<Long, ProbeStats> probes,
            java.util.function.IntPredicate mayAddChannel,
            long wireStaleNanos) {
        present = true;
        departedAtMillis = 0;
        boolean fresh = lastWireAtNanos != 0 && atNanos - lastWireAtNanos <= wireStaleNanos;
        wireRow[PeerMetric.TRANSPORT_RTT.ordinal()] = fresh ? transportRtt : Float.NaN;
        for (int i = 0; i < 4; i++) {
            wireRow[PeerMetric.WIRE_BYTES_OUT.ordinal() + i] = fresh ? wireRates[i] : Float.NaN;
        }
        wire.append(timeMs, wireRow);
        double dt = previousAtNanos == 0 ? 0 : (atNanos - previousAtNanos) / 1e9;
        int created = 0;
        for (ChannelSnapshot c : chans) {
            SampleRing ring = channels.get(c.index());
            if (ring == null) {
                if (!mayAddChannel.test(created)) {
                    continue;
                }
                ring = new SampleRing(capacity, ChannelMetric.values().length);
                channels.put(c.index(), ring);
                created++;
            }
            ProbeStats p = probes.get(SessionHistory.key(peerId, c.index()));
            long[] now = counters(c, p);
            long[] before = previous.get(c.index());
            float[] row = channelRow;
            row[ChannelMetric.PROBE_RTT.ordinal()] = p == null ? Float.NaN : (float) p.rttMedianMs();
            row[ChannelMetric.APP_RTT.ordinal()] = p == null ? Float.NaN : (float) p.appRttMedianMs();
            row[ChannelMetric.BUFFERED.ordinal()] = c.bufferedAmount();
            row[ChannelMetric.HELD.ordinal()] = c.held();
            row[ChannelMetric.BYTES_OUT.ordinal()] = delta(now, before, Counter.BYTES_SENT, dt);
            row[ChannelMetric.BYTES_IN.ordinal()] = delta(now, before, Counter.BYTES_RECEIVED, dt);
            row[ChannelMetric.PACKETS_OUT.ordinal()] = delta(now, before, Counter.MESSAGES_SENT, dt);
            row[ChannelMetric.PACKETS_IN.ordinal()] = delta(now, before, Counter.MESSAGES_RECEIVED, dt);
            row[ChannelMetric.PROBE_LOST.ordinal()] = delta(now, before, Counter.PROBE_LOST, dt);
            row[ChannelMetric.PROBE_LATE.ordinal()] = delta(now, before, Counter.PROBE_LATE, dt);
            row[ChannelMetric.IMPAIRED_DROPS.ordinal()] = delta(now, before, Counter.IMPAIRED_DROPS, dt);
            row[ChannelMetric.DROPS.ordinal()] = delta(now, before, Counter.DROPS, dt);
            ring.append(timeMs, row);
            previous.put(c.index(), now);
        }
        previousAtNanos = atNanos;
        return created;
    }

    private static long[] counters(ChannelSnapshot c, @Nullable ProbeStats p) {
        long[] v = new long[Counter.values().length];
        v[Counter.MESSAGES_SENT.ordinal()] = c.messagesSent();
        v[Counter.BYTES_SENT.ordinal()] = c.bytesSent();
        v[Counter.MESSAGES_RECEIVED.ordinal()] = c.messagesReceived();
        v[Counter.BYTES_RECEIVED.ordinal()] = c.bytesReceived();
        v[Counter.PROBE_LOST.ordinal()] = p == null ? 0 : p.lost();
        v[Counter.PROBE_LATE.ordinal()] = p == null ? 0 : p.late();
        v[Counter.IMPAIRED_DROPS.ordinal()] = c.impairedDrops();
        v[Counter.DROPS.ordinal()] = c.sendDrops() + c.receiveDrops();
        return v;
    }

    /** A counter's rate between two samples; NaN without a previous sample or when the counter went back. */
    private static float delta(long[] now, long @Nullable [] before, Counter c, double seconds) {
        if (before == null || seconds <= 0) {
            return Float.NaN;
        }
        long d = now[c.ordinal()] - before[c.ordinal()];
        return d < 0 ? Float.NaN : (float) (d / seconds);
    }

    /** The peer is no longer in the state: its series stop, and a later return starts its rates afresh. */
    void depart(long atMillis) {
        if (present) {
            present = false;
            departedAtMillis = atMillis;
            previous.clear();
            previousAtNanos = 0;
            lastWire = null;
            lastWireAtNanos = 0;
            Arrays.fill(wireRates, Float.NaN);
        }
    }
}
