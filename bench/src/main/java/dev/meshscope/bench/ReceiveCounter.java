// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.util.concurrent.CompletableFuture;

/**
 * Counts what a receiver read, with the time of the first send and of the last packet, and signals when a
 * byte target is reached. Shared by both stacks.
 *
 * <p>Threads: {@link #received} on the receiving thread (a callback or an owner thread); the rest on the
 * benchmark thread. Fields the two share are volatile.
 */
public final class ReceiveCounter {
    private final long targetBytes;
    private final CompletableFuture<Long> reached = new CompletableFuture<>();
    private volatile long startNanos;
    private volatile long lastNanos;
    private volatile long packets;
    private volatile long bytes;

    /** Signals once {@code targetBytes} arrived; {@link Long#MAX_VALUE} never signals (count only). */
    public ReceiveCounter(long targetBytes) {
        this.targetBytes = targetBytes;
    }

    /** Marks the start (just before the first send). Benchmark or sending thread. */
    public void start() {
        startNanos = System.nanoTime();
    }

    /** Counts one packet read. Only ever called by one receiving thread at a time. */
    public void received(int size) {
        long now = System.nanoTime();
        long b = bytes + size;
        bytes = b;
        packets = packets + 1;
        lastNanos = now;
        if (b >= targetBytes) {
            reached.complete(now);
        }
    }

    /** Completes (with the System.nanoTime of the last packet) once the byte target arrived. */
    public CompletableFuture<Long> reached() {
        return reached;
    }

    /** Waits until nothing arrived for {@link Workload#QUIET_NANOS} (or the deadline passed). */
    public void awaitQuiet(long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            long last = Math.max(lastNanos, startNanos);
            if (System.nanoTime() - last > Workload.QUIET_NANOS) {
                return;
            }
            Thread.sleep(Workload.QUIET_NANOS / 3_000_000L);
        }
    }

    /** Packets read. */
    public long packets() {
        return packets;
    }

    /** Bytes read. */
    public long bytes() {
        return bytes;
    }

    /** From the start to the last packet read, in nanoseconds. */
    public long spanNanos() {
        return lastNanos - startNanos;
    }

    /** Bytes per second over the span. */
    public double bytesPerSecond() {
        long span = spanNanos();
        return span <= 0 ? 0 : bytes * 1e9 / span;
    }
}
