// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the agent's owner thread at a given time, sooner than its idle park (20 ms) would: a back-pressured sender or
 * echo looks again after 1 ms, a paced sender when its next packet is due. At most one wake-up is pending unless an
 * earlier one is asked for.
 *
 * <p>Threads: {@link #at} on the owner thread only; the wake-up itself runs {@code wake} (thread-safe) on the
 * common pool's timer.
 */
final class DelayedWake {
    private final Runnable wake;
    private long pendingAtNanos;
    private boolean pending;

    DelayedWake(Runnable wake) {
        this.wake = wake;
    }

    /** Wakes the owner at {@code atNanos} ({@link System#nanoTime()}), or at once when that has passed. */
    void at(long atNanos) {
        long now = System.nanoTime();
        if (pending && pendingAtNanos - now > 0 && pendingAtNanos - atNanos <= 0) {
            return; // An earlier (or equal) wake-up is already on its way.
        }
        pending = true;
        pendingAtNanos = atNanos;
        CompletableFuture.delayedExecutor(Math.max(0, atNanos - now), TimeUnit.NANOSECONDS)
                .execute(wake);
    }
}
