// SPDX-License-Identifier: MIT
package dev.meshscope.bench.meshcore;

import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchPair;
import dev.meshscope.bench.BenchStack;
import dev.meshscope.bench.Deadline;
import dev.meshscope.bench.MeshRound;
import dev.meshscope.bench.ProcessStats;
import dev.meshscope.core.WebRtcRuntime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * mesh-core as the GUI uses it: Godot's multiplayer peers owned by a {@link dev.meshscope.core.MeshThread}
 * that polls them when native activity wakes it, with a GUI-like observer (events, 30 Hz snapshots handed to
 * an FX stand-in thread, wire stats once a second). Connect rounds host both peers on one runtime and one owner
 * thread (one process hosting them); mesh rounds give each peer its own owner thread on one runtime (each peer
 * woken only by its own connections, as one peer per process is; the raw mesh gives each peer a thread too); a
 * data-plane pair puts its two peers on two runtimes and two owner threads, as two MeshScope processes would be
 * (the raw pair uses two factories likewise).
 *
 * <p>Threads: the benchmark thread calls every method; peers live on their owner threads.
 */
public final class CoreStack implements BenchStack {
    /** How long closing waits for the FX stand-in and timer threads. */
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final WebRtcRuntime runtime;
    private final WebRtcRuntime remoteRuntime;
    private final ExecutorService fx = Executors.newSingleThreadExecutor(daemon("bench-fx-stand-in"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("bench-timer"));
    private final AtomicLong rendered = new AtomicLong();

    private CoreStack(WebRtcRuntime runtime, WebRtcRuntime remoteRuntime) {
        this.runtime = runtime;
        this.remoteRuntime = remoteRuntime;
    }

    /** Loads libwebrtc through mesh-core; fails with mesh-core's explanation when it cannot. */
    public static CoreStack create() throws BenchException {
        WebRtcRuntime rt = WebRtcRuntime.create();
        if (rt.loadProblem() != null) {
            throw new BenchException(rt.loadProblem());
        }
        return new CoreStack(rt, WebRtcRuntime.create());
    }

    @Override
    public String label() {
        return "mesh-core";
    }

    @Override
    public long connectNanos(boolean trickle, long timeoutMillis) throws BenchException {
        Deadline deadline = Deadline.in(timeoutMillis);
        try (CoreMesh m =
                CoreMesh.create(List.of(runtime), false, "bench-connect", 2, trickle, 2, fx, rendered, deadline)) {
            long t0 = m.start(deadline);
            return m.awaitConnected(deadline) - t0;
        }
    }

    @Override
    public BenchPair openPair(long timeoutMillis) throws BenchException {
        Deadline deadline = Deadline.in(timeoutMillis);
        CoreMesh m = CoreMesh.create(
                List.of(remoteRuntime, runtime), true, "bench-pair", 2, true, 2, fx, rendered, deadline);
        try {
            m.start(deadline);
            m.awaitConnected(deadline);
        } catch (BenchException e) {
            m.close();
            throw e;
        }
        return new CorePair(m, timer);
    }

    @Override
    public MeshRound mesh(int n, long timeoutMillis) throws BenchException {
        System.gc();
        long rssBefore = ProcessStats.rssKib();
        int fdsBefore = ProcessStats.openFds();
        Deadline deadline = Deadline.in(timeoutMillis);
        // One owner thread per peer, as one peer per process has; the peers share this process's runtime.
        try (CoreMesh m = CoreMesh.create(List.of(runtime), true, "bench-mesh", n, true, 1, fx, rendered, deadline)) {
            long w0 = m.wakeCount();
            long t0 = m.start(deadline);
            long t1 = m.awaitConnected(deadline);
            long wakeups = m.wakeCount() - w0;
            return new MeshRound(t1 - t0, rssBefore, ProcessStats.rssKib(), fdsBefore, ProcessStats.openFds(), wakeups);
        }
    }

    /** Messages delivered on both runtimes (see {@link WebRtcRuntime#messagesReceived()}). */
    @Override
    public long nativeMessagesReceived() {
        return runtime.messagesReceived() + remoteRuntime.messagesReceived();
    }

    /** Characters the FX stand-in rendered so far (proof the GUI-like observers ran). */
    public long renderedChars() {
        return rendered.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        fx.shutdown();
        try {
            fx.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        remoteRuntime.close();
        runtime.close();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
