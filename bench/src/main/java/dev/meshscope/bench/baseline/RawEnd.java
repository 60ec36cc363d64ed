// SPDX-License-Identifier: MIT
package dev.meshscope.bench.baseline;

import dev.meshscope.bench.Workload;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One end of a raw webrtc-java connection, written the way a careful application would use the library
 * directly: Godot's three negotiated channels (ids 1, 2, 3), signalling done inside the callbacks, received
 * messages copied out of native memory before the callback returns, every callback fenced (a Throwable
 * escaping one aborts the JVM), channels disposed before the connection is closed.
 *
 * <p>Threads: every callback runs on the factory's signalling thread; {@link #start}, {@link #send},
 * {@link #bufferedAmount} and {@link #close} run on the benchmark thread or inside a callback. What goes to
 * the other end goes through a relay: direct when both ends share a factory (one signalling thread), a
 * relay thread when they do not (a blocking call from one signalling thread into another factory could
 * deadlock). Signalling state is guarded by this object's monitor, never held across a native call.
 */
final class RawEnd {
    /** Where received messages go; called on the signalling thread with a fresh array the sink owns. */
    interface Sink {
        void onMessage(int channel, byte[] data) throws Exception;
    }

    /** A callback body; anything it throws is reported, never passed back into webrtc-java. */
    private interface Body {
        void run() throws Exception;
    }

    private final boolean trickle;
    private final Runnable onReady;
    private final Consumer<String> onFailure;
    private final RTCPeerConnection pc;
    private final RTCDataChannel[] channels = new RTCDataChannel[Workload.CHANNELS];
    private final boolean[] open = new boolean[Workload.CHANNELS];
    private final List<RTCIceCandidate> held = new ArrayList<>();
    private RawEnd remote;
    private Executor relay;
    private boolean remoteApplied;
    private boolean localApplied;
    private boolean gatheringComplete;
    private boolean descriptionSent;
    private boolean connected;
    private boolean ready;
    private volatile boolean closed;
    private volatile Sink sink = (channel, data) -> {};

    /**
     * Creates the connection and its three channels.
     *
     * @param onReady   runs once, on the signalling thread, when the connection is CONNECTED and all three
     *                  channels are OPEN
     * @param onFailure receives a sentence when a step fails (signalling thread)
     */
    RawEnd(PeerConnectionFactory factory, boolean trickle, Runnable onReady, Consumer<String> onFailure) {
        this.trickle = trickle;
        this.onReady = onReady;
        this.onFailure = onFailure;
        RTCConfiguration config = new RTCConfiguration();
        // Host candidates only, no STUN/TURN; TCP candidates off as in mesh-core's default (~31 fds each).
        config.portAllocatorConfig = new PortAllocatorConfig(0, 0, 0).setDisableTcp(true);
        this.pc = factory.createPeerConnection(config, new ConnectionObserver());
        for (int i = 0; i < Workload.CHANNELS; i++) {
            RTCDataChannelInit init = new RTCDataChannelInit();
            init.negotiated = true;
            init.id = Workload.CHANNEL_IDS[i];
            init.ordered = i != Workload.UNRELIABLE;
            init.maxPacketLifeTime = i == Workload.RELIABLE ? -1 : Workload.LIFETIME_MS;
            channels[i] = pc.createDataChannel(Workload.CHANNEL_LABELS[i], init);
            channels[i].registerObserver(new ChannelObserver(i));
        }
    }

    /** Pairs this end with the other one: descriptions and candidates go to it through {@code relay}. */
    void pairWith(RawEnd other, Executor relay) {
        this.remote = other;
        this.relay = relay;
    }

    /** Sets where received messages go. */
    void setSink(Sink s) {
        sink = s;
    }

    /** Creates the offer; the rest of the exchange runs in callbacks. Benchmark thread. */
    void start() {
        pc.createOffer(new RTCOfferOptions(), new CreateObserver());
    }

    /** Sends {@code data} whole on channel {@code channel}; the array is not retained. */
    void send(int channel, byte[] data) throws Exception {
        channels[channel].send(new RTCDataChannelBuffer(ByteBuffer.wrap(data), true));
    }

    /** The native buffered amount of channel {@code channel}. */
    long bufferedAmount(int channel) {
        return channels[channel].getBufferedAmount();
    }

    /** Unregisters, closes and disposes every channel, then closes the connection. Benchmark thread; once. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RTCDataChannel dc : channels) {
            try {
                dc.unregisterObserver();
                dc.close();
                dc.dispose();
            } catch (Throwable ignored) {
                // Closed natively already; nothing more to release.
            }
        }
        try {
            pc.close();
        } catch (Throwable ignored) {
            // Same.
        }
    }

    private void receiveDescription(RTCSessionDescription d) {
        pc.setRemoteDescription(d, new SetRemoteObserver(d.sdpType));
    }

    private void receiveCandidate(RTCIceCandidate c) {
        synchronized (this) {
            if (!remoteApplied) {
                held.add(c); // libwebrtc silently ignores a candidate that comes before the remote description.
                return;
            }
        }
        pc.addIceCandidate(c);
    }

    private void onRemoteApplied(RTCSdpType type) {
        List<RTCIceCandidate> now;
        synchronized (this) {
            remoteApplied = true;
            now = new ArrayList<>(held);
            held.clear();
        }
        for (RTCIceCandidate c : now) {
            pc.addIceCandidate(c);
        }
        if (type == RTCSdpType.OFFER) {
            pc.createAnswer(new RTCAnswerOptions(), new CreateObserver());
        }
    }

    private void onLocalApplied(RTCSessionDescription d) {
        boolean send;
        synchronized (this) {
            localApplied = true;
            send = readyToSend();
        }
        if (send) {
            RTCSessionDescription full = trickle ? d : pc.getLocalDescription();
            relay.execute(() -> remote.receiveDescription(full));
        }
    }

    private void onGatheringComplete() {
        boolean send;
        synchronized (this) {
            gatheringComplete = true;
            send = readyToSend();
        }
        if (send) {
            RTCSessionDescription full = pc.getLocalDescription();
            relay.execute(() -> remote.receiveDescription(full));
        }
    }

    /**
     * True once, when the description should go: trickle as soon as it is applied; non-trickle once gathering
     * is also complete, so it carries every candidate. Under the monitor.
     */
    private boolean readyToSend() {
        if (descriptionSent || !localApplied || (!trickle && !gatheringComplete)) {
            return false;
        }
        descriptionSent = true;
        return true;
    }

    private synchronized void onChannelState(int i, RTCDataChannelState s) {
        open[i] = s == RTCDataChannelState.OPEN;
        checkReady();
    }

    private synchronized void onConnectionState(RTCPeerConnectionState s) {
        connected = s == RTCPeerConnectionState.CONNECTED;
        if (s == RTCPeerConnectionState.FAILED) {
            onFailure.accept("the raw connection FAILED");
        }
        checkReady();
    }

    private void checkReady() {
        if (ready || !connected) {
            return;
        }
        for (boolean o : open) {
            if (!o) {
                return;
            }
        }
        ready = true;
        onReady.run();
    }

    /** Every callback body runs fenced: a Throwable escaping into webrtc-java aborts the JVM. */
    private void fenced(String what, Body body) {
        if (closed) {
            return;
        }
        try {
            body.run();
        } catch (Throwable t) {
            try {
                onFailure.accept(what + " failed: " + t);
            } catch (Throwable ignored) {
                // The failure sink itself failed: still never let it escape.
            }
        }
    }

    private final class CreateObserver implements CreateSessionDescriptionObserver {
        @Override
        public void onSuccess(RTCSessionDescription d) {
            fenced("create description", () -> pc.setLocalDescription(d, new SetLocalObserver(d)));
        }

        @Override
        public void onFailure(String error) {
            fenced("create description", () -> onFailure.accept("create description: " + error));
        }
    }

    private final class SetLocalObserver implements SetSessionDescriptionObserver {
        private final RTCSessionDescription description;

        SetLocalObserver(RTCSessionDescription description) {
            this.description = description;
        }

        @Override
        public void onSuccess() {
            fenced("local description applied", () -> onLocalApplied(description));
        }

        @Override
        public void onFailure(String error) {
            fenced("set local description", () -> onFailure.accept("setLocalDescription: " + error));
        }
    }

    private final class SetRemoteObserver implements SetSessionDescriptionObserver {
        private final RTCSdpType type;

        SetRemoteObserver(RTCSdpType type) {
            this.type = type;
        }

        @Override
        public void onSuccess() {
            fenced("remote description applied", () -> onRemoteApplied(type));
        }

        @Override
        public void onFailure(String error) {
            fenced("set remote description", () -> onFailure.accept("setRemoteDescription: " + error));
        }
    }

    private final class ConnectionObserver implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate c) {
            fenced("onIceCandidate", () -> {
                if (trickle) {
                    relay.execute(() -> remote.receiveCandidate(c));
                }
            });
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState s) {
            fenced("onIceGatheringChange", () -> {
                if (s == RTCIceGatheringState.COMPLETE) {
                    onGatheringComplete();
                }
            });
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState s) {
            fenced("onConnectionChange", () -> onConnectionState(s));
        }
    }

    private final class ChannelObserver implements RTCDataChannelObserver {
        private final int index;

        ChannelObserver(int index) {
            this.index = index;
        }

        @Override
        public void onBufferedAmountChange(long previousAmount) {
            // Never fires in webrtc-java 0.14.0; senders read the buffered amount instead.
        }

        @Override
        public void onStateChange() {
            fenced("onStateChange", () -> onChannelState(index, channels[index].getState()));
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            fenced("onMessage", () -> {
                ByteBuffer src = buffer.data;
                byte[] copy = new byte[src.remaining()]; // The native buffer is freed when this callback returns.
                src.get(copy);
                sink.onMessage(index, copy);
            });
        }
    }
}
