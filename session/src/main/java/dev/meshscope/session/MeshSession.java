// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.Failure;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.session.inspect.PacketTap;
import dev.meshscope.session.record.RecordSettings;
import dev.meshscope.session.record.RecordingSink;
import dev.meshscope.session.record.SessionRecorder;
import dev.meshscope.signaling.session.ExchangeInput;
import dev.meshscope.signaling.session.ExchangeReport;
import dev.meshscope.signaling.session.ManualExchange;
import dev.meshscope.signaling.session.NativeExchangeLink;
import dev.meshscope.signaling.session.PeerWiring;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One live multiplayer peer and everything around it (probe tracking, echo, test traffic, manual signaling, lobby
 * signaling through a shared folder or a WebSocket lobby server, the signaling timeline), all owned by one
 * {@link MeshThread}. The window talks to it only through {@link SessionCommands}; it reports through a
 * {@link SessionSink}.
 *
 * <p>Threads: the constructor and the command methods may be called from any thread and only queue work. The
 * peer, every connection and channel, the manual exchange and the lobby session are created and called on the mesh
 * thread alone; webrtc-java's callbacks and the signaling transports' own I/O threads (the folder watcher, the
 * WebSocket client) only hand copies of what they received to the mesh thread. The sink is called on the mesh
 * thread. Nothing here blocks the caller, and nothing here knows about JavaFX.
 */
public final class MeshSession implements SessionCommands {
    /**
     * How often the whole state is published: 10 Hz reads as live, and every publication repaints the tables;
     * with software rendering on a loaded 2-core machine 20 Hz doubled the render time for nothing a human sees.
     */
    public static final long PUBLISH_PERIOD_MS = 100;
    /** Probe statistics sort their RTT windows; every 3rd publication (about 3 Hz) is plenty for a human. */
    static final int PROBE_STATS_EVERY = 3;
    /**
     * How often wire statistics are asked for, per connected peer: the selected candidate pair and transport RTT
     * change on the scale of seconds, and each request is a hop to libwebrtc's signalling thread, so 2 s keeps a
     * 32-peer mesh at 16 requests a second.
     */
    static final long WIRE_STATS_PERIOD_MS = 2000;
    /** How often a rate-limited burst is topped up when nothing else wakes the loop (5 ms rate granularity). */
    static final long TRAFFIC_TICK_MS = 5;
    /** Packets read per loop iteration at most, so a flood cannot starve commands and publication. */
    static final int MAX_READS_PER_POLL = 4096;
    /** The log kind of manual-exchange reports that no command caused (gathering done, connected, removed). */
    static final String MANUAL_KIND = "manual signaling";

    private final WebRtcRuntime runtime;
    private final MeshThread thread;
    private final SessionSink sink;
    private final ProbeTracker tracker = new ProbeTracker();
    private final Echo echo = new Echo(tracker);
    /** The packet inspector's tap: every packet read and sent, decoded as Godot traffic (mesh thread). */
    private final PacketTap tap = new PacketTap(System::nanoTime);
    /** SceneMultiplayer's host relay; created with the peer on the mesh thread. */
    private GodotHostRelay relay;
    /** The impairments the operator set, reapplied when their peer is added again. Mesh thread. */
    private final List<LinkImpairment> impairments = new java.util.ArrayList<>();

    private java.time.Duration lateThreshold = SessionControls.DEFAULT.lateThreshold();
    private final TrafficPump traffic;
    private final GodotPrinter printer = new GodotPrinter();
    private final PeerWiring wiring;
    private ManualExchange manual;
    /** Each peer's channels, cached from PeerAdded: a channel list never changes after addPeer. */
    private final java.util.Map<Integer, List<dev.meshscope.core.WebRtcDataChannel>> channels =
            new java.util.HashMap<>();

    private final SignalTimeline timeline = new SignalTimeline();
    private final LobbySignaling lobby;
    private WebRtcMultiplayerPeer peer;
    private Duration gatherTimeout = ManualExchange.GATHER_TIMEOUT;
    /** The log kind of what the manual exchange reports: the command being applied, or {@link #MANUAL_KIND}. */
    private String reportKind = MANUAL_KIND;

