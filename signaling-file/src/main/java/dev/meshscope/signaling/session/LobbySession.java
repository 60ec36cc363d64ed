// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.core.Failure;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.sdp.SdpException;
import dev.meshscope.signaling.blob.DescriptionCheck;
import dev.meshscope.signaling.message.CandidatePayload;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The Godot demo client ({@code multiplayer_client.gd}, spec section 9.4) on top of a
 * {@link WebRtcMultiplayerPeer}, driven by any {@link SignalTransport}:
 * <ul>
 *   <li>{@code ID(id, mesh)}: {@code createMesh(id)} when mesh, {@code createServer()} for id 1,
 *       {@code createClient(id)} otherwise, each with the session's extra channels;</li>
 *   <li>{@code PEER_CONNECT(id)}: a new {@link WebRtcPeerConnection}, {@code addPeer(pc, id)}, and the peer with
 *       the larger id makes the offer (so the server, 1, never offers);</li>
 *   <li>{@code session_description_created} and {@code ice_candidate_created} are sent to that peer as OFFER/ANSWER
 *       and CANDIDATE ({@code "\n<mid>\n<index>\n<candidate>"});</li>
 *   <li>OFFER/ANSWER/CANDIDATE from a peer are applied only if {@code hasPeer(id)} (ignored otherwise, with a notice);</li>
 *   <li>{@code PEER_DISCONNECT(id)}: {@code removePeer(id)}; {@code SEAL}: the lobby is sealed;</li>
 *   <li>beyond the demo: when the multiplayer peer drops a peer that is still in the lobby (its connection failed or
 *       closed, e.g. after a pause the lobby saw as a departure), a new connection is made by the same rule (the larger
 *       id offers), at most {@link #MAX_RECONNECTS} times per peer, a budget renewed once a link stayed up for
 *       {@link #STABLE_LINK}; a negotiation not connected after {@link #NEGOTIATION_TIMEOUT} is started over the
 *       same way; an offer from a lobby peer whose new connection is still queued is answered on a new connection
 *       at once; a repeated {@code PEER_CONNECT} for a peer that is still connecting is ignored;</li>
 *   <li>every relayed description is checked ({@link DescriptionCheck}) before it touches a connection, so a forged
 *       or garbled offer never replaces a working link;</li>
 *   <li>the transport closing before the seal stops the session and closes the multiplayer peer, as the demo's
 *       {@code stop()} does; after the seal the mesh is left alone;</li>
 *   <li>what the demo would trip on is ignored with a notice and changes nothing: a second {@code ID}, a
 *       {@code PEER_CONNECT} before {@code ID} or for this peer's own id.</li>
 * </ul>
 *
 * <p>The signaling timeline: every message the session sends and receives is traced ({@link Listener#traced}) with
 * its verdict: {@link SignalTrace.Verdict#OK}, {@link SignalTrace.Verdict#UNEXPECTED} for what it ignored (a peer not
 * of this session, an unknown type, an {@code ID} or {@code PEER_CONNECT} out of place), or
 * {@link SignalTrace.Verdict#REFUSED} for content its checks refused (a description, a candidate); the transport's
 * own traces (frames it refused) are forwarded in order with the rest.
 *
 * <p>Threads: every callback of {@link Listener} and every call on the multiplayer peer and its connections runs
 * on the {@link MeshThread}'s owner thread. The transport does its I/O on its own thread and hands each message to
 * the owner with {@link MeshThread#execute}. {@link #start}, {@link #seal} and {@link #close} may be called from any
 * thread. The session does not poll the peer: the owner of the peer registers {@code peer::poll} as a poller. The
 * session registers one cheap poller of its own for its timeouts, removed once it stops.
 */
public final class LobbySession implements AutoCloseable {
    /**
     * New connections made to one lobby peer after its connection was lost: enough to ride out a pause or a network
     * hiccup, few enough that a peer that can never connect (a firewall) does not churn forever.
     */
    public static final int MAX_RECONNECTS = 3;

    /**
     * Longest a negotiation may go without connecting before it is started over: a non-trickle exchange connects in
     * ~0.1 s on a LAN and a few seconds through TURN, and libwebrtc itself gives a path up as FAILED after ~15 s
     * (webrtc-java facts); a negotiation still not connected after 20 s is lost (a message dropped, a peer paused),
     * not slow.
     */
    public static final Duration NEGOTIATION_TIMEOUT = Duration.ofSeconds(20);

    /**
     * How long a link must stay connected before its reconnect budget is renewed: 30 s is longer than any
     * connect-then-fail cycle (a failing path is declared FAILED within ~15 s of connecting), so a link that lasted
     * that long proved the pair can connect and a later loss is new trouble, not the same failure repeating.
     */
    public static final Duration STABLE_LINK = Duration.ofSeconds(30);

    /**
     * How long a lost connection waits for its peer's PEER_DISCONNECT before it is called a loss and replaced: a
     * departing peer closes its connections at once, while its departure reaches the lobby a folder scan (250 ms) or
     * a WebSocket round trip later; 1.5 s covers both on a loaded machine and still reconnects promptly.
     */
    public static final Duration DEPARTURE_GRACE = Duration.ofMillis(1500);

    /** Fewest ticks per timing window, so a deadline is noticed within a quarter of it. */
    private static final int TICKS_PER_WINDOW = 4;

    /** What a session reports to its user; every method runs on the owner thread. */
    public interface Listener {
        /** The transport assigned this peer its id and the multiplayer peer was created. */
        default void joined(int ownId, boolean mesh) {}

        /** Something worth telling the operator (from the transport or from the session itself). */
        default void notice(LobbyNotice notice) {}

        /** The host sealed the lobby. */
        default void sealed() {}

        /** The session stopped for good; {@code reason} says why. */
        default void stopped(String reason) {}

        /**
         * One entry of the signaling timeline: a message this session sent or received, or a frame or file the
         * transport refused. The trace is immutable; keep it as long as needed.
         */
        default void traced(SignalTrace trace) {}

        /**
         * The lobby's name, from the server's {@code JOIN} reply (the name of a lobby this peer created, to hand to
         * others; the folder transport gives the folder's path).
         */
        default void lobbyNamed(String name) {}

        /**
         * Lobby membership as this peer knows it changed: {@code ownId} and the other peers the lobby announced and
         * that have not left ({@code PEER_CONNECT} minus {@code PEER_DISCONNECT}); 1 is the host. Whether each is
         * connected is the multiplayer peer's {@code getPeers()}. {@code lobbyPeers} is an unmodifiable copy.
         */
        default void rosterChanged(int ownId, java.util.SortedSet<Integer> lobbyPeers) {}
    }

    private final MeshThread thread;
    private final PeerWiring wiring;
    private final WebRtcMultiplayerPeer peer;
    private final List<TransferMode> channels;
    private final SignalTransport transport;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final java.util.Set<Integer> lobby = new java.util.HashSet<>();
    private final java.util.Map<Integer, Integer> reconnects = new java.util.HashMap<>();
    private final java.util.Map<Integer, Long> negotiatingSince = new java.util.HashMap<>();
    private final java.util.Map<Integer, Long> connectedSince = new java.util.HashMap<>();
    /** Connections lost while their peer is still in the lobby, by peer, until the grace is over. Owner thread. */
    private final java.util.Map<Integer, Lost> lostSince = new java.util.LinkedHashMap<>();

    private volatile Duration negotiationTimeout = NEGOTIATION_TIMEOUT;
    private volatile Duration stableLink = STABLE_LINK;
    /** A poller (removable, unlike a ticker) that runs {@link #tick} every {@code tickNanos}. */
    private final Runnable ticker = this::maybeTick;

    private volatile long tickNanos;
    private long nextTickNanos;
    private int ownId;
    private boolean sealed;
    private boolean finished;
    private boolean watching;
    /** The verdict of the message being handled, and why (owner thread; reset for each message). */
    private SignalTrace.Verdict verdict = SignalTrace.Verdict.OK;

    private String verdictNote = "";

    /**
     * A session for {@code peer}, whose owner thread is {@code thread}'s.
     *
     * @param channels the extra channel configuration ({@code channels_config}) every peer of the lobby uses
     */
    public LobbySession(
            MeshThread thread,
            WebRtcRuntime runtime,
            WebRtcMultiplayerPeer peer,
            List<TransferMode> channels,
            SignalTransport transport) {
        this(thread, new PeerWiring(runtime), peer, channels, transport);
    }

    /**
     * A session for {@code peer} whose connections are made by {@code wiring} (with the operator session's ICE
     * servers), on {@code thread}, the peer's owner.
     *
     * @param channels the extra channel configuration ({@code channels_config}) every peer of the lobby uses
     */
    public LobbySession(
            MeshThread thread,
            PeerWiring wiring,
            WebRtcMultiplayerPeer peer,
            List<TransferMode> channels,
            SignalTransport transport) {
        this.thread = Objects.requireNonNull(thread, "thread");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.channels = List.copyOf(channels);
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Adds a listener (any thread; called on the owner thread). */
    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    /**
     * Other timings than {@link #NEGOTIATION_TIMEOUT} and {@link #STABLE_LINK} (tests, slow links). Call before
     * {@link #start}; any thread.
     */
    public void setTimings(Duration negotiationTimeout, Duration stableLink) {
        if (negotiationTimeout.isNegative() || negotiationTimeout.isZero() || stableLink.isNegative()) {
            throw new IllegalArgumentException(
                    "the negotiation timeout must be positive, the stable time not negative");
        }
        this.negotiationTimeout = negotiationTimeout;
        this.stableLink = stableLink;
    }

    /** Starts the transport. Any thread; call once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the session is already started");
        }
        long window = Math.min(negotiationTimeout.toNanos(), Math.max(stableLink.toNanos(), 1));
        tickNanos = Math.max(window / TICKS_PER_WINDOW, 1);
        thread.addPoller(ticker);
        transport.start(new SignalTransport.Sink() {
            @Override
            public void received(SignalMessage message) {
                thread.execute(() -> handle(message));
            }

            @Override
            public void notice(LobbyNotice notice) {
                thread.execute(() -> fireNotice(notice));
            }

            @Override
            public void closed(String reason) {
                thread.execute(() -> onTransportClosed(reason));
            }

            @Override
            public void traced(SignalTrace trace) {
                thread.execute(() -> fireTrace(trace));
            }
        });
    }

    /** Seals the lobby (the host, peer 1, only; the demo server refuses others). Any thread. */
    public void seal() {
        thread.execute(() -> {
            if (ownId != 1) {
                fireNotice(LobbyNotice.warning(
                        0, "Only the host (peer 1) can seal the lobby; this peer is " + ownId + "."));
                return;
            }
            send(SignalMessage.of(MessageType.SEAL, 0, ""));
        });
    }

    /** Whether the host sealed the lobby. Owner thread. */
    public boolean isSealed() {
        return sealed;
    }

    /**
     * Stops signaling and tells the lobby this peer left. The multiplayer peer and its connections are left to
     * their owner (an established mesh keeps working without signaling). Any thread; idempotent.
     */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            transport.close();
        }
    }

    // ---------------------------------------------------------------- owner thread

    /** Handles a message from the transport and traces it with the verdict its handling reached. */
    private void handle(SignalMessage m) {
        verdict = SignalTrace.Verdict.OK;
        verdictNote = "";
        try {
            dispatch(m);
        } finally {
            fireTrace(SignalTrace.ofMessage(
                    SignalTrace.Direction.RECEIVED, transport.path(), m, ownId, verdict, verdictNote));
        }
    }

    /** Marks the message being handled as ignored (well formed, not expected here) and says so. */
    private void unexpected(int peerId, String text, boolean notify) {
        verdict = SignalTrace.Verdict.UNEXPECTED;
        verdictNote = text;
        if (notify) {
            fireNotice(LobbyNotice.warning(peerId, text));
        }
    }

    /** Marks the message being handled as refused (its content failed a check) and says so. */
    private void refused(int peerId, String text) {
        verdict = SignalTrace.Verdict.REFUSED;
        verdictNote = text;
        fireNotice(LobbyNotice.warning(peerId, text));
    }

    private void dispatch(SignalMessage m) {
        MessageType type = m.knownType();
        if (type == null) {
            unexpected(
                    m.id(),
                    "Ignored a signaling message of unknown type " + m.type()
                            + " (the demo protocol has types 0 to 7; a newer server may add some).",
                    true);
            return;
        }
        switch (type) {
            case ID -> onId(m.id(), "true".equals(m.data()));
            case JOIN -> {
                fireNotice(LobbyNotice.info(0, "Joined lobby \"" + m.data() + "\"."));
                for (Listener l : listeners) {
                    safely(() -> l.lobbyNamed(m.data()));
                }
            }
            case PEER_CONNECT -> onPeerConnect(m.id());
            case PEER_DISCONNECT -> onPeerDisconnect(m.id());
            case OFFER, ANSWER -> onDescription(m.id(), type == MessageType.OFFER ? "offer" : "answer", m.data());
            case CANDIDATE -> onCandidate(m.id(), m.data());
            case SEAL -> {
                sealed = true;
                fireNotice(LobbyNotice.info(0, "The lobby is sealed: no new peer can join."));
                for (Listener l : listeners) {
                    safely(l::sealed);
                }
            }
            default -> unexpected(m.id(), "Ignored a " + type + " message: only a peer sends it.", true);
        }
    }

    private void onId(int id, boolean mesh) {
        if (ownId != 0) {
            unexpected(
                    id,
                    "Ignored a second ID (" + id + ") from the lobby: this peer is already " + ownId
                            + " (a server sends ID once, on JOIN).",
                    true);
            return;
        }
        GodotError e = mesh
                ? peer.createMesh(id, channels)
                : id == 1 ? peer.createServer(channels) : peer.createClient(id, channels);
        if (e != GodotError.OK) {
            verdict = SignalTrace.Verdict.REFUSED;
            verdictNote = "could not create the multiplayer peer as " + id + ": " + reason(peer.getLastFailure(), e);
            stop(verdictNote);
            return;
        }
        ownId = id;
        if (!watching) {
            watching = true;
            peer.addEventListener(event -> {
                if (event instanceof dev.meshscope.core.event.MeshEvent.PeerRemoved r) {
                    onPeerDropped(r.peerId(), r.reason());
                }
            });
        }
        for (Listener l : listeners) {
            safely(() -> l.joined(id, mesh));
        }
        fireRoster();
    }

    private void onPeerConnect(int id) {
        if (ownId == 0 || id < 1 || id == ownId) {
            unexpected(
                    id,
                    "Ignored PEER_CONNECT " + id + ": "
                            + (ownId == 0
                                    ? "the lobby has not assigned this peer an id yet (ID comes first)."
                                    : id == ownId ? "that is this peer's own id." : "not a peer id."),
                    true);
            return;
        }
        if (lobby.add(id)) {
            fireRoster();
        }
        if (peer.hasPeer(id)) {
            return; // Announced again while its connection is still alive or negotiating: keep that one.
        }
        connect(id);
    }

    /** The demo's PEER_CONNECT handling: a new connection for {@code id}; the larger id offers. */
    private void connect(int id) {
        WebRtcPeerConnection pc = newConnection(id);
        if (pc == null) {
            return;
        }
        fireNotice(LobbyNotice.info(
                id,
                "Peer " + id + " is in the lobby; "
                        + (id < ownId
                                ? "offering to it " + "(the larger id offers)."
                                : "waiting for its offer (the larger id offers).")));
        if (id < ownId) {
            GodotError o = pc.createOffer();
            if (o != GodotError.OK) {
                fireNotice(LobbyNotice.warning(id, "createOffer failed: " + reason(pc.getLastFailure(), o)));
            }
        }
    }

    /** A connection whose descriptions and candidates go to {@code id}, added to the peer; {@code null} if refused. */
    private @Nullable WebRtcPeerConnection newConnection(int id) {
        java.util.Optional<dev.meshscope.core.Failure> refused = wiring.add(
                peer,
                id,
                pc -> pc.addListener(new WebRtcPeerConnection.Listener() {
                    @Override
                    public void sessionDescriptionCreated(String type, String sdp) {
                        pc.setLocalDescription(type, sdp);
                        send(SignalMessage.of("offer".equals(type) ? MessageType.OFFER : MessageType.ANSWER, id, sdp));
                    }

                    @Override
                    public void iceCandidateCreated(String media, int index, String name) {
                        send(SignalMessage.of(
                                MessageType.CANDIDATE, id, new CandidatePayload(media, index, name).encode()));
                    }
                }));
        if (refused.isPresent()) {
            dev.meshscope.core.Failure f = refused.get();
            fireNotice(LobbyNotice.warning(id, "Could not add peer " + id + ": " + reason(f, f.code())));
            return null;
        }
        WebRtcPeerConnection pc = java.util.Objects.requireNonNull(peer.getPeer(id), "the peer just added")
                .connection();
        negotiatingSince.put(id, System.nanoTime());
        connectedSince.remove(id);
        return pc;
    }

    private void onPeerDisconnect(int id) {
        if (lobby.remove(id)) {
            fireRoster();
        } else if (!peer.hasPeer(id)) {
            unexpected(
                    id, "PEER_DISCONNECT for peer " + id + ", which this peer did not know; nothing to remove.", false);
        }
        if (peer.hasPeer(id)) {
            peer.removePeer(id);
        }
    }

    /** The multiplayer peer dropped {@code id} (called from its poll, or from our own removePeer). */
    private void onPeerDropped(int id, String reason) {
        if (!lobby.contains(id) || stopped.get()) {
            return;
        }
        int n = reconnects.merge(id, 1, Integer::sum);
        if (n > MAX_RECONNECTS) {
            if (n == MAX_RECONNECTS + 1) {
                fireNotice(LobbyNotice.warning(
                        id,
                        "The connection to peer " + id + " was lost again (" + reason + "); " + "gave up after "
                                + MAX_RECONNECTS + " new connections. Restart one of the two peers."));
            }
            return;
        }
        // A peer that leaves the lobby closes its connections at once, and the close often arrives before the
        // lobby's PEER_DISCONNECT (a folder is scanned every 250 ms): wait a little before calling it a loss.
        lostSince.put(id, new Lost(System.nanoTime(), reason, n));
    }

    /** A connection lost while its peer is in the lobby, waiting out {@link #DEPARTURE_GRACE}. */
    private record Lost(long atNanos, String reason, int attempt) {}

    /**
     * Reconnects the peers whose loss outlived {@link #DEPARTURE_GRACE} while they stayed in the lobby; forgets the
     * ones that left meanwhile. From the session's poller, on the owner thread.
     */
    private void reconnectLost(long now) {
        if (lostSince.isEmpty()) {
            return;
        }
        java.util.Iterator<java.util.Map.Entry<Integer, Lost>> it =
                lostSince.entrySet().iterator();
        while (it.hasNext()) {
            java.util.Map.Entry<Integer, Lost> e = it.next();
            int id = e.getKey();
            Lost l = e.getValue();
            if (!lobby.contains(id) || stopped.get()) {
                it.remove(); // It left the lobby: a departure, not a loss.
                continue;
            }
            if (now - l.atNanos() < DEPARTURE_GRACE.toNanos()) {
                continue;
            }
            it.remove();
            if (peer.hasPeer(id)) {
                // Its offer came first and was answered on a new connection: still a loss the operator must see.
                fireNotice(LobbyNotice.warning(
                        id,
                        "The connection to peer " + id + " was lost (" + l.reason() + ") while it is "
                                + "still in the lobby; it offered a new one first (" + l.attempt() + " of "
                                + MAX_RECONNECTS + ")."));
                continue;
            }
            fireNotice(LobbyNotice.warning(
                    id,
                    "The connection to peer " + id + " was lost (" + l.reason() + ") while it is "
                            + "still in the lobby; making a new one (" + l.attempt() + " of " + MAX_RECONNECTS
                            + ")."));
            connect(id);
        }
    }

    private void onDescription(int from, String type, String sdp) {
        String bad = DescriptionCheck.problem(type, sdp);
        if (bad != null) {
            refused(
                    from,
                    "The " + type + " from peer " + from + " was refused before it touched any connection: " + bad);
            return;
        }
        if (!peer.hasPeer(from)) {
            if ("offer".equals(type) && lobby.contains(from) && !stopped.get()) {
                // Its connection was dropped and the new one is still queued (e.g. after this process was paused):
                // answering now is what the queued connect would wait for; it then finds the peer and does nothing.
                fireNotice(LobbyNotice.info(
                        from,
                        "Peer " + from + " offered while the new connection to it was still "
                                + "queued; answering on a new connection."));
                WebRtcPeerConnection fresh = newConnection(from);
                if (fresh != null) {
                    apply(fresh, from, type, sdp);
                }
                return;
            }
            unexpected(
                    from,
                    "Ignored an " + type + " from peer " + from + ", which is not a peer "
                            + "of this session (the demo client does the same).",
                    true);
            return;
        }
        WebRtcPeerConnection pc =
                Objects.requireNonNull(peer.getPeer(from), "hasPeer(from)").connection();
        if ("offer".equals(type) && from > ownId && pc.getConnectionState() != dev.meshscope.core.ConnectionState.NEW) {
            // The remote started over (it lost its connection to us first): answer on a fresh connection.
            fireNotice(LobbyNotice.info(from, "Peer " + from + " sent a new offer; replacing the old connection."));
            pc = newConnection(from);
            if (pc == null) {
                return;
            }
        }
        apply(pc, from, type, sdp);
    }

    private void apply(WebRtcPeerConnection pc, int from, String type, String sdp) {
        GodotError e = pc.setRemoteDescription(type, sdp);
        if (e != GodotError.OK) {
            refused(from, "The " + type + " from peer " + from + " was refused: " + reason(pc.getLastFailure(), e));
        }
    }

    /**
     * Starts over every negotiation that has not connected within the timeout (its peer is removed, which makes a
     * new connection by the usual rule and budget), and renews the reconnect budget of links that stayed up.
     */
    private void maybeTick() {
        long now = System.nanoTime();
        reconnectLost(now);
        if (now - nextTickNanos < 0) {
            return;
        }
        nextTickNanos = now + tickNanos;
        if (stopped.get() || finished) {
            thread.removePoller(ticker);
            return;
        }
        tick(now);
    }

    private void tick(long now) {
        java.util.List<Integer> stuck = new java.util.ArrayList<>();
        for (java.util.Iterator<java.util.Map.Entry<Integer, Long>> it =
                        negotiatingSince.entrySet().iterator();
                it.hasNext(); ) {
            java.util.Map.Entry<Integer, Long> en = it.next();
            int id = en.getKey();
            if (!peer.hasPeer(id)) {
                it.remove();
            } else if (Objects.requireNonNull(peer.getPeer(id), "hasPeer(id)").connected()) {
                it.remove();
                connectedSince.put(id, now);
            } else if (now - en.getValue() > negotiationTimeout.toNanos()) {
                it.remove();
                stuck.add(id);
            }
        }
        for (int id : stuck) {
            PeerInfo stuckPeer = peer.getPeer(id);
            if (stuckPeer == null) {
                continue; // Removed meanwhile (by a listener of an earlier removal): nothing left to start over.
            }
            WebRtcPeerConnection pc = stuckPeer.connection();
            fireNotice(LobbyNotice.warning(
                    id,
                    "The negotiation with peer " + id + " has not connected after "
                            + negotiationTimeout.toMillis() + " ms (signaling " + pc.getSignalingState()
                            + ", connection "
                            + pc.getConnectionState() + "); starting it over."));
            peer.removePeer(id);
        }
        for (java.util.Iterator<java.util.Map.Entry<Integer, Long>> it =
                        connectedSince.entrySet().iterator();
                it.hasNext(); ) {
            java.util.Map.Entry<Integer, Long> en = it.next();
            int id = en.getKey();
            if (!peer.hasPeer(id)
                    || !Objects.requireNonNull(peer.getPeer(id), "hasPeer(id)").connected()) {
                it.remove();
            } else if (now - en.getValue() >= stableLink.toNanos() && reconnects.remove(id) != null) {
                fireNotice(LobbyNotice.info(
                        id,
                        "The link to peer " + id + " stayed up for " + stableLink.toMillis() + " ms: its budget of "
                                + MAX_RECONNECTS + " new connections is renewed."));
            }
        }
    }

    private void onCandidate(int from, String data) {
        if (!peer.hasPeer(from)) {
            // As the demo: candidates for an unknown peer are dropped without a notice (they come in bursts).
            unexpected(from, "Dropped a candidate from peer " + from + ", which is not a peer of this session.", false);
            return;
        }
        CandidatePayload c;
        try {
            c = CandidatePayload.parse(data);
        } catch (SdpException ex) {
            refused(from, "Ignored a malformed candidate from peer " + from + ": " + ex.getMessage());
            return;
        }
        WebRtcPeerConnection pc =
                Objects.requireNonNull(peer.getPeer(from), "hasPeer(from)").connection();
        GodotError e = pc.addIceCandidate(c.mid(), c.index(), c.candidate());
        if (e != GodotError.OK) {
            refused(from, "A candidate from peer " + from + " was refused: " + reason(pc.getLastFailure(), e));
        }
    }

    private void onTransportClosed(String reason) {
        if (finished) {
            return;
        }
        if (sealed || stopped.get()) {
            fireNotice(LobbyNotice.info(
                    0, "Signaling ended (" + reason + ")" + (sealed ? " after the seal; the mesh goes on." : ".")));
            finish(reason);
            return;
        }
        stop(reason);
    }

    /** The demo's stop(): signaling lost before the seal closes the multiplayer peer. */
    private void stop(String reason) {
        fireNotice(LobbyNotice.error(0, "Signaling stopped: " + reason));
        stopped.set(true);
        transport.close();
        peer.close();
        finish(reason);
    }

    private void finish(String reason) {
        finished = true;
        for (Listener l : listeners) {
            safely(() -> l.stopped(reason));
        }
    }

    /** Sends {@code m} through the transport and traces it. Owner thread. */
    private void send(SignalMessage m) {
        fireTrace(SignalTrace.ofMessage(
                SignalTrace.Direction.SENT, transport.path(), m, ownId, SignalTrace.Verdict.OK, ""));
        transport.send(m);
    }

    private void fireTrace(SignalTrace t) {
        for (Listener l : listeners) {
            safely(() -> l.traced(t));
        }
    }

    private void fireRoster() {
        java.util.SortedSet<Integer> copy = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(lobby));
        for (Listener l : listeners) {
            safely(() -> l.rosterChanged(ownId, copy));
        }
    }

    private void fireNotice(LobbyNotice n) {
        for (Listener l : listeners) {
            safely(() -> l.notice(n));
        }
    }

    private static String reason(@Nullable Failure f, GodotError e) {
        return e + (f == null ? "" : " (" + f.reason() + ")");
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ex) {
            System.getLogger(LobbySession.class.getName()).log(System.Logger.Level.WARNING, "lobby listener threw", ex);
        }
    }
}
