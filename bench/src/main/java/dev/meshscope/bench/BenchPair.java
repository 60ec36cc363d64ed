// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

/**
 * A connected pair of one stack: side A sends (pings, bulk data, packet bursts), side B receives and echoes.
 * Threads: the benchmark thread calls one method at a time; each blocks until done or timed out.
 */
public interface BenchPair extends AutoCloseable {
    /**
     * Sends {@code totalBytes} on the reliable channel in packets of {@code packetSize}, pausing while the
     * buffered amount is above {@link Workload#THROUGHPUT_HIGH_WATER_BYTES}.
     *
     * @return bytes per second received, from the first send until the last byte was read by the receiver
     */
    double throughput(int packetSize, long totalBytes, long timeoutMillis) throws BenchException;

    /**
     * Sends {@code count} 32-byte probe pings on internal channel {@code channel}, one at a time, from an
     * application thread (mesh-core's owner thread; a raw application thread); B answers each with a pong where
     * the ping arrives. A ping unanswered after {@link Workload#PING_LOSS_NANOS} counts as lost.
     */
    RoundTrips roundTrips(int channel, int count, long timeoutMillis) throws BenchException;

    /**
     * {@link #roundTrips}, but each next ping is sent from inside the callback that received the pong (no thread
     * hop anywhere: the raw floor), or null when the stack cannot do that (mesh-core sends from its owner thread).
     */
    default RoundTrips roundTripsPingingFromCallback(int channel, int count, long timeoutMillis) throws BenchException {
        return null;
    }

    /** Sends 64-byte packets on the unreliable channel as fast as back-pressure allows for {@code sendMillis}. */
    PacketRate packetRate(long sendMillis, long timeoutMillis) throws BenchException;

    /**
     * How many times the pair's owner threads were woken so far (both ends summed), or -1 when the stack has no
     * owner threads (the raw baseline works inside webrtc-java's callbacks). Any thread.
     */
    default long ownerWakeups() {
        return -1;
    }

    /**
     * The most packets this pair's receive queues held at once so far (read at the start of each owner-thread
     * read), or -1 when the stack has no receive queues of its own (the raw baseline reads inside the callback).
     */
    default long peakQueuedPackets() {
        return -1;
    }

    /** Closes both connections. */
    @Override
    void close();
}
