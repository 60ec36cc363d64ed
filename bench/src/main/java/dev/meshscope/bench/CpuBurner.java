// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --load} option: busy threads in the benchmark's own process that keep the other core(s) busy while
 * both stacks are measured, so "loaded" figures do not depend on what else the machine happens to run. Bounded:
 * one thread fewer than there are cores (at least one), normal priority, pure arithmetic (no allocation, no
 * memory traffic), and each thread stops by itself after {@link #MAX_BURN_MILLIS} should {@link #close()} never
 * come.
 *
 * <p>Threads: the benchmark thread starts and closes it; the burner threads only spin.
 */
public final class CpuBurner implements AutoCloseable {
    /** A safety stop: the longest full bench run is a few minutes; a burner never outlives half an hour. */
    static final long MAX_BURN_MILLIS = TimeUnit.MINUTES.toMillis(30);

    /** Iterations between looks at the stop flag and the clock: ~1 ms of arithmetic, so stopping is prompt. */
    private static final int SPIN_BATCH = 1 << 18;

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    /** Written now and then so the arithmetic cannot be optimised away. */
    private volatile long sink;

    private CpuBurner(int count) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_BURN_MILLIS);
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> spin(until), "bench-load-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
        }
    }

    /** Threads a burner starts on a machine with {@code cores} processors: all but one core, at least one. */
    public static int threadsFor(int cores) {
        return Math.max(1, cores - 1);
    }

    /** Starts {@link #threadsFor} threads for this machine. */
    public static CpuBurner start() {
        CpuBurner b = new CpuBurner(threadsFor(Runtime.getRuntime().availableProcessors()));
        for (Thread t : b.threads) {
            t.start();
        }
        return b;
    }

    /** How many burner threads run. */
    public int threadCount() {
        return threads.size();
    }

    /** True while at least one burner thread is alive. */
    public boolean isBurning() {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** The burners' last result (read so the work is observable; its value means nothing). */
    long checksum() {
        return sink;
    }

    private void spin(long untilNanos) {
        long x = 0x9E3779B97F4A7C15L;
        while (running && System.nanoTime() - untilNanos < 0) {
            for (int i = 0; i < SPIN_BATCH; i++) {
                x ^= x << 13; // xorshift: cheap, branch-free, never settles.
                x ^= x >>> 7;
                x ^= x << 17;
            }
            sink = x;
        }
    }

    /** Stops the threads and waits for them. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
