// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import dev.meshscope.core.event.EventHub;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.event.MeshEventListener;
import dev.meshscope.core.internal.ChannelInitCheck;
import dev.meshscope.core.internal.NativeCallException;
import dev.meshscope.core.internal.NativeChannel;
import dev.meshscope.core.internal.NativeConnection;
import dev.meshscope.core.internal.NativeRuntime;
import dev.meshscope.core.internal.NativeSignal;
import dev.meshscope.core.internal.OwnerThread;
import dev.meshscope.core.internal.Stamp;
import dev.meshscope.core.sdp.IceCandidate;
import dev.meshscope.core.sdp.SdpException;
import dev.meshscope.core.sdp.SdpInfo;
import dev.meshscope.core.snapshot.WireStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Godot's {@code WebRTCPeerConnection} on webrtc-java, with native Godot's threading contract: callbacks are
 * queued, and every state change and signal happens inside {@link #poll()} on the caller's thread. Native
 * activity wakes only the owner: the {@link MeshThread} this connection was created on, or, for a connection
 * created on any other thread, the runtime's activity listeners.
 *
 * <p>Threads: one owner thread calls every method (the first thread that calls owns it; others get an
 * {@link IllegalStateException}). Native callbacks copy what they received into a queue and wake the
 * runtime's activity listeners (see {@code NativeConnection} for the two negotiation steps they chain, as
 * native Godot's backend does); negotiation calls are queued for the runtime's caller threads, so none of
 * these methods waits for libwebrtc.
 *
 * <p>As in native Godot, {@link #createOffer()} also applies the offer locally, and
 * {@link #setRemoteDescription} with an offer creates and applies the answer; both then emit
 * {@code session_description_created} from {@code poll()}. Candidates that arrive before the remote
 * description are held and added once it is applied. Every input is checked before any native call, so
 * garbage gives a {@link GodotError} and a reason instead of a {@code java.lang.Error} or a crash.
 */
public final class WebRtcPeerConnection {
    /** Candidates held before the remote description: a host gathers a few per interface; 256 is far beyond real use. */
    public static final int MAX_HELD_CANDIDATES = 256;

    private static final System.Logger LOG = System.getLogger(WebRtcPeerConnection.class.getName());

    /** Godot's three signals. Called on the owner thread from {@link #poll()}. */
    public interface Listener {
        /** {@code session_description_created(type, sdp)}: send it to the remote peer. */
        default void sessionDescriptionCreated(String type, String sdp) {}

        /** {@code ice_candidate_created(media, index, name)}: send it to the remote peer. */
        default void iceCandidateCreated(String media, int index, String name) {}

        /** {@code data_channel_received(channel)}: the remote opened an in-band channel. */
        default void dataChannelReceived(WebRtcDataChannel channel) {}
    }

    /** Where the offer/answer exchange stands, beyond what the signaling state shows (in-flight steps). */
    private enum Negotiation {
        /** Nothing started. */
        IDLE,
        /** createOffer called; the offer is being created and applied. */
        OFFERING,
        /** Our offer is applied; waiting for the remote answer. */
        OFFERED,
        /** A remote offer is being applied and answered. */
        ANSWERING,
        /** The remote answer is being applied. */
        APPLYING_ANSWER,
        /** Both descriptions applied. */
        DONE,
        /** An asynchronous step failed; the connection cannot negotiate any more. */
        FAILED
    }

    private final WebRtcRuntime runtime;
    private final OwnerThread owner = new OwnerThread();
    private final EventHub ownHub = new EventHub();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<WebRtcDataChannel> channels = new ArrayList<>();
    private final Set<Integer> usedIds = new HashSet<>();
    private final List<String[]> heldCandidates = new ArrayList<>();

    private ConcurrentLinkedQueue<NativeSignal> signals = new ConcurrentLinkedQueue<>();
    private @Nullable NativeConnection nat;
    private @Nullable String initProblem;
    private ConnectionState state = ConnectionState.NEW;
    private GatheringState gathering = GatheringState.NEW;
    private SignalingState signaling = SignalingState.STABLE;
    private Negotiation negotiation = Negotiation.IDLE;
    private boolean remoteApplied;
    private @Nullable SdpInfo remoteInfo;
    private String localDescription = "";
    private boolean localDescriptionStale;
    private @Nullable Failure lastFailure;
    private @Nullable EventHub parentHub;
    private int peerId;
    private java.util.function.BooleanSupplier packetEvents = () -> false;
    private long changes;
    private volatile boolean answerProbesOnArrival;
    /** The policy of the current native connection (relay-only gathering that yields nothing is reported). */
    private IceTransportPolicy policy = IceTransportPolicy.ALL;
    /** Local candidates gathered since the last initialize. */
    private int gatheredCandidates;
    /** When gathering started (System.nanoTime), or 0 when it is not gathering. */
    private long gatheringSinceNanos;
    /** Whether the relay-silence warning was given for the current gathering. */
    private boolean relaySilenceReported;
    /** STUN/TURN servers that failed since the last initialize, as explained to the operator. */
    private final List<String> serverProblems = new ArrayList<>();
    /** Wakes the owner MeshThread (this connection was created on it), or {@code null}: then the runtime's listeners. */
    private final @Nullable Runnable ownerWake;
    /** The earliest wake scheduled for held packets (System.nanoTime), or Long.MAX_VALUE. */
    private final java.util.concurrent.atomic.AtomicLong wakeScheduledFor =
            new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);

    /**
     * How long relay-only gathering may go without a candidate before the operator is told the TURN server is not
     * answering: an allocation on a LAN takes milliseconds and across the internet well under a second, while
     * libwebrtc's own timeout is ~39.75 s (STUN's total retransmission time).
     */
    public static final java.time.Duration RELAY_SILENCE = java.time.Duration.ofSeconds(5);

    /** A connection on the process-wide runtime, initialized with no ICE servers (Godot's constructor does the same). */
    public WebRtcPeerConnection() {
        this(WebRtcRuntime.shared());
    }

    /** A connection on {@code runtime}, initialized with no ICE servers. */
    public WebRtcPeerConnection(WebRtcRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.ownerWake = MeshThread.wakerOf(Thread.currentThread());
        initialize(RtcConfiguration.DEFAULT);
    }

    // ---------------------------------------------------------------- Godot API

    /**
     * (Re)creates the native connection with {@code config}, dropping any previous one and its channels, and
     * goes back to {@link ConnectionState#NEW}.
     *
     * @return OK, or FAILED for a bad ICE server entry or when libwebrtc refuses (as native Godot)
     */
    public GodotError initialize(RtcConfiguration config) {
        checkOwner("WebRtcPeerConnection.initialize");
        Objects.requireNonNull(config, "config");
        String p = config.problem();
        if (p != null) {
            return recordFailure(GodotError.FAILED, Step.INITIALIZE, p); // Godot native: a bad "urls" is FAILED.
        }
        if (nat != null) {
            nat.close();
        }
        channels.clear();
        usedIds.clear();
        heldCandidates.clear();
        signals = new ConcurrentLinkedQueue<>();
        state = ConnectionState.NEW;
        gathering = GatheringState.NEW;
        signaling = SignalingState.STABLE;
        negotiation = Negotiation.IDLE;
        remoteApplied = false;
        remoteInfo = null;
        localDescription = "";
        localDescriptionStale = false;
        nat = null;
        policy = config.iceTransportPolicy();
        gatheredCandidates = 0;
        gatheringSinceNanos = 0;
        relaySilenceReported = false;
        serverProblems.clear();
        NativeRuntime nativeRuntime = runtime.nativeRuntime();
        if (!runtime.isUsable() || nativeRuntime == null) {
            initProblem = runtime.loadProblem() != null ? runtime.loadProblem() : "the WebRTC runtime is closed";
            state = ConnectionState.CLOSED;
            return recordFailure(GodotError.FAILED, Step.INITIALIZE, initProblem);
        }
        ConcurrentLinkedQueue<NativeSignal> q = signals;
        try {
            nat = new NativeConnection(nativeRuntime, config, q::add, ownerWake != null ? ownerWake : runtime.wake());
            initProblem = null;
            return GodotError.OK;
        } catch (NativeCallException e) {
            initProblem = e.reason();
            state = ConnectionState.CLOSED;
            return recordFailure(GodotError.FAILED, Step.INITIALIZE, e.reason());
        }
    }

    /**
     * Creates a data channel. Must be called in {@link ConnectionState#NEW}, before the offer or answer.
     *
     * @return the channel, or {@code null} with the reason in {@link #getLastFailure()} (and as an event)
     */
    public @Nullable WebRtcDataChannel createDataChannel(String label, DataChannelOptions options) {
        checkOwner("WebRtcPeerConnection.createDataChannel");
        Objects.requireNonNull(options, "options");
        if (nat == null || nat.isClosed()) {
            recordFailure(GodotError.ERR_UNCONFIGURED, Step.CREATE_DATA_CHANNEL, unusableReason());
            return null;
        }
        if (state != ConnectionState.NEW || negotiation != Negotiation.IDLE) {
            recordFailure(
                    GodotError.FAILED,
                    Step.CREATE_DATA_CHANNEL,
                    "channels must be created before the offer or answer; " + "this connection is already "
                            + (negotiation != Negotiation.IDLE ? "negotiating" : state) + ".");
            return null;
        }
        String problem = ChannelInitCheck.problem(label, options, usedIds);
        if (problem != null) {
            recordFailure(GodotError.ERR_INVALID_PARAMETER, Step.CREATE_DATA_CHANNEL, problem);
            return null;
        }
        try {
            NativeChannel nc = nat.createChannel(label, options);
            if (options.negotiated()) {
                usedIds.add(options.id());
            }
            WebRtcDataChannel ch = new WebRtcDataChannel(this, nc);
            channels.add(ch);
            return ch;
        } catch (NativeCallException e) {
            recordFailure(GodotError.FAILED, Step.CREATE_DATA_CHANNEL, e.reason());
            return null;
        }
    }

    /**
     * Creates an offer and applies it locally; {@code session_description_created("offer", sdp)} follows from
     * {@code poll()}, then one {@code ice_candidate_created} per local candidate.
     *
     * @return OK, ERR_UNCONFIGURED without a native connection, FAILED when closed, not in state NEW or already
     *         negotiating
     */
    public GodotError createOffer() {
        checkOwner("WebRtcPeerConnection.createOffer");
        if (nat == null || nat.isClosed()) {
            return unusable(Step.CREATE_OFFER);
        }
        if (state != ConnectionState.NEW || negotiation != Negotiation.IDLE) {
            return recordFailure(
                    GodotError.FAILED,
                    Step.CREATE_OFFER,
                    "an offer can only be made once, by a NEW connection " + "that is not negotiating yet (it is "
                            + state + ", " + negotiationWords() + ").");
        }
        try {
            nat.createOffer();
        } catch (NativeCallException e) {
            return recordFailure(GodotError.FAILED, Step.CREATE_OFFER, e.reason());
        }
        negotiate(Negotiation.OFFERING);
        return GodotError.OK;
    }

    /**
     * Accepts the description from {@code session_description_created}. Like native Godot it is a no-op,
     * because this connection already applied it; a description this connection did not make is applied.
     */
    public GodotError setLocalDescription(String type, String sdp) {
        checkOwner("WebRtcPeerConnection.setLocalDescription");
        if (nat == null || nat.isClosed()) {
            return unusable(Step.SET_LOCAL_DESCRIPTION);
        }
        if (!"offer".equals(type) && !"answer".equals(type)) {
            return recordFailure(
                    GodotError.ERR_INVALID_PARAMETER,
                    Step.SET_LOCAL_DESCRIPTION,
                    "the type must be \"offer\" or \"answer\", not \"" + type + "\".");
        }
        if (negotiation != Negotiation.IDLE
                || (sdp != null && SdpInfo.normalize(sdp).equals(localDescription))) {
            return GodotError.OK;
        }
        if (!"offer".equals(type)) {
            return recordFailure(
                    GodotError.FAILED, Step.SET_LOCAL_DESCRIPTION, "a local answer can only follow a remote offer.");
        }
        try {
            nat.setLocal(type, SdpInfo.parse(sdp).sdp());
        } catch (SdpException e) {
            return recordFailure(GodotError.FAILED, Step.SET_LOCAL_DESCRIPTION, e.reason());
        } catch (NativeCallException e) {
            return recordFailure(GodotError.FAILED, Step.SET_LOCAL_DESCRIPTION, e.reason()); // Closed meanwhile.
        }
        negotiate(Negotiation.OFFERING);
        return GodotError.OK;
    }

    /**
     * Applies the remote peer's description. An offer makes this connection create and apply the answer,
     * which {@code session_description_created("answer", sdp)} then carries.
     *
     * <p>Checked before any native call: the type, the text (CRLF-normalised), a data section that was not
     * rejected, a DTLS fingerprint, ICE credentials, a DTLS role that fits the type (libwebrtc accepts an
     * answer given as an offer), and the signaling step (an answer needs our offer first).
     *
     * @return OK when accepted for applying (a later failure arrives as an error event); otherwise FAILED (as
     *         native Godot, for garbage or a description that does not fit), ERR_INVALID_PARAMETER for a bad type
     *         or ERR_BUSY while the previous step is still applying, with the reason recorded
     */
    public GodotError setRemoteDescription(String type, String sdp) {
        checkOwner("WebRtcPeerConnection.setRemoteDescription");
        if (nat == null || nat.isClosed()) {
            return unusable(Step.SET_REMOTE_DESCRIPTION);
        }
        if (!"offer".equals(type) && !"answer".equals(type)) {
            return recordFailure(
                    GodotError.ERR_INVALID_PARAMETER,
                    Step.SET_REMOTE_DESCRIPTION,
                    "the type must be \"offer\" or \"answer\", not \"" + type + "\".");
        }
        SdpInfo info;
        try {
            info = SdpInfo.parse(sdp);
        } catch (SdpException e) {
            return recordFailure(GodotError.FAILED, Step.SET_REMOTE_DESCRIPTION, e.reason()); // As native Godot.
        }
        String problem = info.problemAs(type);
        if (problem != null) {
            return recordFailure(GodotError.FAILED, Step.SET_REMOTE_DESCRIPTION, problem);
        }
        if ("offer".equals(type)) {
            if (negotiation != Negotiation.IDLE || state != ConnectionState.NEW) {
                return recordFailure(
                        negotiation == Negotiation.ANSWERING ? GodotError.ERR_BUSY : GodotError.FAILED,
                        Step.SET_REMOTE_DESCRIPTION,
                        "a remote offer can only be applied to a NEW connection that has not "
                                + "negotiated; this one is " + negotiationWords()
                                + ". If both peers made an offer, only the "
                                + "peer with the larger id should (Godot demo rule); re-create this connection.");
            }
        } else if (negotiation != Negotiation.OFFERED) {
            return recordFailure(
                    negotiation == Negotiation.APPLYING_ANSWER ? GodotError.ERR_BUSY : GodotError.FAILED,
                    Step.SET_REMOTE_DESCRIPTION,
                    negotiation == Negotiation.OFFERING
                            ? "our offer is still being created; apply the answer after session_description_created."
                            : "an answer only completes an offer this connection made, and it " + negotiationWords()
                                    + ". Paste the answer into the peer that made the offer.");
        }
        try {
            nat.setRemote(type, info.sdp());
        } catch (NativeCallException e) {
            return recordFailure(GodotError.FAILED, Step.SET_REMOTE_DESCRIPTION, e.reason()); // Closed meanwhile.
        }
        remoteInfo = info;
        for (WebRtcDataChannel ch : channels) {
            ch.setRemoteMaxMessageSize(info.effectiveMaxMessageSize());
        }
        negotiate("offer".equals(type) ? Negotiation.ANSWERING : Negotiation.APPLYING_ANSWER);
        return GodotError.OK;
    }

    /**
     * Adds a remote candidate ({@code media} is the sdpMid, {@code index} the m-line index, which is ignored
     * as in native Godot, {@code name} the {@code candidate:...} text). Before the remote description is
     * applied, the candidate is held (not lost) and added afterwards.
     */
    public GodotError addIceCandidate(String media, int index, String name) {
        checkOwner("WebRtcPeerConnection.addIceCandidate");
        if (nat == null || nat.isClosed()) {
            return unusable(Step.ADD_ICE_CANDIDATE);
        }
        IceCandidate c;
        try {
            c = IceCandidate.parse(name);
        } catch (SdpException e) {
            return recordFailure(GodotError.FAILED, Step.ADD_ICE_CANDIDATE, e.reason()); // As native Godot.
        }
        if (media == null || media.isEmpty()) {
            return recordFailure(
                    GodotError.ERR_INVALID_PARAMETER,
                    Step.ADD_ICE_CANDIDATE,
                    "the candidate has no media id (sdpMid); it is \"0\" for a data-channel-only session.");
        }
        if (!remoteApplied) {
            if (heldCandidates.size() >= MAX_HELD_CANDIDATES) {
                return recordFailure(
                        GodotError.ERR_OUT_OF_MEMORY,
                        Step.ADD_ICE_CANDIDATE,
                        "already holding "
                                + MAX_HELD_CANDIDATES
                                + " candidates for a remote description that never came; apply the remote "
                                + "description first.");
            }
            heldCandidates.add(new String[] {media, c.value()});
            Stamp at = Stamp.now();
            emit(new MeshEvent.CandidateAdded(at.nanos(), at.millis(), peerId, c.brief(), true));
            return GodotError.OK;
        }
        return addNow(media, c);
    }

    private GodotError addNow(String media, IceCandidate c) {
        String mid = remoteInfo != null && remoteInfo.dataSection() != null
                ? remoteInfo.dataSection().mid()
                : "";
        if (!mid.isEmpty() && !mid.equals(media)) {
            return recordFailure(
                    GodotError.ERR_INVALID_PARAMETER,
                    Step.ADD_ICE_CANDIDATE,
                    "the candidate is for media \""
                            + media + "\" but the remote description's data section is \"" + mid
                            + "\"; libwebrtc would "
                            + "silently ignore it. It belongs to another connection.");
        }
        NativeConnection n = nat;
        if (n == null) {
            return unusable(Step.ADD_ICE_CANDIDATE);
        }
        try {
            n.addCandidate(media, 0, c.value());
        } catch (NativeCallException e) {
            return recordFailure(GodotError.FAILED, Step.ADD_ICE_CANDIDATE, e.reason()); // Closed meanwhile.
        }
        Stamp at = Stamp.now();
        emit(new MeshEvent.CandidateAdded(at.nanos(), at.millis(), peerId, c.brief(), false));
        return GodotError.OK;
    }

    /**
     * Applies everything native callbacks queued since the last poll, in order: states, created and applied
     * descriptions, candidates, channel states, stats. Signals and events fire here.
     */
    public GodotError poll() {
        checkOwner("WebRtcPeerConnection.poll");
        ConcurrentLinkedQueue<NativeSignal> q = signals;
        NativeSignal s;
        while ((s = q.poll()) != null) {
            if (q != signals) {
                break; // A listener re-initialized or closed this connection: the rest is stale.
            }
            handle(s);
        }
        long now = System.nanoTime();
        long nextDue = Long.MAX_VALUE;
        for (WebRtcDataChannel ch : channels) {
            ch.reportReceiveDrops();
            ch.reportClockSamples();
            nextDue = Math.min(nextDue, ch.releaseDue(now));
        }
        if (nextDue != Long.MAX_VALUE) {
            wakeAt(nextDue);
        }
        checkRelaySilence();
        return GodotError.OK;
    }

    /**
     * Relay-only gathering with no candidate after {@link #RELAY_SILENCE}: the TURN server has not answered. Said
     * once per gathering, at the first poll after that time, long before libwebrtc's own verdict (~39.75 s).
     */
    private void checkRelaySilence() {
        if (policy != IceTransportPolicy.RELAY
                || relaySilenceReported
                || gatheredCandidates > 0
                || gatheringSinceNanos == 0
                || System.nanoTime() - gatheringSinceNanos < RELAY_SILENCE.toNanos()) {
            return;
        }
        relaySilenceReported = true;
        recordFailure(
                GodotError.FAILED,
                Step.GATHER_CANDIDATES,
                "No relay candidate " + RELAY_SILENCE.toSeconds() + " s after gathering started: the TURN server"
                        + " has not answered (" + serverProblems.size() + " server error(s) so far). Check the host, "
                        + "the port, the transport (udp/tcp) and that no firewall drops the traffic; libwebrtc gives up"
                        + " on it after ~40 s.");
    }

    /** Closes the channels and the connection; pending callbacks are dropped, as in native Godot. */
    public void close() {
        checkOwner("WebRtcPeerConnection.close");
        if (nat == null || state == ConnectionState.CLOSED) {
            state = ConnectionState.CLOSED;
            return;
        }
        nat.close();
        signals = new ConcurrentLinkedQueue<>();
        Stamp at = Stamp.now();
        // The closing side's channels get no state callback from its own pc.close(): set them here.
        for (WebRtcDataChannel ch : channels) {
            ch.transitionTo(ChannelState.CLOSED, at);
        }
        setSignaling(SignalingState.CLOSED, at);
        transitionTo(ConnectionState.CLOSED, at);
    }

    /** The aggregate state as of the last poll (CLOSED when there is no native connection). */
    public ConnectionState getConnectionState() {
        return state;
    }

    /** The ICE gathering state as of the last poll. */
    public GatheringState getGatheringState() {
        return gathering;
    }

    /** The signaling state as of the last poll. */
    public SignalingState getSignalingState() {
        return signaling;
    }

    /** Adds a listener for Godot's signals (any thread; called on the owner thread). */
    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    /** Removes a signal listener. */
    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    // ---------------------------------------------------------------- beyond Godot

    /**
     * The local description as applied, refreshed with every gathered candidate once gathering is COMPLETE
     * (what a non-trickle peer sends), or "" before one exists.
     */
    public String getLocalDescription() {
        checkOwner("WebRtcPeerConnection.getLocalDescription");
        if (localDescriptionStale && nat != null && !nat.isClosed()) {
            localDescriptionStale = false;
            String full = nat.localDescription();
            if (!full.isEmpty()) {
                localDescription = SdpInfo.normalize(full);
            }
        }
        return localDescription;
    }

    /** The remote description as applied (CRLF-normalised), or "". */
    public String getRemoteDescription() {
        return remoteInfo == null ? "" : remoteInfo.sdp();
    }

    /** The channels of this connection, created and received, in creation order. */
    public List<WebRtcDataChannel> getChannels() {
        return Collections.unmodifiableList(channels);
    }

    /** The last failure of any call on this connection (or its channels), or {@code null}. */
    public @Nullable Failure getLastFailure() {
        return lastFailure;
    }

    /** How many remote candidates are held until the remote description is applied. */
    public int heldCandidateCount() {
        return heldCandidates.size();
    }

    /** Adds a listener for this connection's debug events (owner thread delivery). */
    public void addEventListener(MeshEventListener l) {
        ownHub.add(l);
    }

    /** Removes a debug event listener. */
    public void removeEventListener(MeshEventListener l) {
        ownHub.remove(l);
    }

    /**
     * Asks libwebrtc for wire statistics; {@code consumer} receives them on the owner thread from a later
     * {@code poll()} (and a {@link MeshEvent.WireStatsUpdated} event is emitted).
     */
    public GodotError requestWireStats(Consumer<WireStats> consumer) {
        checkOwner("WebRtcPeerConnection.requestWireStats");
        if (nat == null || nat.isClosed()) {
            return recordFailure(GodotError.ERR_UNCONFIGURED, Step.WIRE_STATS, unusableReason());
        }
        try {
            nat.requestStats(consumer);
            return GodotError.OK;
        } catch (NativeCallException e) {
            return recordFailure(GodotError.FAILED, Step.WIRE_STATS, e.reason());
        }
    }

    // ---------------------------------------------------------------- package: used by the multiplayer peer and
    // channels

    /** Ties this connection's events to a multiplayer peer's hub and peer id. */
    void bind(int id, EventHub hub, java.util.function.BooleanSupplier packetEventsOn) {
        peerId = id;
        parentHub = hub;
        packetEvents = packetEventsOn;
    }

    int peerId() {
        return peerId;
    }

    /** Counts connection and channel state changes: an owner can skip re-checking a peer while it is unchanged. */
    long changeCount() {
        return changes;
    }

    void noteChange() {
        changes++;
    }

    boolean packetEventsOn() {
        return packetEvents.getAsBoolean();
    }

    /** Read on webrtc-java's signalling thread by the channels' receive callbacks. */
    boolean answersProbesOnArrival() {
        return answerProbesOnArrival;
    }

    /**
     * Wakes the owner at {@code dueNanos} (System.nanoTime) so a packet held by an impairment leaves on time. Only an
     * earlier time than the one already scheduled schedules another wake. Any thread; never blocks.
     */
    void wakeAt(long dueNanos) {
        long current;
        do {
            current = wakeScheduledFor.get();
            if (dueNanos >= current) {
                return;
            }
        } while (!wakeScheduledFor.compareAndSet(current, dueNanos));
        Runnable wake = ownerWake != null ? ownerWake : runtime.wake();
        WakeTimer.at(dueNanos, () -> {
            wakeScheduledFor.compareAndSet(dueNanos, Long.MAX_VALUE);
            wake.run();
        });
    }

    /** Set by the owner (the multiplayer peer); see {@link WebRtcMultiplayerPeer#setAnswerProbesOnArrival}. */
    void setAnswerProbesOnArrival(boolean on) {
        answerProbesOnArrival = on;
    }

    void checkOwner(String what) {
        owner.check(what);
    }

    void bindOwner(Thread t) {
        owner.bind(t);
    }

    void emit(MeshEvent e) {
        ownHub.emit(e);
        EventHub p = parentHub;
        if (p != null) {
            p.emit(e);
        }
    }

    /**
     * The failure of a call on a connection without a usable native side, with native Godot's codes: no
     * connection at all (it never initialized) is ERR_UNCONFIGURED, a closed one FAILED (libdatachannel throws).
     */
    private GodotError unusable(Step operation) {
        return recordFailure(
                nat == null ? GodotError.ERR_UNCONFIGURED : GodotError.FAILED, operation, unusableReason());
    }

    GodotError recordFailure(GodotError code, Step operation, String reason) {
        lastFailure = new Failure(code, operation, reason);
        LOG.log(System.Logger.Level.DEBUG, () -> "peer " + peerId + ": " + lastFailure);
        Stamp at = Stamp.now();
        emit(new MeshEvent.ErrorRaised(at.nanos(), at.millis(), peerId, code, operation, reason));
        return code;
    }

    // ---------------------------------------------------------------- internals

    private void handle(NativeSignal s) {
        Stamp at = s.at();
        if (s instanceof NativeSignal.ConnectionChanged c) {
            transitionTo(c.state(), at);
        } else if (s instanceof NativeSignal.GatheringChanged g) {
            if (g.state() == GatheringState.COMPLETE) {
                reportEmptyRelayGathering();
                // Read lazily by getLocalDescription(): a trickle peer never needs it, and the read is a
                // blocking hop to libwebrtc's thread in the middle of connecting.
                localDescriptionStale = true;
            }
            GatheringState prev = gathering;
            gatheringSinceNanos = g.state() == GatheringState.GATHERING ? at.nanos() : 0;
            if (prev != g.state()) {
                gathering = g.state();
                emit(new MeshEvent.GatheringStateChanged(at.nanos(), at.millis(), peerId, prev, g.state()));
            }
        } else if (s instanceof NativeSignal.SignalingChanged sg) {
            setSignaling(sg.state(), at);
        } else if (s instanceof NativeSignal.LocalCandidate lc) {
            gatheredCandidates++;
            emit(new MeshEvent.CandidateCreated(at.nanos(), at.millis(), peerId, lc.mid(), lc.index(), lc.candidate()));
            for (Listener l : listeners) {
                safely(() -> l.iceCandidateCreated(lc.mid(), lc.index(), lc.candidate()));
            }
        } else if (s instanceof NativeSignal.LocalApplied la) {
            onLocalApplied(la, at);
        } else if (s instanceof NativeSignal.RemoteApplied ra) {
            onRemoteApplied(ra, at);
        } else if (s instanceof NativeSignal.StepFailed f) {
            if (f.step().endsNegotiation()) {
                negotiate(Negotiation.FAILED); // A refused candidate leaves the others (and the descriptions) usable.
            }
            recordFailure(GodotError.FAILED, f.step(), "libwebrtc: " + f.message());
        } else if (s instanceof NativeSignal.ServerFailed sf) {
            String why = IceServerAdvice.explain(sf.url(), sf.code(), sf.text());
            serverProblems.add(why);
            recordFailure(GodotError.FAILED, Step.GATHER_CANDIDATES, why);
        } else if (s instanceof NativeSignal.ChannelChanged cc) {
            for (WebRtcDataChannel ch : channels) {
                if (ch.nativeChannel() == cc.channel()) {
                    ch.transitionTo(cc.state(), at);
                }
            }
        } else if (s instanceof NativeSignal.ChannelReceived cr) {
            WebRtcDataChannel ch = new WebRtcDataChannel(this, cr.channel());
            channels.add(ch);
            if (cr.channel().config().id() >= 0) {
                usedIds.add(cr.channel().config().id());
            }
            for (Listener l : listeners) {
                safely(() -> l.dataChannelReceived(ch));
            }
        } else if (s instanceof NativeSignal.StatsArrived st) {
            emit(new MeshEvent.WireStatsUpdated(at.nanos(), at.millis(), peerId, st.stats()));
            safely(() -> st.consumer().accept(st.stats()));
        }
    }

    /**
     * Relay-only gathering that found no candidate can never connect: say so when gathering ends, with the server
     * problems seen, instead of leaving the operator to wait for a timeout.
     */
    private void reportEmptyRelayGathering() {
        if (policy != IceTransportPolicy.RELAY || gatheredCandidates > 0) {
            return;
        }
        recordFailure(
                GodotError.FAILED,
                Step.GATHER_CANDIDATES,
                "Relay-only gathering ended without a relay candidate, so this connection cannot connect"
                        + (serverProblems.isEmpty()
                                ? ": no TURN server answered. Check the TURN url, port and credentials."
                                : ": " + String.join(" ", serverProblems)));
    }

    /**
     * The STUN/TURN server problems seen since the last {@link #initialize}, explained (empty when every server
     * answered). Owner thread.
     */
    public List<String> getIceServerProblems() {
        checkOwner("WebRtcPeerConnection.getIceServerProblems");
        return List.copyOf(serverProblems);
    }

    private void onLocalApplied(NativeSignal.LocalApplied la, Stamp at) {
        localDescription = SdpInfo.normalize(la.sdp());
        negotiate(negotiation == Negotiation.ANSWERING ? Negotiation.DONE : Negotiation.OFFERED);
        emit(new MeshEvent.DescriptionCreated(at.nanos(), at.millis(), peerId, la.type(), localDescription));
        for (Listener l : listeners) {
            safely(() -> l.sessionDescriptionCreated(la.type(), localDescription));
        }
    }

    private void onRemoteApplied(NativeSignal.RemoteApplied ra, Stamp at) {
        remoteApplied = true;
        emit(new MeshEvent.RemoteDescriptionApplied(at.nanos(), at.millis(), peerId, ra.type()));
        List<String[]> held = new ArrayList<>(heldCandidates);
        heldCandidates.clear();
        for (String[] h : held) {
            try {
                addNow(h[0], IceCandidate.parse(h[1]));
            } catch (SdpException e) {
                recordFailure(GodotError.FAILED, Step.ADD_ICE_CANDIDATE, e.reason());
            }
        }
        if ("answer".equals(ra.type())) {
            negotiate(Negotiation.DONE);
        }
        // For an offer the native side is already creating and applying the answer (LocalApplied follows).
    }

    /** The one transition method of the connection state: same-state ignored, CLOSED absorbing. */
    private void transitionTo(ConnectionState next, Stamp at) {
        ConnectionState prev = state;
        if (prev == next || prev == ConnectionState.CLOSED) {
            return;
        }
        state = next;
        changes++;
        emit(new MeshEvent.ConnectionStateChanged(at.nanos(), at.millis(), peerId, prev, next));
    }

    private void setSignaling(SignalingState next, Stamp at) {
        SignalingState prev = signaling;
        if (prev == next || prev == SignalingState.CLOSED) {
            return;
        }
        signaling = next;
        emit(new MeshEvent.SignalingStateChanged(at.nanos(), at.millis(), peerId, prev, next));
    }

    /** The one transition method of the negotiation: FAILED and DONE are final. */
    private void negotiate(Negotiation next) {
        if (negotiation == Negotiation.FAILED || (negotiation == Negotiation.DONE && next != Negotiation.FAILED)) {
            return;
        }
        negotiation = next;
    }

    private String negotiationWords() {
        switch (negotiation) {
            case IDLE:
                return "has not negotiated";
            case OFFERING:
                return "is creating its own offer";
            case OFFERED:
                return "made its own offer and waits for an answer";
            case ANSWERING:
                return "is answering a remote offer already";
            case APPLYING_ANSWER:
                return "is applying an answer already";
            case DONE:
                return "has finished negotiating";
            default:
                return "failed to negotiate";
        }
    }

    private String unusableReason() {
        if (initProblem != null) {
            return "the connection could not be created: " + initProblem;
        }
        return "the connection is closed; call initialize() to create a new one.";
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "signal listener threw", e);
        }
    }
}