    private List<ProbeStats> probeStats = List.of();
    private int publishCount;

    /**
     * Starts the mesh thread (named {@code threadName}) and creates the multiplayer peer on it. Any thread.
     *
     * @param runtime the WebRTC runtime every connection is made with (owned by the caller, closed after this)
     * @param sink    where events, actions and states go (called on the mesh thread)
     */
    public MeshSession(String threadName, WebRtcRuntime runtime, SessionSink sink) {
        this(threadName, runtime, sink, RecordSettings.OFF);
    }

    /**
     * A session that also records everything into a session record ({@code docs/records.md}) when {@code record} is
     * on: every event, action, signaling trace, a stats sample a second and wire statistics every 2 s.
     */
    public MeshSession(String threadName, WebRtcRuntime runtime, SessionSink sink, RecordSettings record) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.wiring = new PeerWiring(runtime);
        this.sink = RecordingSink.wrap(
                Objects.requireNonNull(sink, "sink"),
                record,
                "window",
                () -> wiring.configuration().iceServers());
        this.traffic = new TrafficPump(tracker, echo, this.sink::action, tap);
        this.thread = new MeshThread(threadName, runtime);
        this.lobby = new LobbySignaling(thread, wiring, () -> peer, this.sink::action, timeline);
        thread.setFailureHandler(t -> this.sink.action(OperatorAction.failed(
                0,
                "internal",
                "a mesh-thread task failed: " + t + " (the session goes on; please report this with the log).")));
        thread.execute(this::init);
        thread.addPoller(this::pollOnce);
        thread.addTicker(PUBLISH_PERIOD_MS, TimeUnit.MILLISECONDS, this::publish);
        thread.addTicker(TRAFFIC_TICK_MS, TimeUnit.MILLISECONDS, this::pumpTraffic);
        thread.addTicker(WIRE_STATS_PERIOD_MS, TimeUnit.MILLISECONDS, this::requestWireStats);
    }

    /** Asks for every connected peer's wire statistics; they arrive as {@code WireStatsUpdated} events. Mesh thread. */
    private void requestWireStats() {
        if (peer == null) {
            return;
        }
        peer.getPeers().values().stream()
                .filter(dev.meshscope.core.PeerInfo::connected)
                .forEach(info -> info.connection().requestWireStats(stats -> {}));
    }

    private void init() {
        peer = new WebRtcMultiplayerPeer();
        echo.setOn(peer, true);
        echo.setTap(new Echo.Tap() {
            @Override
            public boolean received(int from, int channel, byte[] data, boolean text, long arrivedNanos) {
                tap.received(from, channel, data, text);
                return false;
            }

            @Override
            public void echoSent(int to, int channel, byte[] data, boolean text) {
                tap.sent(to, channel, data, text);
            }

            @Override
            public void relaySent(int to, int channel, byte[] data) {
                tap.sent(to, channel, data, false);
            }
        });
        relay = new GodotHostRelay(peer);
        echo.setRelay(relay);
        peer.addListener(new dev.meshscope.core.MultiplayerPeer.Listener() {
            @Override
            public void peerConnected(int id) {
                relay.peerConnected(id);
            }

            @Override
            public void peerDisconnected(int id) {
                relay.peerDisconnected(id);
            }
        });
        manual =
                new ManualExchange(new NativeExchangeLink(peer, wiring), this::report, timeline::add, System::nanoTime);
        manual.setGatherTimeout(gatherTimeout);
        peer.addEventListener(this::onEvent);
        if (runtime.loadProblem() != null) {
            sink.action(OperatorAction.failed(
                    0, "startup", "the WebRTC library could not be loaded: " + runtime.loadProblem()));
        }
        publish();
    }

    // ---------------------------------------------------------------- commands (any thread)

    @Override
    public CompletableFuture<Integer> generateUniqueId() {
        return thread.call(() -> peer.generateUniqueId());
    }

    @Override
    public void create(CreateRequest r) {
        thread.execute(() -> doCreate(r));
    }

    @Override
    public void close() {
        thread.execute(() -> {
            if (peer.getConnectionStatus() == ConnectionStatus.DISCONNECTED) {
                sink.action(
                        OperatorAction.failed(0, "close", "nothing to close: create a server, client or mesh first."));
                return;
            }
            lobby.leave("the multiplayer peer was closed");
            closePeer("closed the multiplayer peer");
            publish();
        });
    }

    /** Closes the multiplayer peer and forgets everything about its connections; logs it as a "close". Mesh thread. */
    private void closePeer(String what) {
        int n = peer.getPeers().size();
        traffic.stop();
        peer.close(); // The exchanges end with it (MeshEvent.Closed).
        impairments.clear();
        tracker.clear();
        probeStats = List.of();
        sink.action(OperatorAction.ok(0, "close", what + ", dropping " + n + " peer(s)."));
    }

    @Override
    public void setRefuseNewConnections(boolean refuse) {
        thread.execute(() -> {
            peer.setRefuseNewConnections(refuse);
            sink.action(OperatorAction.ok(
                    0,
                    "refuse new connections",
                    refuse ? "on: addPeer now fails with " + "ERR_UNAUTHORIZED." : "off: new peers are accepted."));
            publish();
        });
    }

    @Override
    public void removePeer(int peerId) {
        thread.execute(() -> {
            if (!peer.hasPeer(peerId)) {
                sink.action(OperatorAction.failed(peerId, "remove peer", "there is no peer " + peerId + "."));
                return;
            }
            peer.removePeer(peerId);
            sink.action(
                    OperatorAction.ok(peerId, "remove peer", "removed peer " + peerId + " and closed its connection."));
        });
    }

    @Override
    public void send(SendRequest r) {
        thread.execute(() -> {
            String problem = traffic.start(peer, r);
            if (problem != null) {
                sink.action(OperatorAction.failed(Math.max(0, r.target()), "send", "cannot send: " + problem));
                return;
            }
            sink.action(OperatorAction.ok(Math.max(0, r.target()), "send", describe(r)));
            pumpTraffic();
        });
    }

    @Override
    public void stopSending() {
        thread.execute(() -> {
            String report = traffic.stop();
            sink.action(OperatorAction.ok(0, "send", report == null ? "nothing was being sent." : report));
            publish();
        });
    }

    @Override
    public void setEcho(boolean on) {
        thread.execute(() -> {
            echo.setOn(peer, on);
            sink.action(OperatorAction.ok(
                    0,
                    "echo",
                    on
                            ? "on: every packet goes back on its channel (probe pings "
                                    + "as pongs; pongs and this side's own packets never)."
                            : "off: packets are counted, not answered."));
        });
    }

    @Override
    public void setServerRelay(boolean on) {
        thread.execute(() -> {
            relay.setEnabled(on);
            sink.action(OperatorAction.ok(
                    0,
                    "server relay",
                    on
                            ? "on: as the server (id 1) this peer tells each client about the others and forwards "
                                    + "their SYS RELAY packets, as a Godot host does."
                            : "off: clients are not told about each other and relay packets are not forwarded."));
            publish();
        });
    }

    @Override
    public void setImpairment(LinkImpairment li) {
        thread.execute(() -> {
            String op = "impairment";
            String problem = li.impairment().problem();
            if (problem != null) {
                sink.action(OperatorAction.failed(li.peerId(), op, "not applied: " + problem));
                return;
            }
            if (peer.hasPeer(li.peerId())) {
                GodotError e = peer.setImpairment(li.peerId(), li.channel(), li.direction(), li.impairment());
                if (e != GodotError.OK) {
                    Failure f = peer.getLastFailure();
                    sink.action(OperatorAction.failed(
                            li.peerId(), op, "not applied: " + (f == null ? e.toString() : f.reason())));
                    return;
                }
            }
            impairments.removeIf(li::sameTarget);
            if (!li.impairment().isNone()) {
                impairments.add(li);
            }
            sink.action(OperatorAction.ok(
                    li.peerId(),
                    op,
                    (li.impairment().isNone() ? "cleared " : "set ")
                            + li.describe()
                            + (peer.hasPeer(li.peerId()) ? "." : " (applied when peer " + li.peerId() + " joins).")));
            publish();
        });
    }

    @Override
    public void setLateThreshold(java.time.Duration threshold) {
        thread.execute(() -> {
            try {
                tracker.setLateThreshold(threshold);
            } catch (IllegalArgumentException ex) {
                sink.action(OperatorAction.failed(0, "late threshold", ex.getMessage()));
                return;
            }
            lateThreshold = threshold;
            sink.action(OperatorAction.ok(
                    0, "late threshold", "a probe unanswered for " + threshold.toMillis() + " ms now counts as late."));
            probeStats = tracker.stats();
            publish();
        });
    }

    @Override
    public void clearProbes() {
        thread.execute(() -> {
            tracker.clear();
            probeStats = List.of();
            sink.action(OperatorAction.ok(0, "probes", "probe results cleared."));
        });
    }

    @Override
    public void setInspectorPaused(boolean paused) {
        thread.execute(() -> {
            tap.setPaused(paused);
            sink.action(OperatorAction.ok(
                    0,
                    "inspector",
                    paused
                            ? "paused: packets are still decoded and profiled, not listed."
                            : "resumed: every packet is listed again."));
            publish();
        });
    }

    @Override
    public void nameRpcMethods(String nodePath, List<String> methods) {
        List<String> names = List.copyOf(methods);
        thread.execute(() -> {
            tap.nameRpcMethods(nodePath, names);
            sink.action(OperatorAction.ok(
                    0,
                    "inspector",
                    "RPC methods of /root/" + nodePath + " named " + names + " (ids in sorted order)."));
        });
    }

    @Override
    public void clearInspector() {
        thread.execute(() -> {
            tap.clearCounts();
            sink.action(OperatorAction.ok(
                    0, "inspector", "cleared the packet list and the profiler (node paths already learnt are kept)."));
            publish();
        });
    }

    @Override
    public void addManualPeer(int remoteId) {
        thread.execute(() -> {
            exchange("add peer", new ExchangeInput.Offer(remoteId));
            publish();
        });
    }

    @Override
    public void applyPaste(String text, int assumedSender) {
        thread.execute(() -> {
            exchange("apply paste", new ExchangeInput.Pasted(text, assumedSender));
            publish();
        });
    }

    @Override
    public void cancelPending(int remoteId) {
        thread.execute(() -> {
            exchange("cancel", new ExchangeInput.Cancel(remoteId));
            publish();
        });
    }

    @Override
    public void joinFolder(java.nio.file.Path dir, CreateRequest as) {
        thread.execute(() -> {
            if (configure(as, "join folder")) {
                lobby.joinFolder(dir, as);
            }
            publish();
        });
    }

    @Override
    public void joinLobby(java.net.URI url, String lobbyName, CreateRequest as) {
        thread.execute(() -> {
            if (configure(as, "join lobby")) {
                lobby.joinWebSocket(url, lobbyName.strip(), as);
            }
            publish();
        });
    }

    @Override
    public void sealLobby() {
        thread.execute(() -> {
            lobby.seal();
            publish();
        });
    }

    @Override
    public void leaveLobby() {
        thread.execute(() -> {
            boolean sealed = lobby.sealed();
            if (!lobby.leave("left by the operator")) {
                sink.action(OperatorAction.failed(0, "leave lobby", "not in a lobby or folder: nothing to leave."));
                return;
            }
            if (!sealed && peer.getConnectionStatus() != ConnectionStatus.DISCONNECTED) {
                // Before the seal the other peers drop this one anyway (demo lobby rule), as the demo client closes its
                // own peer when it leaves: closing it here lets the operator Join again without pressing Close.
                closePeer("left the lobby before it was sealed: closed the multiplayer peer the lobby had created");
            }
            publish();
        });
    }

    /**
     * Runs {@code task} with the multiplayer peer on the mesh thread: for in-process tools (the GUI benchmark,
     * tests) that wire peers directly. Any thread.
     */
    public void onMeshThread(Consumer<WebRtcMultiplayerPeer> task) {
        thread.execute(() -> task.accept(peer));
    }

    /**
     * Another ICE gathering timeout for manual exchanges than {@link ManualExchange#GATHER_TIMEOUT} (tests force a
     * timeout with a short one; slow TURN servers want a longer one). Any thread; applies to exchanges started later.
     */
    public void setGatherTimeout(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the gathering timeout must be positive, not " + d);
        }
        thread.execute(() -> {
            gatherTimeout = d;
            if (manual != null) {
                manual.setGatherTimeout(d);
            }
        });
    }

    /**
     * The ICE configuration the current connection of {@code peerId} was initialized with, empty when there is none
     * (tests check that the servers reach every connection, however it was signaled). Any thread.
     */
    public CompletableFuture<Optional<RtcConfiguration>> iceConfigurationOf(int peerId) {
        return thread.call(() -> wiring.initializedWith(peerId));
    }

    /** The mesh thread, for wiring in-process peers (tests, benchmark). */
    public MeshThread meshThread() {
        return thread;
    }

    /** The runtime this session makes connections with. */
    public WebRtcRuntime runtime() {
        return runtime;
    }

    /** Closes the peer (dropping every connection) and stops the mesh thread. Any thread; waits for the thread. */
    public void shutdown() {
        thread.execute(() -> {
            traffic.stop();
            lobby.leave("the session was shut down");
            if (peer != null && peer.getConnectionStatus() != ConnectionStatus.DISCONNECTED) {
                peer.close();
            }
        });
        thread.close();
        RecordingSink.close(sink);
    }

    /** The recorder of this session's record, or {@code null} when it does not record. Any thread. */
    public SessionRecorder recorder() {
        return RecordingSink.recorderOf(sink);
    }

    // ---------------------------------------------------------------- mesh thread

    private void doCreate(CreateRequest r) {
        String op = "create " + r.mode().name().toLowerCase(java.util.Locale.ROOT);
        if (peer.getConnectionStatus() != ConnectionStatus.DISCONNECTED) {
            sink.action(OperatorAction.failed(
                    0,
                    op,
                    "already created as " + peer.getNetworkMode() + " with id " + peer.getUniqueId()
                            + ": press Close first."));
            return;
        }
        if (!configure(r, op)) {
            return;
        }
        lobby.leave("a peer was created by hand"); // Forgets a lobby whose signaling ended (silent); none is active.
        GodotError e;
        if (r.mode() == NetworkMode.SERVER) {
            e = peer.createServer(r.extraChannels());
        } else if (r.mode() == NetworkMode.CLIENT) {
            e = peer.createClient(r.peerId(), r.extraChannels());
        } else if (r.mode() == NetworkMode.MESH) {
            e = peer.createMesh(r.peerId(), r.extraChannels());
        } else {
            sink.action(OperatorAction.failed(0, op, "choose server, client or mesh."));
            return;
        }
        if (e != GodotError.OK) {
            Failure f = peer.getLastFailure();
            sink.action(OperatorAction.failed(0, op, e + ": " + (f == null ? "no reason recorded" : f.reason())));
            return;
        }
        tracker.clear();
        probeStats = List.of();
        sink.action(OperatorAction.ok(
                0,
                op,
                "created " + peer.getNetworkMode() + " with unique id "
                        + peer.getUniqueId() + ", " + r.extraChannels().size() + " extra channel(s), "
                        + (r.iceServers().isEmpty()
                                ? "no ICE servers (host candidates only)."
                                : r.iceServers().size() + " ICE server(s)"
                                        + (r.icePolicy() == dev.meshscope.core.IceTransportPolicy.RELAY
                                                ? ", relay candidates only."
                                                : "."))));
        publish();
    }

    /** Makes {@code r}'s ICE servers the ones of every later connection; false (and says why) when unusable. */
    private boolean configure(CreateRequest r, String op) {
        try {
            wiring.setConfiguration(RtcConfiguration.withServers(r.iceServers(), r.icePolicy()));
            return true;
        } catch (IllegalArgumentException ex) {
            sink.action(OperatorAction.failed(0, op, ex.getMessage()));
            return false;
        }
    }

    /** Feeds an operator command to the manual exchange; what it reports is logged under {@code command}. */
    private void exchange(String command, ExchangeInput in) {
        reportKind = command;
        try {
            manual.on(in);
        } finally {
            reportKind = MANUAL_KIND;
        }
    }

    /** A manual exchange's report as an operator action: a failure is named by its step, the rest by its command. */
    private void report(ExchangeReport r) {
        String kind = r instanceof ExchangeReport.Failed f ? f.step().label() : reportKind;
        sink.action(
                r.problem()
                        ? OperatorAction.failed(r.peerId(), kind, r.text())
                        : OperatorAction.ok(r.peerId(), kind, r.text()));
    }

    private void onEvent(MeshEvent e) {
        if (e instanceof MeshEvent.Created c) {
            tap.reset(c.uniqueId(), peer.getChannelModes());
        } else if (e instanceof MeshEvent.PeerAdded pa) {
            var info = peer.getPeer(pa.peerId());
            if (info != null) {
                channels.put(pa.peerId(), info.channels());
            }
            for (LinkImpairment li : impairments) {
                if (li.peerId() == pa.peerId()) {
                    peer.setImpairment(li.peerId(), li.channel(), li.direction(), li.impairment());
                }
            }
        } else if (e instanceof MeshEvent.PeerRemoved pr) {
            channels.remove(pr.peerId());
            traffic.forgetPeer(pr.peerId());
            tracker.forgetPeer(pr.peerId());
            tap.peerLeft(pr.peerId());
        } else if (e instanceof MeshEvent.Closed) {
            channels.clear();
        }
        sink.event(e);
        manual.onEvent(e);
    }

    private void pollOnce() {
        if (peer == null) {
            return;
        }
        peer.poll();
        int reads = echo.drain(peer, MAX_READS_PER_POLL);
        if (reads == MAX_READS_PER_POLL || traffic.pump(channels)) {
            thread.wake();
        }
    }

    /**
     * The channel field of an encoded probe packet (bytes 6-7, big-endian; see {@link ProbePacket}), read without
     * decoding: a pong is answered per packet, at full rate. Call only on bytes {@link ProbePacket#looksLikeProbe}
     * accepted.
     */
    public static int probeChannel(byte[] probe) {
        return ((probe[6] & 0xFF) << 8) | (probe[7] & 0xFF);
    }

    private void pumpTraffic() {
        if (peer != null && traffic.pump(channels)) {
            thread.wake();
        }
    }

    private void publish() {
        if (peer == null) {
            return;
        }
        manual.on(new ExchangeInput.Tick(System.nanoTime()));
        if (publishCount++ % PROBE_STATS_EVERY == 0) {
            probeStats = tracker.stats();
        }
        String dict = peer.getConnectionStatus() == ConnectionStatus.DISCONNECTED
                        && peer.getPeers().isEmpty()
                ? "{  }"
                : printer.print(peer.getPeers());
        sink.state(new SessionState(
                System.nanoTime(),
                peer.snapshot(),
                dict,
                probeStats,
                pendingList(),
                echo.isOn(),
                traffic.status(),
                lobby.folderStatus(),
                manual.snapshot(),
                runtime.messagesReceived(),
                lobby.state(peer),
                new SessionControls(relay.isEnabled(), relay.stats(), relay.admitted(), impairments, lateThreshold),
                tap.handOff()));
    }

    private List<PendingSignal> pendingList() {
        return manual.list().stream().map(PendingSignal::of).toList();
    }

    private static String describe(SendRequest r) {
        String target = r.target() == 0
                ? "every peer"
                : r.target() > 0 ? "peer " + r.target() : "every peer but " + (-r.target());
        String ch = r.channel() == SendRequest.ALL_CHANNELS
                ? "every channel"
                : "channel " + r.channel() + " \"" + WebRtcMultiplayerPeer.channelLabel(r.channel()) + "\"";
        String rate = r.ratePerSec() == 0 ? "as fast as the send buffers allow" : r.ratePerSec() + " packet(s)/s";
        return "sending " + r.count() + " " + (r.probe() ? "probe ping(s)" : "raw packet(s)") + " of "
                + r.payloadLength() + " B payload to " + target + " on " + ch + ", " + rate + ".";
    }
}
