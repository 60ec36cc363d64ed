// SPDX-License-Identifier: MIT
package dev.meshscope.bench.baseline;

import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchPair;
import dev.meshscope.bench.BenchStack;
import dev.meshscope.bench.MeshRound;
import dev.meshscope.bench.ProcessStats;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The baseline: webrtc-java 0.14.0 used directly, with the same channel layout and signalling as mesh-core,
 * and the application logic inside the library's callbacks (the fastest place a raw application can react).
 * Connect and mesh rounds put every end on one factory (one process hosting them all; in a mesh each peer has
 * its own application thread); a data-plane pair
 * puts its two ends on two factories, as two processes would be (mesh-core's pair does the same with two
 * runtimes).
 *
 * <p>Threads: the benchmark thread calls every method; callbacks run on the factories' signalling threads;
 * signals between the two factories of a pair go through one relay thread.
 */
public final class RawStack implements BenchStack {
    private final List<HeadlessAudioDeviceModule> audio;
    private final PeerConnectionFactory factory;
    private final PeerConnectionFactory remoteFactory;
    private final List<RawEnd> live = new ArrayList<>();
    private final ExecutorService relayThread = Executors.newSingleThreadExecutor(daemon("bench-raw-relay"));

    private RawStack(
            List<HeadlessAudioDeviceModule> audio, PeerConnectionFactory factory, PeerConnectionFactory remoteFactory) {
        this.audio = audio;
        this.factory = factory;
        this.remoteFactory = remoteFactory;
    }

    /**
     * Loads libwebrtc and builds the factory on a headless audio module (the default module aborts the JVM on
     * a machine without a sound card).
     */
    public static RawStack create() throws BenchException {
        List<HeadlessAudioDeviceModule> adms = new ArrayList<>();
        List<PeerConnectionFactory> made = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
                adms.add(adm);
                made.add(new PeerConnectionFactory(adm));
            }
            return new RawStack(adms, made.get(0), made.get(1));
        } catch (Throwable t) {
            for (PeerConnectionFactory f : made) {
                f.dispose();
            }
            for (HeadlessAudioDeviceModule adm : adms) {
                adm.dispose();
            }
            throw new BenchException(
                    "webrtc-java could not be loaded (" + t + "); install libpulse0 "
                            + "(apt-get install -y libpulse0) or run ./meshscope bench, which does it.",
                    t);
        }
    }

    @Override
    public String label() {
        return "baseline";
    }

    @Override
    public long connectNanos(boolean trickle, long timeoutMillis) throws BenchException {
        Readiness ready = new Readiness(2);
        RawEnd a = end(factory, trickle, ready);
        RawEnd b = end(factory, trickle, ready);
        a.pairWith(b, Runnable::run);
        b.pairWith(a, Runnable::run);
        try {
            long t0 = System.nanoTime();
            a.start();
            return ready.await(timeoutMillis, "a raw pair to connect (" + (trickle ? "trickle" : "non-trickle") + ")")
                    - t0;
        } finally {
            closeAll(List.of(a, b));
        }
    }

    @Override
    public BenchPair openPair(long timeoutMillis) throws BenchException {
        Readiness ready = new Readiness(2);
        RawEnd a = end(factory, true, ready);
        RawEnd b = end(remoteFactory, true, ready);
        Executor relay = fenced(relayThread, ready);
        a.pairWith(b, relay);
        b.pairWith(a, relay);
        try {
            a.start();
            ready.await(timeoutMillis, "a raw pair to connect");
        } catch (BenchException e) {
            closeAll(List.of(a, b));
            throw e;
        }
        return new RawPair(a, b, () -> closeAll(List.of(a, b)));
    }

    /**
     * A full mesh on one factory where each peer has its own application thread, as one peer per process has
     * (mesh-core's mesh gives each peer its own owner thread likewise): what a peer receives from another
     * (descriptions, candidates) is applied on that peer's thread; the steps webrtc-java calls back for (apply
     * the description created, answer an offer) run inside the callbacks.
     */
    @Override
    public MeshRound mesh(int n, long timeoutMillis) throws BenchException {
        System.gc();
        long rssBefore = ProcessStats.rssKib();
        int fdsBefore = ProcessStats.openFds();
        Readiness ready = new Readiness(n * (n - 1));
        List<RawEnd> ends = new ArrayList<>();
        List<RawEnd> offerers = new ArrayList<>();
        List<ExecutorService> peerThreads = new ArrayList<>();
        try {
            List<Executor> inbox = new ArrayList<>();
            for (int id = 1; id <= n; id++) {
                ExecutorService t = Executors.newSingleThreadExecutor(daemon("bench-raw-peer-" + id));
                peerThreads.add(t);
                inbox.add(fenced(t, ready));
            }
            for (int i = 1; i <= n; i++) {
                for (int j = i + 1; j <= n; j++) {
                    RawEnd atI = end(factory, true, ready);
                    RawEnd atJ = end(factory, true, ready);
                    atI.pairWith(atJ, inbox.get(j - 1));
                    atJ.pairWith(atI, inbox.get(i - 1));
                    ends.add(atI);
                    ends.add(atJ);
                    offerers.add(atJ); // The larger id offers (the Godot demo rule).
                }
            }
            long t0 = System.nanoTime();
            for (RawEnd o : offerers) {
                o.start();
            }
            long t1 = ready.await(timeoutMillis, "a raw mesh of " + n + " peers to connect");
            return new MeshRound(t1 - t0, rssBefore, ProcessStats.rssKib(), fdsBefore, ProcessStats.openFds(), -1);
        } finally {
            closeAll(ends);
            for (ExecutorService t : peerThreads) {
                t.shutdownNow();
            }
        }
    }

    @Override
    public void close() {
        relayThread.shutdownNow();
        closeAll(new ArrayList<>(live));
        for (PeerConnectionFactory f : List.of(factory, remoteFactory)) {
            try {
                f.dispose(); // Only after every connection is closed: a call on one afterwards segfaults.
            } catch (Throwable ignored) {
                // Nothing more to release.
            }
        }
        for (HeadlessAudioDeviceModule adm : audio) {
            try {
                adm.dispose();
            } catch (Throwable ignored) {
                // Same.
            }
        }
    }

    /** Runs tasks on {@code thread}; a task that throws is reported to {@code ready} as a failure. */
    private static Executor fenced(ExecutorService thread, Readiness ready) {
        return task -> thread.execute(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                ready.failed("relaying a signal failed: " + t);
            }
        });
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private RawEnd end(PeerConnectionFactory f, boolean trickle, Readiness ready) {
        RawEnd e = new RawEnd(f, trickle, ready::oneReady, ready::failed);
        live.add(e);
        return e;
    }

    private void closeAll(List<RawEnd> ends) {
        for (RawEnd e : ends) {
            e.close();
        }
        live.removeAll(ends);
    }
}
