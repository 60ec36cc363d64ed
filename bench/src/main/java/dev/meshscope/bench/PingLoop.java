// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import dev.meshscope.core.probe.ProbePacket;

/**
 * The pinger's state for one round-trip run, shared by both stacks so they do the same work: one ping in
 * flight at a time, each a 32-byte {@link ProbePacket} carrying its send time; the pong is the ping with
 * its kind byte changed ({@link ProbePacket#pongFor}).
 *
 * <p>Threads: the thread that receives pongs (a webrtc-java callback or a mesh-core owner thread) and the
 * benchmark thread that looks for lost pings; every method is synchronized.
 */
public final class PingLoop {
    private final int channel;
    private final int count;
    private final long[] samples;
    private final long[] appSamples;
    private final byte[] payload = new byte[Workload.PING_PAYLOAD_BYTES];
    private int answered;
    private int lost;
    private long sequence = -1;
    private long sentAt;
    private boolean inFlight;

    /** A run of {@code count} pings on internal channel {@code channel}. */
    public PingLoop(int channel, int count) {
        this.channel = channel;
        this.count = count;
        this.samples = new long[count];
        this.appSamples = new long[count];
    }

    /** The next ping to send (a fresh array the caller owns); it is in flight from now. */
    public synchronized byte[] nextPing() {
        sequence++;
        sentAt = System.nanoTime();
        inFlight = true;
        return new ProbePacket(ProbePacket.Kind.PING, channel, sequence, sentAt, payload).encode();
    }

    /**
     * Takes a pong read where it arrived (inside the receive callback): probe and app round trip are the same.
     *
     * @see #onPong(byte[], long, long)
     */
    public boolean onPong(byte[] data, long nowNanos) {
        return onPong(data, nowNanos, nowNanos);
    }

    /**
     * Takes a received packet: when it is the pong of the ping in flight, records its probe round trip (until
     * {@code arrivedNanos}, the receive callback's timestamp) and its app round trip (until {@code readNanos}, when
     * the application read it), and returns true. Anything else (a late pong of a ping already counted lost)
     * returns false.
     */
    public synchronized boolean onPong(byte[] data, long arrivedNanos, long readNanos) {
        ProbePacket p = ProbePacket.decode(data);
        if (!inFlight || p == null || p.kind() != ProbePacket.Kind.PONG || p.sequence() != sequence) {
            return false;
        }
        inFlight = false;
        samples[answered] = arrivedNanos - p.sendNanos();
        appSamples[answered] = Math.max(arrivedNanos, readNanos) - p.sendNanos();
        answered++;
        return true;
    }

    /** Counts the ping in flight as lost when it is older than {@link Workload#PING_LOSS_NANOS}; true if it did. */
    public synchronized boolean expire(long nowNanos) {
        if (inFlight && nowNanos - sentAt > Workload.PING_LOSS_NANOS) {
            inFlight = false;
            lost++;
            return true;
        }
        return false;
    }

    /** True once every ping was answered or lost. */
    public synchronized boolean finished() {
        return answered + lost >= count;
    }

    /** The round trips measured so far. */
    public synchronized RoundTrips result() {
        return new RoundTrips(
                java.util.Arrays.copyOf(samples, answered), java.util.Arrays.copyOf(appSamples, answered), lost);
    }

    /** Pings answered or lost so far, for a time-out message. */
    public synchronized String progress() {
        return answered + " answered, " + lost + " lost of " + count;
    }
}
