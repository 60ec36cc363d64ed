// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.util.concurrent.TimeUnit;

/** A point in monotonic time a workload must finish by. Immutable. */
public final class Deadline {
    private final long atNanos;
    private final long timeoutMillis;

    private Deadline(long atNanos, long timeoutMillis) {
        this.atNanos = atNanos;
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code timeoutMillis} from now. */
    public static Deadline in(long timeoutMillis) {
        return new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), timeoutMillis);
    }

    /** Milliseconds left (0 once passed). */
    public long remainingMillis() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(atNanos - System.nanoTime()));
    }

    /** The deadline as a {@link System#nanoTime()} value. */
    public long atNanos() {
        return atNanos;
    }

    /** Throws when the deadline passed, naming what did not finish. */
    public void check(String what) throws BenchException {
        if (System.nanoTime() - atNanos > 0) {
            throw new BenchException("timed out after " + timeoutMillis + " ms: " + what + ".");
        }
    }
}
