// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

/**
 * One of the two stacks compared: raw webrtc-java (the baseline) or mesh-core. Both run the same workloads
 * on Godot's channel layout and measure them at the same points, so their figures can be divided.
 *
 * <p>Threads: one benchmark thread calls these methods, one at a time. Each blocks until its workload is
 * done or {@code timeoutMillis} passed.
 */
public interface BenchStack extends AutoCloseable {
    /** "baseline" or "mesh-core". */
    String label();

    /**
     * Connects one fresh pair, from {@code createOffer} until both connections are CONNECTED and all three
     * channels are OPEN on both sides, then closes it.
     *
     * @param trickle true: candidates are sent as they are gathered; false: each side sends its description
     *                once gathering is complete (with every candidate in it)
     * @return the time from createOffer to ready, in nanoseconds
     */
    long connectNanos(boolean trickle, long timeoutMillis) throws BenchException;

    /** Connects a pair (trickle) that data-plane rounds reuse; the caller closes it. */
    BenchPair openPair(long timeoutMillis) throws BenchException;

    /** Connects {@code n} peers in a full mesh, measures time, memory and descriptors, and closes it again. */
    MeshRound mesh(int n, long timeoutMillis) throws BenchException;

    /**
     * Messages webrtc-java delivered to this stack's connections so far, as the stack counts them natively
     * ({@code WebRtcRuntime.messagesReceived()} for mesh-core), or -1 when the stack keeps no such count.
     */
    default long nativeMessagesReceived() {
        return -1;
    }

    /** Closes everything this stack made, the native factory last. */
    @Override
    void close();
}
