// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.DataChannelOptions;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.snapshot.WireStats;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One webrtc-java peer connection, its observer and its channels.
 *
 * <p>Every method but the observer's is called on the owner thread, inside the runtime gate. Every observer
 * method (signalling thread) only builds a {@link NativeSignal}, hands it to {@code signals}, and calls
 * {@code wake}; it catches everything and never blocks. Asynchronous results (created and applied
 * descriptions, failures, stats) come back the same way.
 */
public final class NativeConnection {
    private final NativeRuntime runtime;
    private final Consumer<NativeSignal> signals;
    private final Runnable wake;
    private final RTCPeerConnection pc;
    private final List<NativeChannel> channels = new ArrayList<>();
    private boolean closed;

    /**
     * Creates the native connection.
     *
     * @param signals where callbacks put what they observed (must be thread-safe and non-blocking)
     * @param wake    called after every signal, from the signalling thread (must not block)
     * @throws NativeCallException when the runtime is closed or libwebrtc refuses the configuration
     */
    public NativeConnection(NativeRuntime runtime, RtcConfiguration config, Consumer<NativeSignal> signals,
                            Runnable wake) throws NativeCallException {
        this.runtime = runtime;
        this.signals = signals;
        this.wake = wake;
        if (!runtime.enter()) {
            throw new NativeCallException("the WebRTC runtime is closed");
        }
        try {
            RTCPeerConnection created = runtime.createPeerConnection(toNative(config), new Observer());
            if (created == null) {
                throw new NativeCallException("libwebrtc refused to create a peer connection with this configuration");
            }
            this.pc = created;
            runtime.register(this);
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeCallException("creating the peer connection failed: " + NativeRuntime.rootMessage(t), t);
        } finally {
            runtime.exit();
        }
    }

    private static RTCConfiguration toNative(RtcConfiguration config) {
        RTCConfiguration c = new RTCConfiguration();
        for (RtcConfiguration.IceServer s : config.iceServers()) {
            RTCIceServer n = new RTCIceServer();
            n.urls.addAll(s.urls());
            if (!s.username().isEmpty()) {
                n.username = s.username();
            }
            if (!s.credential().isEmpty()) {
                n.password = s.credential();
            }
            c.iceServers.add(n);
        }
        c.portAllocatorConfig = new PortAllocatorConfig(config.portRangeBegin(), config.portRangeEnd(), 0);
        c.portAllocatorConfig.setDisableTcp(!config.enableIceTcp());
        return c;
    }

    /**
     * Creates a channel after {@link ChannelInitCheck} approved its options (the caller checks: a rejected
     * init crashes the JVM).
     */
    public NativeChannel createChannel(String label, DataChannelOptions o) throws NativeCallException {
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.negotiated = o.negotiated();
        init.id = o.negotiated() ? o.id() : -1;
        init.ordered = o.ordered();
        init.maxPacketLifeTime = o.maxPacketLifeTime();
        init.maxRetransmits = o.maxRetransmits();
        init.protocol = o.protocol();
        return call("createDataChannel", () -> {
            RTCDataChannel dc = pc.createDataChannel(label, init);
            if (dc == null) {
                throw new NativeCallException("libwebrtc refused to create data channel \"" + label + "\"");
            }
            NativeChannel.Config known = new NativeChannel.Config(label, dc.getId(), o.negotiated(), o.ordered(),
                    o.maxPacketLifeTime(), o.maxRetransmits(), o.protocol());
            NativeChannel ch = new NativeChannel(dc, known, runtime, signals, wake);
            synchronized (this) {
                channels.add(ch);
            }
            return ch;
        });
    }

    /** Starts creating an offer; the result arrives as a DescriptionCreated or StepFailed signal. */
    public void createOffer() throws NativeCallException {
        call("createOffer", () -> {
            pc.createOffer(new RTCOfferOptions(), new CreateObserver("offer"));
            return null;
        });
    }

