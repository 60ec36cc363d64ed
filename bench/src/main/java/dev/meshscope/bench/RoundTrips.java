// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.util.Arrays;

/**
 * The round trips of one ping run. Immutable; the array is copied and sorted.
 *
 * @param nanos the measured round-trip times, sorted ascending
 * @param lost  pings that got no pong within {@link Workload#PING_LOSS_NANOS}
 */
public record RoundTrips(long[] nanos, int lost) {
    /** Copies and sorts. */
    public RoundTrips {
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    /** The median in microseconds, or NaN without samples. */
    public double medianMicros() {
        return percentileMicros(50);
    }

    /** The 99th percentile in microseconds (nearest rank), or NaN without samples. */
    public double p99Micros() {
        return percentileMicros(99);
    }

    private double percentileMicros(int p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1000.0;
    }
}
