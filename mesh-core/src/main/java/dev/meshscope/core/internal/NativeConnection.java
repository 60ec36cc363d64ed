// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.DataChannelOptions;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.IceTransportPolicy;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.Step;
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
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionIceErrorEvent;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One webrtc-java peer connection, its observer and its channels.
 *
 * <p>Threads:
 * <ul>
 *   <li>Observer methods run on webrtc-java's signalling thread. They build a {@link NativeSignal}, hand it to
 *       {@code signals}, and wake the owners; they catch everything and never block. The two steps native
 *       Godot's backend takes on its own thread (applying the description it created, and answering a remote
 *       offer) are chained there too, as asynchronous calls that return at once: done from the owner thread,
 *       each cost two thread switches through a busy signalling thread.</li>
 *   <li>Negotiation calls the owner makes (create an offer, apply a remote description, add a candidate) are
 *       queued per connection and made in order by a runtime caller thread ({@link #later}), so an owner
 *       thread never waits out libwebrtc's backlog; their failures arrive as StepFailed signals.</li>
 *   <li>Every other method is called on the owner thread, inside the runtime gate.</li>
 * </ul>
 */
public final class NativeConnection {
    private final NativeRuntime runtime;
    private final Consumer<NativeSignal> signals;
    private final Runnable wake;
    private final RTCPeerConnection pc;
    /** Written by the owner (created channels) and by onDataChannel (received ones); never locked. */
    private final List<NativeChannel> channels = new CopyOnWriteArrayList<>();

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * Creates the native connection.
     *
     * @param signals where callbacks put what they observed (must be thread-safe and non-blocking)
     * @param wake    called after every signal, from the signalling thread (must not block)
     * @throws NativeCallException when the runtime is closed or libwebrtc refuses the configuration
     */
    public NativeConnection(
            NativeRuntime runtime, RtcConfiguration config, Consumer<NativeSignal> signals, Runnable wake)
            throws NativeCallException {
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
        c.iceTransportPolicy = config.iceTransportPolicy() == IceTransportPolicy.RELAY
                ? RTCIceTransportPolicy.RELAY
                : RTCIceTransportPolicy.ALL;
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
            NativeChannel.Config known = new NativeChannel.Config(
                    label,
                    dc.getId(),
                    o.negotiated(),
                    o.ordered(),
                    o.maxPacketLifeTime(),
                    o.maxRetransmits(),
                    o.protocol());
            NativeChannel ch = new NativeChannel(dc, known, runtime, signals, wake);
            channels.add(ch);
            return ch;
        });
    }

    /**
     * Starts creating an offer; the callback applies it locally, and the result arrives as a LocalApplied (or
     * StepFailed) signal.
     */
    public void createOffer() throws NativeCallException {
        later(Step.CREATE_OFFER, () -> pc.createOffer(new RTCOfferOptions(), new CreateObserver("offer")));
    }

    /** Applies a local description; the result arrives as LocalApplied or StepFailed. */
    public void setLocal(String type, String sdp) throws NativeCallException {
        later(
                Step.SET_LOCAL_DESCRIPTION,
                () -> pc.setLocalDescription(
                        new RTCSessionDescription(sdpType(type), sdp), new SetObserver(type, sdp, true)));
    }

    /**
     * Applies a remote description; the result arrives as RemoteApplied or StepFailed. For an offer, the
     * callback then creates and applies the answer (LocalApplied follows). Queued (see {@link #later}): a
     * {@code java.lang.Error} webrtc-java throws on text the caller's checks let through becomes StepFailed.
     */
    public void setRemote(String type, String sdp) throws NativeCallException {
        later(
                Step.SET_REMOTE_DESCRIPTION,
                () -> pc.setRemoteDescription(
                        new RTCSessionDescription(sdpType(type), sdp), new SetObserver(type, sdp, false)));
    }

    /** Adds a remote candidate, queued (checked by the caller: garbage makes webrtc-java throw an Error). */
    public void addCandidate(String mid, int index, String candidate) throws NativeCallException {
        later(Step.ADD_ICE_CANDIDATE, () -> pc.addIceCandidate(new RTCIceCandidate(mid, index, candidate)));
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
            return Boolean.TRUE;
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

    /**
     * Queues a negotiation call for a caller thread and returns at once; this connection's queued calls run
     * one at a time, in order. A failure arrives as a StepFailed signal. Throws only when already closed.
     */
    private void later(Step step, Runnable action) throws NativeCallException {
        if (closed) {
            throw new NativeCallException(step.apiName() + ": the connection is closed");
        }
        pending.add(() -> {
            // Lock order everywhere: the runtime's gate first, then this connection's monitor (close() and the
            // runtime's close do the same). Taking them the other way round deadlocked against runtime close.
            if (!runtime.enter()) {
                return;
            }
            try {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    action.run();
                }
            } catch (Throwable t) {
                emit(new NativeSignal.StepFailed(Stamp.now(), step, NativeRuntime.rootMessage(t)));
            } finally {
                runtime.exit();
            }
        });
        if (draining.compareAndSet(false, true)) {
            runtime.call(this::drain);
        }
    }

    /** Runs queued calls until none is left; on a caller thread. */
    private void drain() {
        do {
            Runnable r;
            while ((r = pending.poll()) != null) {
                r.run();
            }
            draining.set(false);
        } while (!pending.isEmpty() && draining.compareAndSet(false, true));
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

    /** Queues {@code s} and wakes the owners; a throwing activity listener cannot stop what follows. */
    private void emit(NativeSignal s) {
        signals.accept(s);
        CallbackGuard.run("activity listener", wake);
    }

    private final class CreateObserver implements CreateSessionDescriptionObserver {
        private final String type;

        CreateObserver(String type) {
            this.type = type;
        }

        @Override
        public void onSuccess(RTCSessionDescription description) {
            CallbackGuard.run("create " + type + " onSuccess", () -> {
                if (closed) {
                    return;
                }
                // Native Godot's backend applies what it created on its own thread, and only the signal waits
                // for poll(); applying it here (an asynchronous call that returns at once) saves two thread
                // switches per step under load.
                try {
                    pc.setLocalDescription(description, new SetObserver(type, description.sdp, true));
                } catch (Throwable t) {
                    emit(new NativeSignal.StepFailed(
                            Stamp.now(),
                            Step.SET_LOCAL_DESCRIPTION,
                            "applying the created " + type + ": " + NativeRuntime.rootMessage(t)));
                }
            });
        }

        @Override
        public void onFailure(String error) {
            CallbackGuard.run(
                    "create " + type + " onFailure",
                    () -> emit(new NativeSignal.StepFailed(
                            Stamp.now(),
                            "offer".equals(type) ? Step.CREATE_OFFER : Step.CREATE_ANSWER,
                            String.valueOf(error))));
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
            CallbackGuard.run("set description onSuccess", () -> {
                emit(
                        local
                                ? new NativeSignal.LocalApplied(Stamp.now(), type, sdp)
                                : new NativeSignal.RemoteApplied(Stamp.now(), type));
                if (!local && "offer".equals(type) && !closed) {
                    // As native Godot does: a remote offer makes the backend create (and then apply) the answer.
                    try {
                        pc.createAnswer(new RTCAnswerOptions(), new CreateObserver("answer"));
                    } catch (Throwable t) {
                        emit(new NativeSignal.StepFailed(
                                Stamp.now(), Step.CREATE_ANSWER, NativeRuntime.rootMessage(t)));
                    }
                }
            });
        }

        @Override
        public void onFailure(String error) {
            CallbackGuard.run(
                    "set description onFailure",
                    () -> emit(new NativeSignal.StepFailed(
                            Stamp.now(),
                            local ? Step.SET_LOCAL_DESCRIPTION : Step.SET_REMOTE_DESCRIPTION,
                            "(" + type + ") " + String.valueOf(error))));
        }
    }

    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate c) {
            CallbackGuard.run(
                    "onIceCandidate",
                    () -> emit(new NativeSignal.LocalCandidate(
                            Stamp.now(), c.sdpMid == null ? "" : c.sdpMid, c.sdpMLineIndex, c.sdp)));
        }

        @Override
        public void onIceCandidateError(RTCPeerConnectionIceErrorEvent e) {
            CallbackGuard.run(
                    "onIceCandidateError",
                    () -> emit(new NativeSignal.ServerFailed(
                            Stamp.now(),
                            String.valueOf(e.getUrl()),
                            e.getErrorCode(),
                            String.valueOf(e.getErrorText()))));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            CallbackGuard.run(
                    "onConnectionChange", () -> emit(new NativeSignal.ConnectionChanged(Stamp.now(), map(state))));
        }

        @Override
        public void onSignalingChange(RTCSignalingState state) {
            CallbackGuard.run(
                    "onSignalingChange", () -> emit(new NativeSignal.SignalingChanged(Stamp.now(), map(state))));
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            CallbackGuard.run(
                    "onIceGatheringChange", () -> emit(new NativeSignal.GatheringChanged(Stamp.now(), map(state))));
        }

        @Override
        public void onDataChannel(RTCDataChannel dataChannel) {
            CallbackGuard.run("onDataChannel", () -> {
                // Registering the observer here, in the callback, loses no message; it takes no gate
                // (close() waits on this thread, so taking it here could deadlock).
                NativeChannel ch = new NativeChannel(dataChannel, null, runtime, signals, wake);
                channels.add(ch);
                if (closed) {
                    ch.dispose(); // closeNative may have missed it; dispose is once-only either way.
                    return;
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
            case NEW:
                return ConnectionState.NEW;
            case CONNECTING:
                return ConnectionState.CONNECTING;
            case CONNECTED:
                return ConnectionState.CONNECTED;
            case DISCONNECTED:
                return ConnectionState.DISCONNECTED;
            case FAILED:
                return ConnectionState.FAILED;
            default:
                return ConnectionState.CLOSED;
        }
    }

    static SignalingState map(RTCSignalingState s) {
        if (s == null) {
            return SignalingState.CLOSED;
        }
        switch (s) {
            case STABLE:
                return SignalingState.STABLE;
            case HAVE_LOCAL_OFFER:
                return SignalingState.HAVE_LOCAL_OFFER;
            case HAVE_REMOTE_OFFER:
                return SignalingState.HAVE_REMOTE_OFFER;
            case HAVE_LOCAL_PR_ANSWER:
                return SignalingState.HAVE_LOCAL_PRANSWER;
            case HAVE_REMOTE_PR_ANSWER:
                return SignalingState.HAVE_REMOTE_PRANSWER;
            default:
                return SignalingState.CLOSED;
        }
    }

    static GatheringState map(RTCIceGatheringState s) {
        if (s == null) {
            return GatheringState.NEW;
        }
        switch (s) {
            case GATHERING:
                return GatheringState.GATHERING;
            case COMPLETE:
                return GatheringState.COMPLETE;
            default:
                return GatheringState.NEW;
        }
    }
}