    /** Starts creating an answer; the result arrives as a DescriptionCreated or StepFailed signal. */
    public void createAnswer() throws NativeCallException {
        call("createAnswer", () -> {
            pc.createAnswer(new RTCAnswerOptions(), new CreateObserver("answer"));
            return null;
        });
    }

    /** Applies a local description; the result arrives as LocalApplied or StepFailed. */
    public void setLocal(String type, String sdp) throws NativeCallException {
        call("setLocalDescription", () -> {
            pc.setLocalDescription(new RTCSessionDescription(sdpType(type), sdp), new SetObserver(type, sdp, true));
            return null;
        });
    }

    /**
     * Applies a remote description; the result arrives as RemoteApplied or StepFailed. Garbage makes
     * webrtc-java throw a {@code java.lang.Error} synchronously: that becomes a NativeCallException.
     */
    public void setRemote(String type, String sdp) throws NativeCallException {
        call("setRemoteDescription", () -> {
            pc.setRemoteDescription(new RTCSessionDescription(sdpType(type), sdp), new SetObserver(type, sdp, false));
            return null;
        });
    }

    /** Adds a remote candidate (checked by the caller; garbage throws a java.lang.Error natively). */
    public void addCandidate(String mid, int index, String candidate) throws NativeCallException {
        call("addIceCandidate", () -> {
            pc.addIceCandidate(new RTCIceCandidate(mid, index, candidate));
            return null;
        });
    }

    /** The current local description text (with every candidate gathered so far), or "". */
    public String localDescription() {
        try {
            return call("getLocalDescription", () -> {
                RTCSessionDescription d = pc.getLocalDescription();
                return d == null || d.sdp == null ? "" : d.sdp;
            });
        } catch (NativeCallException e) {
            return "";
        }
    }

    /** Requests a stats report; it arrives as a StatsArrived signal for {@code consumer}. */
    public void requestStats(Consumer<WireStats> consumer) throws NativeCallException {
        call("getStats", () -> {
            pc.getStats(report -> CallbackGuard.run("onStatsDelivered", () -> {
                signals.accept(new NativeSignal.StatsArrived(Stamp.now(), StatsReader.read(report), consumer));
                wake.run();
            }));
            return null;
        });
    }

    /** Disposes every channel, then closes the connection. Owner thread, idempotent. */
    public void close() {
        if (!runtime.enter()) {
            return; // The runtime closed us already.
        }
        try {
            closeNative();
        } finally {
            runtime.exit();
        }
    }

    /** The teardown itself; called under the gate by close() or by the runtime while it closes. */
    synchronized void closeNative() {
        if (closed) {
            return;
        }
        closed = true;
        for (NativeChannel c : channels) {
            c.dispose();
        }
        try {
            pc.close();
        } catch (Throwable ignored) {
            // Already closed: nothing more can be done. webrtc-java 0.14.0 has no dispose for connections.
        }
        runtime.unregister(this);
    }

    /** True once closed. */
    public boolean isClosed() {
        return closed;
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, Action<T> action) throws NativeCallException {
        if (closed) {
            throw new NativeCallException(what + ": the connection is closed");
        }
        if (!runtime.enter()) {
            throw new NativeCallException(what + ": the WebRTC runtime is closed");
        }
        try {
            return action.run();
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeCallException(what + " failed: " + NativeRuntime.rootMessage(t), t);
        } finally {
            runtime.exit();
        }
    }

    private static RTCSdpType sdpType(String type) {
        return "offer".equals(type) ? RTCSdpType.OFFER : RTCSdpType.ANSWER;
    }

    private void emit(NativeSignal s) {
        signals.accept(s);
        wake.run();
    }

    private final class CreateObserver implements CreateSessionDescriptionObserver {
        private final String type;

        CreateObserver(String type) {
            this.type = type;
        }

        @Override
        public void onSuccess(RTCSessionDescription description) {
            CallbackGuard.run("create " + type + " onSuccess",
                    () -> emit(new NativeSignal.DescriptionCreated(Stamp.now(), type, description.sdp)));
        }

