// SPDX-License-Identifier: MIT
package dev.meshscope.app.bench.baseline;

import dev.meshscope.app.bench.BenchException;
import dev.meshscope.app.bench.BenchPair;
import dev.meshscope.app.bench.BenchStack;
import dev.meshscope.app.bench.MeshRound;
import dev.meshscope.app.bench.ProcessStats;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: webrtc-java 0.14.0 used directly, one factory for the whole run (as one process would),
 * with the same channel layout and signalling as mesh-core, and the application logic inside the
 * library's callbacks (the fastest place a raw application can react).
 *
 * <p>Threads: the benchmark thread calls every method; callbacks run on the factory's signalling thread.
 */
public final class RawStack implements BenchStack {
    private final HeadlessAudioDeviceModule audio;
    private final PeerConnectionFactory factory;
    private final List<RawEnd> live = new ArrayList<>();

    private RawStack(HeadlessAudioDeviceModule audio, PeerConnectionFactory factory) {
        this.audio = audio;
        this.factory = factory;
    }

    /**
     * Loads libwebrtc and builds the factory on a headless audio module (the default module aborts the JVM on
     * a machine without a sound card).
     */
    public static RawStack create() throws BenchException {
        HeadlessAudioDeviceModule adm = null;
        try {
            adm = new HeadlessAudioDeviceModule();
            return new RawStack(adm, new PeerConnectionFactory(adm));
        } catch (Throwable t) {
            if (adm != null) {
                adm.dispose();
            }
            throw new BenchException("webrtc-java could not be loaded (" + t + "); install libpulse0 "
                    + "(apt-get install -y libpulse0) or run ./meshscope bench, which does it.", t);
        }
    }

    @Override
    public String label() {
        return "baseline";
    }

    @Override
    public long connectNanos(boolean trickle, long timeoutMillis) throws BenchException {
        Readiness ready = new Readiness(2);
        RawEnd a = end(trickle, ready);
        RawEnd b = end(trickle, ready);
        a.pairWith(b);
        b.pairWith(a);
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
        RawEnd a = end(true, ready);
        RawEnd b = end(true, ready);
        a.pairWith(b);
        b.pairWith(a);
        try {
            a.start();
            ready.await(timeoutMillis, "a raw pair to connect");
        } catch (BenchException e) {
            closeAll(List.of(a, b));
            throw e;
        }
        return new RawPair(a, b, () -> closeAll(List.of(a, b)));
    }

    @Override
    public MeshRound mesh(int n, long timeoutMillis) throws BenchException {
        System.gc();
        long rssBefore = ProcessStats.rssKib();
        int fdsBefore = ProcessStats.openFds();
        Readiness ready = new Readiness(n * (n - 1));
        List<RawEnd> ends = new ArrayList<>();
        List<RawEnd> offerers = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                for (int j = i + 1; j <= n; j++) {
                    RawEnd atI = end(true, ready);
                    RawEnd atJ = end(true, ready);
                    atI.pairWith(atJ);
                    atJ.pairWith(atI);
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
            return new MeshRound(t1 - t0, rssBefore, ProcessStats.rssKib(), fdsBefore, ProcessStats.openFds());
        } finally {
            closeAll(ends);
        }
    }

    @Override
    public void close() {
        closeAll(new ArrayList<>(live));
        try {
            factory.dispose(); // Only after every connection is closed: a call on one afterwards segfaults.
        } catch (Throwable ignored) {
            // Nothing more to release.
        }
        try {
            audio.dispose();
        } catch (Throwable ignored) {
            // Same.
        }
    }

    private RawEnd end(boolean trickle, Readiness ready) {
        RawEnd e = new RawEnd(factory, trickle, ready::oneReady, ready::failed);
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
