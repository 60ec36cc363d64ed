// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon timer thread that wakes owners when packets held by an impairment fall due. A wake only sets the
 * owner's flag (it never polls or sends here), so one thread serves every peer. Any thread may schedule.
 */
final class WakeTimer {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private WakeTimer() {}

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "meshscope-impairment-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Runs {@code wake} at {@code dueNanos} (System.nanoTime), at once when that is past. */
    static void at(long dueNanos, Runnable wake) {
        long delay = dueNanos - System.nanoTime();
        if (delay <= 0) {
            wake.run();
            return;
        }
        var unused = TIMER.schedule(wake, delay, TimeUnit.NANOSECONDS);
    }
}
