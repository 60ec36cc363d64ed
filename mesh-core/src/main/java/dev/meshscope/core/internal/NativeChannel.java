// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import dev.meshscope.core.ChannelState;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One webrtc-java data channel and its observer.
 *
 * <ul>
 *   <li>{@code onMessage} copies the message out of the native buffer before returning: webrtc-java frees
 *       that memory when the callback returns (facts, crash 5).</li>
 *   <li>{@link #send} always passes an exactly-sized heap buffer: webrtc-java sends the whole backing array
 *       whatever its position and limit.</li>
 *   <li>Teardown is unregister, close, dispose, exactly once; nothing calls through afterwards (a second
 *       dispose throws, calls after the connection closed throw NullPointerException).</li>
 * </ul>
 *
 * <p>Methods without "callback" in their documentation are called on the owner thread.
 */
public final class NativeChannel {
    /** Messages that arrive before the public channel attached its sink (in-band channels) wait here. */
    private static final int MAX_EARLY_MESSAGES = 1024;

    private final RTCDataChannel dc;
    private final NativeRuntime runtime;
    private final Consumer<NativeSignal> signals;
    private final Runnable wake;
    private final Config config;
    private final Queue<Object[]> early = new ConcurrentLinkedQueue<>();
    private volatile @Nullable ChannelSink sink;
    private final AtomicBoolean disposed = new AtomicBoolean();

    /**
     * What the channel was created with, read once from native getters.
     *
     * @param label             the label
     * @param id                the stream id or -1
     * @param negotiated        whether it was negotiated out of band
     * @param ordered           whether delivery is ordered
     * @param maxPacketLifeTime ms, or -1
     * @param maxRetransmits    count, or -1
     * @param protocol          sub-protocol or ""
     */
    public record Config(
            String label,
            int id,
            boolean negotiated,
            boolean ordered,
            int maxPacketLifeTime,
            int maxRetransmits,
            String protocol) {}

    /**
     * Wraps {@code dc}. {@code known} is the configuration it was created with, or {@code null} for a channel the
     * remote opened (then it is read from native getters, which report an unset lifetime or retransmit limit
     * as 0, so a locally created channel must pass what it asked for).
     */
    NativeChannel(
            RTCDataChannel dc,
            @Nullable Config known,
            NativeRuntime runtime,
            Consumer<NativeSignal> signals,
            Runnable wake) {
        this.dc = dc;
        this.runtime = runtime;
        this.signals = signals;
        this.wake = wake;
        this.config = known != null
                ? known
                : new Config(
                        nz(dc.getLabel()),
                        dc.getId(),
                        dc.isNegotiated(),
                        dc.isOrdered(),
                        normalizeUnset(dc.getMaxPacketLifeTime()),
                        normalizeUnset(dc.getMaxRetransmits()),
                        nz(dc.getProtocol()));
        dc.registerObserver(new Observer());
    }

    /** The configuration read when the channel was created. */
    public Config config() {
        return config;
    }

    /** Sets where received messages go, and hands over any that arrived before. Owner thread. */
    public void attach(ChannelSink s) {
        sink = s;
        Object[] m;
        while ((m = early.poll()) != null) {
            s.onMessage((byte[]) m[0], (Boolean) m[1]);
        }
    }

    /**
     * Sends {@code data} as one message. The array is sent whole, and is not retained.
     *
     * @throws NativeCallException when the channel is disposed, the runtime closed, or webrtc-java threw
     */
    public void send(byte[] data, boolean binary) throws NativeCallException {
        if (disposed.get()) {
            throw new NativeCallException("the channel is closed");
        }
        if (!runtime.enter()) {
            throw new NativeCallException("the WebRTC runtime is closed");
        }
        try {
            dc.send(new RTCDataChannelBuffer(ByteBuffer.wrap(data), binary));
        } catch (Throwable t) {
            throw new NativeCallException("send failed: " + NativeRuntime.rootMessage(t), t);
        } finally {
            runtime.exit();
        }
    }

    /**
     * Sends {@code data} from inside a native callback (probe pongs answered where the ping arrived; sending is
     * safe there, facts "Threads and callbacks"). Never blocks and never throws.
     *
     * @return true when handed to libwebrtc; false when the channel or runtime is closing (the caller falls back
     *         to the owner thread)
     */
    public boolean sendFromCallback(byte[] data, boolean binary) {
        if (disposed.get() || !runtime.tryEnter()) {
            return false;
        }
        try {
            dc.send(new RTCDataChannelBuffer(ByteBuffer.wrap(data), binary));
            return true;
        } catch (Throwable t) {
            return false;
        } finally {
            runtime.exit();
        }
    }

    /**
     * The stream id libwebrtc assigned, read live (an in-band channel gets its id only once the DTLS role is
     * known), or -1 when unknown or closed. Owner thread.
     */
    public int liveId() {
        if (disposed.get() || !runtime.enter()) {
            return -1;
        }
        try {
            int id = dc.getId();
            return id < 0 || id >= 65535 ? -1 : id;
        } catch (Throwable t) {
            return -1;
        } finally {
            runtime.exit();
        }
    }

    /** The native buffered amount, or -1 when it cannot be read (closed). */
    public long bufferedAmount() {
        if (disposed.get() || !runtime.enter()) {
            return -1;
        }
        try {
            return dc.getBufferedAmount();
        } catch (Throwable t) {
            return -1;
        } finally {
            runtime.exit();
        }
    }

    /** Asks the channel to close (the remote sees it close too). Owner thread. */
    public void close() {
        if (disposed.get() || !runtime.enter()) {
            return;
        }
        try {
            dc.close();
        } catch (Throwable ignored) {
            // Already closed natively: nothing more to do.
        } finally {
            runtime.exit();
        }
    }

    /**
     * Unregisters, closes and disposes, exactly once whoever calls first (the owner closing the connection, or
     * a callback that found its connection closed). Takes no lock: a lock here could deadlock with a callback.
     */
    void dispose() {
        if (!disposed.compareAndSet(false, true)) {
            return;
        }
        try {
            dc.unregisterObserver();
        } catch (Throwable ignored) {
            // Continue the teardown regardless.
        }
        try {
            dc.close();
        } catch (Throwable ignored) {
            // Same.
        }
        try {
            dc.dispose();
        } catch (Throwable ignored) {
            // Same.
        }
    }

    /** True once disposed. */
    public boolean isDisposed() {
        return disposed.get();
    }

    static ChannelState map(RTCDataChannelState s) {
        if (s == null) {
            return ChannelState.CLOSED;
        }
        switch (s) {
            case CONNECTING:
                return ChannelState.CONNECTING;
            case OPEN:
                return ChannelState.OPEN;
            case CLOSING:
                return ChannelState.CLOSING;
            default:
                return ChannelState.CLOSED;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Native getters report an unset limit as -1 or 65535 (and 0 on some paths, which cannot be told from a real 0). */
    private static int normalizeUnset(int v) {
        return v < 0 || v == 65535 ? -1 : v;
    }

    /** Callbacks, on webrtc-java's signalling thread: copy, enqueue, wake; catch everything. */
    private final class Observer implements RTCDataChannelObserver {
        @Override
        public void onBufferedAmountChange(long previousAmount) {
            // Never fires in webrtc-java 0.14.0; the buffered amount is read on demand instead.
        }

        @Override
        public void onStateChange() {
            CallbackGuard.run("onStateChange", () -> {
                signals.accept(new NativeSignal.ChannelChanged(Stamp.now(), NativeChannel.this, map(dc.getState())));
                wake.run();
            });
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            CallbackGuard.run("onMessage", () -> {
                runtime.countMessage();
                ByteBuffer src = buffer.data.duplicate();
                byte[] copy = new byte[src.remaining()];
                src.get(copy);
                ChannelSink s = sink;
                if (s != null) {
                    if (!s.onMessage(copy, buffer.binary)) {
                        return;
                    }
                } else if (early.size() < MAX_EARLY_MESSAGES) {
                    early.add(new Object[] {copy, buffer.binary});
                }
                wake.run();
            });
        }
    }
}
