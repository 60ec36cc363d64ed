// SPDX-License-Identifier: MIT
package dev.meshscope.bench.baseline;

import dev.meshscope.bench.BenchException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Counts raw ends that became ready (CONNECTED, all channels OPEN) and remembers when the last one did, or
 * the first failure. Threads: the signalling thread reports, the benchmark thread waits.
 */
final class Readiness {
    /** How often a waiting benchmark thread looks for a reported failure. */
    private static final long FAILURE_CHECK_MILLIS = 20;

    private final CountDownLatch latch;
    private volatile long lastAt;
    private volatile String failure;

    Readiness(int ends) {
        latch = new CountDownLatch(ends);
    }

    /** One end is ready. Signalling thread. */
    void oneReady() {
        lastAt = System.nanoTime();
        latch.countDown();
    }

    /** Something failed. Signalling thread. */
    void failed(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** Waits until every end is ready; returns when the last one was (System.nanoTime). */
    long await(long timeoutMillis, String what) throws BenchException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (!latch.await(FAILURE_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (failure != null) {
                    throw new BenchException("waiting for " + what + ": " + failure);
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchException("timed out after " + timeoutMillis + " ms waiting for " + what + " ("
                            + latch.getCount() + " ends not ready).");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for " + what, e);
        }
        return lastAt;
    }
}
