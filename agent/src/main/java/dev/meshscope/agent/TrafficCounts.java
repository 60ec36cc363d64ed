// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent received and echoed, per (peer, channel): the receiving side's half of every test, reported
 * periodically so an echo peer shows what it saw. Owner thread only (counted in the drain, read by the report
 * ticker and at the end, all on the agent's mesh thread).
 */
final class TrafficCounts {
    /**
     * One (peer, channel) at one moment. Immutable.
     *
     * @param peerId        the remote peer
     * @param channel       the internal channel index
     * @param received      packets read
     * @param receivedText  of which text messages
     * @param receivedBytes bytes read
     * @param echoed        packets sent back (echo on)
     * @param echoRefused   echoes the channel refused (send queue full, channel closed)
     * @param receivedMBps  receivedBytes over the time from the first packet's arrival to the last one's, in MB/s
     *                      (10^6 bytes), as {@code ./meshscope bench} counts what its receiver read; 0 below two packets
     */
    record Counts(
            int peerId,
            int channel,
            long received,
            long receivedText,
            long receivedBytes,
            long echoed,
            long echoRefused,
            double receivedMBps) {}

    private static final class Flow {
        long received;
        long receivedText;
        long receivedBytes;
        long echoed;
        long echoRefused;
        long firstArrivalNanos;
        long lastArrivalNanos;
        boolean changed;
    }

    private final Map<Long, Flow> flows = new LinkedHashMap<>();

    private Flow flow(int peer, int channel) {
        return flows.computeIfAbsent(((long) peer << 32) | (channel & 0xFFFFFFFFL), k -> new Flow());
    }

    /** Counts a packet read that arrived from the wire at {@code arrivedNanos}. */
    void received(int peer, int channel, int bytes, boolean text, long arrivedNanos) {
        Flow f = flow(peer, channel);
        if (f.received == 0) {
            f.firstArrivalNanos = arrivedNanos;
        }
        f.lastArrivalNanos = arrivedNanos;
        f.received++;
        f.receivedBytes += bytes;
        if (text) {
            f.receivedText++;
        }
        f.changed = true;
    }

    /** Counts an echo sent ({@code ok}) or refused. */
    void echoed(int peer, int channel, boolean ok) {
        Flow f = flow(peer, channel);
        if (ok) {
            f.echoed++;
        } else {
            f.echoRefused++;
        }
        f.changed = true;
    }

    /** The figures of every flow that changed since the last call (all of them when {@code all}). */
    List<Counts> changedSinceLast(boolean all) {
        List<Counts> out = new ArrayList<>();
        for (Map.Entry<Long, Flow> e : flows.entrySet()) {
            Flow f = e.getValue();
            if (f.changed || all) {
                long span = f.lastArrivalNanos - f.firstArrivalNanos;
                double mbps = span <= 0 ? 0 : f.receivedBytes * 1e3 / span; // bytes/ns * 1e9 / 1e6
                out.add(new Counts(
                        (int) (e.getKey() >> 32),
                        (int) (long) e.getKey(),
                        f.received,
                        f.receivedText,
                        f.receivedBytes,
                        f.echoed,
                        f.echoRefused,
                        mbps));
                f.changed = false;
            }
        }
        return out;
    }
}
