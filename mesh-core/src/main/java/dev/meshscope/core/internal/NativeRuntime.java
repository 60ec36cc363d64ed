// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Owns the one {@link PeerConnectionFactory} of a runtime and orders its teardown.
 *
 * <ul>
 *   <li>The factory is always built on a {@link HeadlessAudioDeviceModule}: the default audio module aborts
 *       the JVM on a machine without a sound card (facts, crash 1). This is the only place a factory is made.</li>
 *   <li>Every native call from an owner thread runs inside {@link #enter()}/{@link #exit()}; {@link #close()}
 *       takes the gate exclusively, closes every live connection, and only then disposes the factory
 *       (disposing it first makes the next call on any connection segfault: facts, crash 3).</li>
 * </ul>
 *
 * <p>Thread-safe. Callbacks never take the gate (close waits on the signalling thread, which runs them).
 */
public final class NativeRuntime {
    /** How long close() waits for in-flight native calls before giving up on a clean dispose. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    /**
     * Threads that make negotiation calls for owner threads. libwebrtc runs every proxied call on its one
     * signalling thread and blocks the caller until it gets there; with several callers, several calls wait
     * in that queue at once instead of one owner thread waiting out the whole backlog call after call (a
     * 16-peer mesh connected ~2x slower that way). Each connection's calls stay in order (see NativeConnection).
     */
    static final int CALLER_THREADS = 4;

    private final HeadlessAudioDeviceModule audio;
    private final PeerConnectionFactory factory;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Set<NativeConnection> live = ConcurrentHashMap.newKeySet();
    private final LongAdder messagesReceived = new LongAdder();
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLER_THREADS, r -> {
        Thread t = new Thread(r, "webrtc-caller");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private NativeRuntime(HeadlessAudioDeviceModule audio, PeerConnectionFactory factory) {
        this.audio = audio;
        this.factory = factory;
    }

    /**
     * Loads libwebrtc and builds the factory.
     *
     * @throws NativeCallException with a message that names the missing system package when the library
     *                             cannot be loaded
     */
    public static NativeRuntime load() throws NativeCallException {
        HeadlessAudioDeviceModule adm = null;
        try {
            adm = new HeadlessAudioDeviceModule();
            PeerConnectionFactory f = new PeerConnectionFactory(adm);
            return new NativeRuntime(adm, f);
        } catch (Throwable t) {
            if (adm != null) {
                try {
                    adm.dispose();
                } catch (Throwable ignored) {
                    // The module is unusable anyway.
                }
            }
            throw new NativeCallException(
                    "libwebrtc could not be loaded (" + rootMessage(t) + "). It needs the Debian "
                            + "packages libpulse0, libudev1, libx11-6, libxfixes3, libxrandr2, libxcomposite1 and libdbus-1-3: "
                            + "run 'apt-get install -y libpulse0' as root (./meshscope does this for you).",
                    t);
        }
    }

    /** Enters the gate for one native call; false when the runtime is closed (then make no native call). */
    public boolean enter() {
        gate.readLock().lock();
        if (closed) {
            gate.readLock().unlock();
            return false;
        }
        return true;
    }

    /**
     * {@link #enter()} for a native callback: never waits. It fails while {@link #close()} holds the gate (the
     * closing thread may be waiting for the signalling thread this callback runs on), so the caller skips the call.
     */
    public boolean tryEnter() {
        if (!gate.readLock().tryLock()) {
            return false;
        }
        if (closed) {
            gate.readLock().unlock();
            return false;
        }
        return true;
    }

    /** Leaves the gate after a native call entered with {@link #enter()} or {@link #tryEnter()}. */
    public void exit() {
        gate.readLock().unlock();
    }

    /** True once {@link #close()} started. */
    public boolean isClosed() {
        return closed;
    }

    /** Counts one message delivered by webrtc-java's onMessage (any channel). Callback thread; never blocks. */
    void countMessage() {
        messagesReceived.increment();
    }

    /** Messages delivered by webrtc-java on this runtime since it was created. */
    public long messagesReceived() {
        return messagesReceived.sum();
    }

    /** How many connections are open on this runtime. */
    public int liveConnections() {
        return live.size();
    }

    /** Runs {@code task} on a caller thread (see {@link #CALLER_THREADS}). */
    void call(Runnable task) {
        callers.execute(task);
    }

    RTCPeerConnection createPeerConnection(RTCConfiguration config, PeerConnectionObserver observer) {
        return factory.createPeerConnection(config, observer);
    }

    void register(NativeConnection c) {
        live.add(c);
    }

    void unregister(NativeConnection c) {
        live.remove(c);
    }

    /**
     * Closes every live connection (channels first), then disposes the factory and the audio module.
     * Idempotent. Call it from any thread but never from a webrtc-java callback.
     */
    public void close() {
        boolean locked = false;
        try {
            locked = gate.writeLock().tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<NativeConnection> all = new ArrayList<>(live);
            for (NativeConnection c : all) {
                c.closeNative();
            }
            live.clear();
            callers.shutdown();
            if (!locked) {
                // An owner thread is stuck inside a native call: disposing now could crash it. Leak the factory.
                return;
            }
            try {
                factory.dispose();
            } catch (Throwable ignored) {
                // Nothing useful to do: the process is tearing down the library.
            }
            try {
                audio.dispose();
            } catch (Throwable ignored) {
                // Same.
            }
        } finally {
            if (locked) {
                gate.writeLock().unlock();
            }
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
