// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The owner thread of one or more peers: it runs submitted commands, then polls, as soon as it is woken by
 * native activity on a connection it owns (a connection created on this thread) or by a command, not on a
 * fixed tick, so a round trip measured through it measures the network, not a poll interval. Activity on
 * another owner's connections never wakes it.
 *
 * <p>Other threads talk to it only through {@link #execute} and {@link #call}. Everything it runs is fenced:
 * a command, poller or ticker that throws is reported to the failure handler and the loop goes on.
 */
public final class MeshThread implements Executor, AutoCloseable {
    /** Longest sleep with no activity: tickers (stats requests, snapshot publishing) run at least this often. */
    public static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** How long {@link #close()} waits for the loop to finish its current iteration. */
    private static final long CLOSE_JOIN_MILLIS = 5000;

    private static final System.Logger LOG = System.getLogger(MeshThread.class.getName());

    /** The live owner threads, so a connection created on one can wake exactly that one. */
    private static final ConcurrentHashMap<Thread, MeshThread> BY_THREAD = new ConcurrentHashMap<>();

    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicLong wakeups = new AtomicLong();
    private final List<Runnable> pollers = new ArrayList<>();
    private final List<Ticker> tickers = new ArrayList<>();
    private volatile boolean running = true;
    private volatile Consumer<Throwable> failureHandler =
            t -> LOG.log(System.Logger.Level.ERROR, "mesh thread task failed", t);

    private static final class Ticker {
        final long periodNanos;
        final Runnable task;
        long due;

        Ticker(long periodNanos, Runnable task) {
            this.periodNanos = periodNanos;
            this.task = task;
            this.due = System.nanoTime() + periodNanos;
        }
    }

    /**
     * Starts a daemon owner thread named {@code name} for peers on {@code runtime}; it is woken by native activity
     * on the connections created on it.
     */
    public MeshThread(String name, WebRtcRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        BY_THREAD.put(thread, this);
        this.thread.start();
    }

    /** Where failures of commands, pollers and tickers go (default: the log). */
    public void setFailureHandler(Consumer<Throwable> handler) {
        failureHandler = Objects.requireNonNull(handler);
    }

    /** Queues {@code command} to run on the owner thread, in submission order. Any thread. */
    @Override
    public void execute(Runnable command) {
        commands.add(Objects.requireNonNull(command));
        wake();
    }

    /** Runs {@code task} on the owner thread and completes the future with its result. Any thread. */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** Adds a poller (e.g. {@code peer::poll}) run after the commands of every iteration. Owner thread or via execute. */
    public void addPoller(Runnable poller) {
        execute(() -> pollers.add(poller));
    }

    /** Removes a poller. */
    public void removePoller(Runnable poller) {
        execute(() -> pollers.remove(poller));
    }

    /** Runs {@code task} on the owner thread about every {@code period} (never more often). */
    public void addTicker(long period, TimeUnit unit, Runnable task) {
        long nanos = unit.toNanos(period);
        execute(() -> tickers.add(new Ticker(nanos, task)));
    }

    /** Wakes the loop; cheap and non-blocking, safe from a native callback. */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            wakeups.incrementAndGet();
            LockSupport.unpark(thread);
        }
    }

    /** How many times this thread was woken (by its connections' activity or by commands) since it started. */
    public long wakeCount() {
        return wakeups.get();
    }

    /**
     * The wake-up of the MeshThread running as {@code t}, or {@code null} when {@code t} is not one. A
     * connection created on a MeshThread wakes only it.
     */
    static @Nullable Runnable wakerOf(Thread t) {
        MeshThread m = BY_THREAD.get(t);
        return m == null ? null : m::wake;
    }

    /** True when called on this owner thread. */
    public boolean isOwnerThread() {
        return Thread.currentThread() == thread;
    }

    /** The owner thread itself. */
    public Thread thread() {
        return thread;
    }

    /** Stops the loop after its current iteration (pending commands still run) and waits for it. */
    @Override
    public void close() {
        running = false;
        BY_THREAD.remove(thread, this);
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            woken.set(false);
            Runnable c;
            while ((c = commands.poll()) != null) {
                fenced(c);
            }
            for (int i = 0; i < pollers.size(); i++) {
                fenced(pollers.get(i));
            }
            long now = System.nanoTime();
            long sleep = IDLE_PARK_NANOS;
            for (int i = 0; i < tickers.size(); i++) {
                Ticker t = tickers.get(i);
                if (now - t.due >= 0) {
                    t.due = now + t.periodNanos;
                    fenced(t.task);
                }
                sleep = Math.min(sleep, Math.max(0, t.due - now));
            }
            if (!woken.get() && running) {
                LockSupport.parkNanos(this, sleep);
            }
        }
        Runnable c;
        while ((c = commands.poll()) != null) {
            fenced(c);
        }
    }

    private void fenced(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            try {
                failureHandler.accept(t);
            } catch (Throwable ignored) {
                // The handler itself failed; the loop must survive regardless.
            }
        }
    }
}
