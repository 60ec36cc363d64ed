// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.util.Arrays;

/**
 * The round trips of one ping run. Immutable; the arrays are copied and sorted.
 *
 * @param nanos    probe round trips: from the ping's send until its pong arrived (the receive callback's timestamp)
 * @param appNanos app round trips: from the ping's send until the pinging application read the pong (equal to
 *                 {@code nanos} where the application reads inside the callback, as the raw baseline does)
 * @param lost     pings that got no pong within {@link Workload#PING_LOSS_NANOS}
 */
public record RoundTrips(long[] nanos, long[] appNanos, int lost) {
    /** Copies and sorts. */
    public RoundTrips {
        nanos = nanos.clone();
        Arrays.sort(nanos);
        appNanos = appNanos.clone();
        Arrays.sort(appNanos);
    }

    /** Round trips of an application that reads where the pong arrives: app round trip = probe round trip. */
    public RoundTrips(long[] nanos, int lost) {
        this(nanos, nanos, lost);
    }

    /** The median probe round trip in microseconds, or NaN without samples. */
    public double medianMicros() {
        return percentileMicros(nanos, 50);
    }

    /** The 99th percentile probe round trip in microseconds (nearest rank), or NaN without samples. */
    public double p99Micros() {
        return percentileMicros(nanos, 99);
    }

    /** The median app round trip in microseconds, or NaN without samples. */
    public double appMedianMicros() {
        return percentileMicros(appNanos, 50);
    }

    /** The 99th percentile app round trip in microseconds, or NaN without samples. */
    public double appP99Micros() {
        return percentileMicros(appNanos, 99);
    }

    private static double percentileMicros(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }
}
