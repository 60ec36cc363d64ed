// SPDX-License-Identifier: MIT
package dev.meshscope.core.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for tests that own their peers on the test thread: polls every given peer on the calling
 * thread (peers are owner-thread objects) until a condition holds, or fails after the timeout.
 */
public final class Pump {
    /** Generous for a loaded 2-core CI machine; real connects take ~10-100 ms. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Pump() {}

    /** Polls {@code pollers} on this thread until {@code condition} is true, at most {@link #DEFAULT_TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition, Runnable... pollers) {
        until(what, DEFAULT_TIMEOUT, condition, pollers);
    }

    /** Polls {@code pollers} on this thread until {@code condition} is true, at most {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Runnable... pollers) {
        List<Runnable> ps = List.of(pollers);
        await(what)
                .atMost(timeout)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    for (Runnable p : ps) {
                        p.run();
                    }
                    return condition.getAsBoolean();
                });
    }

    /** Polls for {@code duration}, for checks that something does NOT happen within a bounded window. */
    public static void during(Duration duration, Runnable... pollers) {
        long end = System.nanoTime() + duration.toNanos();
        List<Runnable> ps = List.of(pollers);
        await().atMost(duration.plusSeconds(5))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    for (Runnable p : ps) {
                        p.run();
                    }
                    return System.nanoTime() >= end;
                });
    }
}