        @Override
        public void onFailure(String error) {
            CallbackGuard.run("create " + type + " onFailure",
                    () -> emit(new NativeSignal.StepFailed(Stamp.now(), "create " + type, String.valueOf(error))));
        }
    }

    private final class SetObserver implements SetSessionDescriptionObserver {
        private final String type;
        private final String sdp;
        private final boolean local;

        SetObserver(String type, String sdp, boolean local) {
            this.type = type;
            this.sdp = sdp;
            this.local = local;
        }

        @Override
        public void onSuccess() {
            CallbackGuard.run("set description onSuccess", () -> emit(local
                    ? new NativeSignal.LocalApplied(Stamp.now(), type, sdp)
                    : new NativeSignal.RemoteApplied(Stamp.now(), type)));
        }

        @Override
        public void onFailure(String error) {
            CallbackGuard.run("set description onFailure", () -> emit(new NativeSignal.StepFailed(Stamp.now(),
                    (local ? "setLocalDescription(" : "setRemoteDescription(") + type + ")", String.valueOf(error))));
        }
    }

    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate c) {
            CallbackGuard.run("onIceCandidate", () -> emit(new NativeSignal.LocalCandidate(Stamp.now(),
                    c.sdpMid == null ? "" : c.sdpMid, c.sdpMLineIndex, c.sdp)));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            CallbackGuard.run("onConnectionChange",
                    () -> emit(new NativeSignal.ConnectionChanged(Stamp.now(), map(state))));
        }

        @Override
        public void onSignalingChange(RTCSignalingState state) {
            CallbackGuard.run("onSignalingChange",
                    () -> emit(new NativeSignal.SignalingChanged(Stamp.now(), map(state))));
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            CallbackGuard.run("onIceGatheringChange",
                    () -> emit(new NativeSignal.GatheringChanged(Stamp.now(), map(state))));
        }

        @Override
        public void onDataChannel(RTCDataChannel dataChannel) {
            CallbackGuard.run("onDataChannel", () -> {
                // Registering the observer here, in the callback, loses no message; it takes no gate
                // (close() waits on this thread, so taking it here could deadlock).
                NativeChannel ch = new NativeChannel(dataChannel, null, runtime, signals, wake);
                synchronized (NativeConnection.this) {
                    if (closed) {
                        ch.dispose();
                        return;
                    }
                    channels.add(ch);
                }
                emit(new NativeSignal.ChannelReceived(Stamp.now(), ch));
            });
        }
    }

    static ConnectionState map(RTCPeerConnectionState s) {
        if (s == null) {
            return ConnectionState.CLOSED;
        }
        switch (s) {
            case NEW: return ConnectionState.NEW;
            case CONNECTING: return ConnectionState.CONNECTING;
            case CONNECTED: return ConnectionState.CONNECTED;
            case DISCONNECTED: return ConnectionState.DISCONNECTED;
            case FAILED: return ConnectionState.FAILED;
            default: return ConnectionState.CLOSED;
        }
    }

    static SignalingState map(RTCSignalingState s) {
        if (s == null) {
            return SignalingState.CLOSED;
        }
        switch (s) {
            case STABLE: return SignalingState.STABLE;
            case HAVE_LOCAL_OFFER: return SignalingState.HAVE_LOCAL_OFFER;
            case HAVE_REMOTE_OFFER: return SignalingState.HAVE_REMOTE_OFFER;
            case HAVE_LOCAL_PR_ANSWER: return SignalingState.HAVE_LOCAL_PRANSWER;
            case HAVE_REMOTE_PR_ANSWER: return SignalingState.HAVE_REMOTE_PRANSWER;
            default: return SignalingState.CLOSED;
        }
    }

    static GatheringState map(RTCIceGatheringState s) {
        if (s == null) {
            return GatheringState.NEW;
        }
        switch (s) {
            case GATHERING: return GatheringState.GATHERING;
            case COMPLETE: return GatheringState.COMPLETE;
            default: return GatheringState.NEW;
        }
    }
}
