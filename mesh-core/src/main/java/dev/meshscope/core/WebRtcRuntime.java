// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import dev.meshscope.core.internal.NativeCallException;
import dev.meshscope.core.internal.NativeRuntime;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The WebRTC library of a process: one native factory, shared by every connection made with it, and the
 * activity signal for connections owned by threads other than a {@link MeshThread}.
 *
 * <p>Closing is owned and ordered: {@link #close()} closes every live channel and connection first and
 * disposes the factory last, so no call can ever reach a disposed factory (which segfaults). Thread-safe.
 */
public final class WebRtcRuntime implements AutoCloseable {
    private static final Object SHARED_LOCK = new Object();
    private static @Nullable WebRtcRuntime shared;

    private final @Nullable NativeRuntime nativeRuntime;
    private final @Nullable String loadProblem;
    private final CopyOnWriteArrayList<Runnable> activityListeners = new CopyOnWriteArrayList<>();
    private final Runnable wake = this::signalActivity;

    private WebRtcRuntime(@Nullable NativeRuntime nativeRuntime, @Nullable String loadProblem) {
        this.nativeRuntime = nativeRuntime;
        this.loadProblem = loadProblem;
    }

    /**
     * Loads libwebrtc and creates a runtime. Never throws: when the library cannot be loaded, the runtime is
     * unusable, {@link #loadProblem()} says why and which package to install, and every connection made with
     * it fails with that reason.
     */
    public static WebRtcRuntime create() {
        try {
            return new WebRtcRuntime(NativeRuntime.load(), null);
        } catch (NativeCallException e) {
            return new WebRtcRuntime(null, e.reason());
        }
    }

    /** The process-wide runtime, created on first use (and again after it was closed). */
    public static WebRtcRuntime shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || shared.isClosed()) {
                shared = create();
            }
            return shared;
        }
    }

    /** Why the library could not be loaded, or {@code null} when it is loaded. */
    public @Nullable String loadProblem() {
        return loadProblem;
    }

    /** True when the library is loaded and the runtime not closed. */
    public boolean isUsable() {
        return nativeRuntime != null && !nativeRuntime.isClosed();
    }

    /** True once closed (or when it never loaded). */
    public boolean isClosed() {
        return nativeRuntime == null || nativeRuntime.isClosed();
    }

    /**
     * Java heap webrtc-java 0.14.0 leaves behind per received message: a {@code DirectByteBuffer} and an
     * {@code RTCDataChannelBuffer} that its JNI layer never releases (upstream issue 265, fixed by pull request 272,
     * not released). 88 bytes is the upstream estimate; {@code ./meshscope bench soak} measures the slope here.
     */
    public static final long LEAKED_BYTES_PER_MESSAGE = 88;

    /** Messages webrtc-java delivered on this runtime so far (every channel of every connection). Thread-safe. */
    public long messagesReceived() {
        return nativeRuntime == null ? 0 : nativeRuntime.messagesReceived();
    }

    /**
     * The estimated heap the webrtc-java receive leak holds now: {@link #messagesReceived()} times
     * {@link #LEAKED_BYTES_PER_MESSAGE}. An estimate (it is not visible to MeshScope), shown so an operator
     * running a long flood knows where the memory goes. Thread-safe.
     */
    public long leakEstimateBytes() {
        return messagesReceived() * LEAKED_BYTES_PER_MESSAGE;
    }

    /** How many native connections are still open on this runtime. */
    public int liveConnections() {
        return nativeRuntime == null ? 0 : nativeRuntime.liveConnections();
    }

    /**
     * Registers {@code listener} to run after every native callback that delivered something for a connection
     * that was not created on a {@link MeshThread} (a MeshThread is woken directly by its own connections, and by
     * nothing else). It runs on webrtc-java's signalling thread: it must only wake a thread (unpark, count down),
     * never block.
     */
    public void addActivityListener(Runnable listener) {
        activityListeners.add(listener);
    }

    /** Removes an activity listener. */
    public void removeActivityListener(Runnable listener) {
        activityListeners.remove(listener);
    }

    @Nullable
    NativeRuntime nativeRuntime() {
        return nativeRuntime;
    }

    Runnable wake() {
        return wake;
    }

    private void signalActivity() {
        for (Runnable r : activityListeners) {
            r.run();
        }
    }

    /** Closes every connection made with this runtime, then disposes the native factory. Idempotent. */
    @Override
    public void close() {
        if (nativeRuntime != null) {
            nativeRuntime.close();
        }
    }
}
