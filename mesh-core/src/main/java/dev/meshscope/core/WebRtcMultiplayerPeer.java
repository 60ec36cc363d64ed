// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import dev.meshscope.core.event.EventHub;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.event.MeshEventListener;
import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.core.impair.Impairment;
import dev.meshscope.core.impair.LinkShaper;
import dev.meshscope.core.internal.OwnerThread;
import dev.meshscope.core.internal.Stamp;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Godot 4's {@code WebRTCMultiplayerPeer}, ported from {@code modules/webrtc/webrtc_multiplayer_peer.cpp}
 * (docs/architecture.md lists where it departs from Godot): the same checks in the same order with the same
 * error codes, the same negotiated channel layout (wire-compatible with Godot), the same {@code poll()}
 * algorithm, round-robin packet selection and signal order.
 *
 * <p>Threads: one owner thread calls every method, including {@code poll()} (the first thread that calls
 * owns it). Signals and {@link MeshEvent}s fire on that thread. Nothing here blocks on the network.
 *
 * <p>Differences from Godot, on purpose: the packet lifetime of the "ordered", "unreliable" and unreliable
 * extra channels is really applied (Godot passes it under a misspelt key, so its "unreliable" channels are
 * reliable); a {@code create*} call with a bad channel configuration changes nothing (Godot leaves the
 * configuration half rebuilt); a connection dropped from the map is closed explicitly; every failure is
 * recorded with a reason and emitted as an event.
 */
public final class WebRtcMultiplayerPeer extends MultiplayerPeer {
    /** Internal channel indices of the three default channels: reliable, ordered, unreliable. */
    public static final int CH_RELIABLE = 0;
    /** Internal index of the "ordered" (unreliable ordered) channel. */
    public static final int CH_ORDERED = 1;
    /** Internal index of the "unreliable" channel. */
    public static final int CH_UNRELIABLE = 2;
    /** How many default channels there are; extra channels start at this internal index. */
    public static final int CH_RESERVED_MAX = 3;
    /** Godot's advisory {@code get_max_packet_size()} for the multiplayer peer; not enforced. */
    public static final int GODOT_MAX_PACKET_SIZE = 1200;
    /** Lifetime in ms Godot gives unreliable extra channels (and the default of {@code addPeer}). */
    public static final int DEFAULT_UNRELIABLE_LIFETIME_MS = 1;

    private static final byte[] EMPTY = new byte[0];

    private final OwnerThread owner = new OwnerThread();
    private final EventHub hub = new EventHub();
    private final LinkedHashMap<Integer, ConnectedPeer> peerMap = new LinkedHashMap<>();
    private final List<TransferMode> channelModes = new ArrayList<>();
    private final List<DataChannelOptions> channelsConfig = new ArrayList<>();
    private int uniqueId;
    private ConnectionStatus status = ConnectionStatus.DISCONNECTED;
    private NetworkMode mode = NetworkMode.NONE;
    private int nextPacketPeer;
    private int nextPacketChannel;
    private GodotError packetError = GodotError.OK;
    private long lastPacketArrivalNanos;
    private boolean lastPacketWasString;
    private @Nullable Failure lastFailure;
    private boolean packetEvents;
    private boolean answerProbesOnArrival;

    /** Every error raised on this peer or its connections becomes the last failure (one path for both). */
    public WebRtcMultiplayerPeer() {
        hub.add(e -> {
            if (e instanceof MeshEvent.ErrorRaised err) {
                lastFailure = new Failure(err.code(), err.step(), err.reason());
            }
        });
    }

    /** Godot's {@code ConnectedPeer}: one remote peer, its channels, and whether it counts as connected. */
    private static final class ConnectedPeer {
        final WebRtcPeerConnection connection;
        final List<WebRtcDataChannel> channels;
        boolean connected;
        /** The connection's change count when poll() last checked this peer; -1 before the first check. */
        long checkedAt = -1;

        ConnectedPeer(WebRtcPeerConnection connection, List<WebRtcDataChannel> channels) {
            this.connection = connection;
            this.channels = channels;
        }
    }

    // ---------------------------------------------------------------- create

    /** {@code create_server()} with no extra channels. */
    public GodotError createServer() {
        return createServer(List.of());
    }

    /**
     * {@code create_server(channels_config)}: unique id 1. Each element of {@code channelsConfig} is a
     * transfer mode for one extra channel, as a {@link TransferMode} or Godot's int value.
     */
    public GodotError createServer(List<?> channelsConfig) {
        return initializeAs(1, NetworkMode.SERVER, channelsConfig, Step.CREATE_SERVER);
    }

    /** {@code create_client(peer_id)} with no extra channels. */
    public GodotError createClient(int peerId) {
        return createClient(peerId, List.of());
    }

    /** {@code create_client(peer_id, channels_config)}: id 1 is refused ("Clients cannot have ID 1."). */
    public GodotError createClient(int peerId, List<?> channelsConfig) {
        checkOwner("createClient");
        if (peerId == 1) {
            return fail(GodotError.ERR_INVALID_PARAMETER, Step.CREATE_CLIENT, "Clients cannot have ID 1.");
        }
        return initializeAs(peerId, NetworkMode.CLIENT, channelsConfig, Step.CREATE_CLIENT);
    }

    /** {@code create_mesh(peer_id)} with no extra channels. */
    public GodotError createMesh(int peerId) {
        return createMesh(peerId, List.of());
    }

    /** {@code create_mesh(peer_id, channels_config)}. */
    public GodotError createMesh(int peerId, List<?> channelsConfig) {
        return initializeAs(peerId, NetworkMode.MESH, channelsConfig, Step.CREATE_MESH);
    }

    private GodotError initializeAs(int id, NetworkMode newMode, List<?> cfg, Step op) {
        checkOwner(op.apiName());
        Objects.requireNonNull(cfg, "channelsConfig");
        if (id < 1) {
            return fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    op,
                    "the peer id must be between 1 and 2147483647, not " + id + ".");
        }
        List<TransferMode> modes = new ArrayList<>(
                List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE));
        List<DataChannelOptions> extras = new ArrayList<>();
        for (int i = 0; i < cfg.size(); i++) {
            Object e = cfg.get(i);
            TransferMode m;
            if (e instanceof TransferMode tm) {
                m = tm;
            } else if (e instanceof Integer v) {
                m = TransferMode.fromValue(v);
                if (m == null) {
                    return fail(
                            GodotError.ERR_INVALID_PARAMETER,
                            op,
                            "The multiplayer peer channels config must be a "
                                    + "list of transfer modes (0, 1 or 2). Got: " + v + " (extra channel " + (i + 1)
                                    + ").");
                }
            } else {
                return fail(
                        GodotError.ERR_INVALID_PARAMETER,
                        op,
                        "The multiplayer peer channels config must contain "
                                + "integers (transfer modes); element " + i + " is "
                                + (e == null ? "null" : e.getClass().getSimpleName() + " " + e) + ".");
            }
            extras.add(extraChannelOptions(i, m));
            modes.add(m);
        }
        channelModes.clear();
        channelModes.addAll(modes);
        channelsConfig.clear();
        channelsConfig.addAll(extras);
        uniqueId = id;
        mode = newMode;
        Stamp at = Stamp.now();
        hub.emit(new MeshEvent.Created(at.nanos(), at.millis(), newMode, id, extras.size()));
        setStatus(newMode == NetworkMode.CLIENT ? ConnectionStatus.CONNECTING : ConnectionStatus.CONNECTED, at);
        return GodotError.OK;
    }

    /** Godot's option dictionary for extra channel {@code i}: id 4+i, lifetime 1 ms for the unreliable modes. */
    private static DataChannelOptions extraChannelOptions(int i, TransferMode m) {
        DataChannelOptions o = DataChannelOptions.negotiated(CH_RESERVED_MAX + i + 1);
        switch (m) {
            case UNRELIABLE_ORDERED:
                return o.withMaxPacketLifeTime(DEFAULT_UNRELIABLE_LIFETIME_MS);
            case UNRELIABLE:
                return o.withMaxPacketLifeTime(DEFAULT_UNRELIABLE_LIFETIME_MS).withOrdered(false);
            default:
                return o;
        }
    }

    // ---------------------------------------------------------------- peers

    /** {@code add_peer(peer, peer_id)} with the default unreliable lifetime of 1 ms. */
    public GodotError addPeer(WebRtcPeerConnection peer, int peerId) {
        return addPeer(peer, peerId, DEFAULT_UNRELIABLE_LIFETIME_MS);
    }

    /**
     * {@code add_peer(peer, peer_id, unreliable_lifetime)}: creates the negotiated channels 1 "reliable",
     * 2 "ordered", 3 "unreliable" and 4.. for the extra channels on {@code peer}, then stores it. Checks, in
     * Godot's order: mode NONE (ERR_UNCONFIGURED), client and id != 1, server and id == 1, id range, negative
     * lifetime (ERR_INVALID_PARAMETER), refusing new connections (ERR_UNAUTHORIZED), null peer, peer not NEW
     * (ERR_INVALID_PARAMETER). An entry with the same id is replaced silently (its connection is closed).
     * A lifetime above 65535 ms is accepted, as in Godot, and clamped to 65535 for the wire (the SCTP
     * partial-reliability parameter is 16 bits); {@link WebRtcDataChannel#getMaxPacketLifeTime()} shows the
     * clamped value.
     */
    public GodotError addPeer(WebRtcPeerConnection peer, int peerId, int unreliableLifetime) {
        checkOwner("addPeer");
        Step op = Step.ADD_PEER;
        if (mode == NetworkMode.NONE) {
            return fail(GodotError.ERR_UNCONFIGURED, op, "create a server, client or mesh before adding peers.");
        }
        if (mode == NetworkMode.CLIENT && peerId != 1) {
            return fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    op,
                    "a client can only add the server, peer 1 (not " + peerId + ").");
        }
        if (mode == NetworkMode.SERVER && peerId == 1) {
            return fail(GodotError.ERR_INVALID_PARAMETER, op, "a server cannot add peer 1: that is its own id.");
        }
        if (peerId < 1) {
            return fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    op,
                    "the peer id must be between 1 and 2147483647, not " + peerId + ".");
        }
        if (unreliableLifetime < 0) {
            return fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    op,
                    "the unreliable lifetime must be 0 ms or more, not " + unreliableLifetime + ".");
        }
        if (isRefusingNewConnections()) {
            return fail(GodotError.ERR_UNAUTHORIZED, op, "new connections are refused (refuse_new_connections is on).");
        }
        if (peer == null) {
            return fail(GodotError.ERR_INVALID_PARAMETER, op, "the peer connection is null.");
        }
        if (peer.getConnectionState() != ConnectionState.NEW) {
            return fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    op,
                    "the peer connection must be NEW (it is " + peer.getConnectionState()
                            + "): add the peer before creating or accepting an offer.");
        }
        // Godot accepts any lifetime >= 0; the wire field is 16 bits (RFC 8831), so larger values are clamped.
        int wireLifetime = Math.min(unreliableLifetime, DataChannelOptions.MAX_RELIABILITY_PARAMETER);
        List<DataChannelOptions> layout = new ArrayList<>();
        layout.add(DataChannelOptions.negotiated(1));
        layout.add(DataChannelOptions.negotiated(2).withMaxPacketLifeTime(wireLifetime));
        layout.add(DataChannelOptions.negotiated(3)
                .withMaxPacketLifeTime(wireLifetime)
                .withOrdered(false));
        layout.addAll(channelsConfig);
        List<WebRtcDataChannel> channels = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            WebRtcDataChannel ch = peer.createDataChannel(channelLabel(i), layout.get(i));
            if (ch == null) {
                Failure f = peer.getLastFailure();
                return fail(
                        GodotError.FAILED,
                        op,
                        "could not create channel " + channelLabel(i) + ": "
                                + (f == null ? "unknown reason" : f.reason()));
            }
            ch.setIndex(i);
            channels.add(ch);
        }
        peer.bind(peerId, hub, () -> packetEvents);
        peer.setAnswerProbesOnArrival(answerProbesOnArrival);
        ConnectedPeer old = peerMap.put(peerId, new ConnectedPeer(peer, channels));
        if (old != null && old.connection != peer) {
            old.connection.close();
        }
        Stamp at = Stamp.now();
        hub.emit(new MeshEvent.PeerAdded(at.nanos(), at.millis(), peerId, old != null));
        return GodotError.OK;
    }

    /** The label Godot gives internal channel {@code i}. */
    public static String channelLabel(int i) {
        switch (i) {
            case CH_RELIABLE:
                return "reliable";
            case CH_ORDERED:
                return "ordered";
            case CH_UNRELIABLE:
                return "unreliable";
            default:
                return Integer.toString(i + 1);
        }
    }

    /**
     * {@code remove_peer(id)}: drops the peer and closes its connection; fires {@code peer_disconnected} if it
     * was connected (a client whose peer 1 goes becomes DISCONNECTED).
     */
    public void removePeer(int peerId) {
        checkOwner("removePeer");
        removePeer(peerId, "removePeer(" + peerId + ") called");
    }

    private void removePeer(int peerId, String reason) {
        ConnectedPeer p = peerMap.remove(peerId);
        if (p == null) {
            fail(GodotError.ERR_INVALID_PARAMETER, Step.REMOVE_PEER, "there is no peer " + peerId + ".");
            return;
        }
        p.connection.close();
        boolean wasConnected = p.connected;
        Stamp at = Stamp.now();
        hub.emit(new MeshEvent.PeerRemoved(at.nanos(), at.millis(), peerId, wasConnected, reason));
        if (wasConnected) {
            p.connected = false;
            hub.emit(new MeshEvent.PeerDisconnected(at.nanos(), at.millis(), peerId));
            firePeerDisconnected(peerId);
            if (mode == NetworkMode.CLIENT && peerId == 1) {
                setStatus(ConnectionStatus.DISCONNECTED, at);
            }
        }
    }

    @Override
    public void disconnectPeer(int peerId, boolean force) {
        checkOwner("disconnectPeer");
        ConnectedPeer p = peerMap.get(peerId);
        if (p == null) {
            fail(GodotError.ERR_INVALID_PARAMETER, Step.DISCONNECT_PEER, "there is no peer " + peerId + ".");
            return;
        }
        if (force) {
            peerMap.remove(peerId);
            p.connection.close();
            Stamp at = Stamp.now();
            hub.emit(new MeshEvent.PeerRemoved(
                    at.nanos(), at.millis(), peerId, false, "disconnectPeer(" + peerId + ", force) called"));
            if (mode == NetworkMode.CLIENT && peerId == 1) {
                setStatus(ConnectionStatus.DISCONNECTED, at);
            }
        } else {
            p.connection.close();
        }
    }

    /**
     * Makes the link to {@code peerId} worse on purpose, inside MeshScope's own send or receive path (a debugger
     * extra; no root, no kernel qdisc): {@code channelIndex} -1 covers every channel of the peer with one shared
     * bandwidth cap, otherwise one internal channel index. {@link Impairment#NONE} clears it; packets already held
     * keep their due times. Impairing a channel stops probe pings being answered on arrival there, so probes measure
     * the impairment. Owner thread.
     *
     * @return OK, or ERR_INVALID_PARAMETER for an unknown peer or channel or an impossible impairment (with why)
     */
    public GodotError setImpairment(int peerId, int channelIndex, ImpairDirection direction, Impairment impairment) {
        checkOwner("setImpairment");
        Step op = Step.SET_IMPAIRMENT;
        String problem = impairment.problem();
        if (problem != null) {
            return fail(GodotError.ERR_INVALID_PARAMETER, op, problem);
        }
        ConnectedPeer p = peerMap.get(peerId);
        if (p == null) {
            return fail(GodotError.ERR_INVALID_PARAMETER, op, "there is no peer " + peerId + " to impair.");
        }
        if (channelIndex < -1 || channelIndex >= p.channels.size()) {
            return fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    op,
                    "peer " + peerId + " has channels 0 to " + (p.channels.size() - 1) + " (or -1 for all), not "
                            + channelIndex + ".");
        }
        LinkShaper shaper = new LinkShaper(impairment);
        for (int i = 0; i < p.channels.size(); i++) {
            if (channelIndex < 0 || i == channelIndex) {
                p.channels.get(i).setImpairment(direction, shaper);
            }
        }
        Stamp at = Stamp.now();
        hub.emit(new MeshEvent.ImpairmentChanged(at.nanos(), at.millis(), peerId, channelIndex, direction, impairment));
        return GodotError.OK;
    }

    /** The impairment of one channel of {@code peerId} in one direction ({@link Impairment#NONE} if none). Owner thread. */
    public Impairment getImpairment(int peerId, int channelIndex, ImpairDirection direction) {
        checkOwner("getImpairment");
        ConnectedPeer p = peerMap.get(peerId);
        if (p == null || channelIndex < 0 || channelIndex >= p.channels.size()) {
            return Impairment.NONE;
        }
        return p.channels.get(channelIndex).impairment(direction);
    }

    /** {@code has_peer(id)}: in the map, connected or not. */
    public boolean hasPeer(int peerId) {
        checkOwner("hasPeer");
        return peerMap.containsKey(peerId);
    }

    /** {@code get_peer(id)}, or {@code null} (Godot: an empty dictionary) with the reason recorded. */
    public @Nullable PeerInfo getPeer(int peerId) {
        checkOwner("getPeer");
        ConnectedPeer p = peerMap.get(peerId);
        if (p == null) {
            fail(GodotError.ERR_INVALID_PARAMETER, Step.GET_PEER, "there is no peer " + peerId + ".");
            return null;
        }
        return new PeerInfo(p.connection, p.channels, p.connected);
    }

    /** {@code get_peers()}: every peer in map (insertion) order. An unmodifiable copy. */
    public Map<Integer, PeerInfo> getPeers() {
        checkOwner("getPeers");
        LinkedHashMap<Integer, PeerInfo> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, ConnectedPeer> e : peerMap.entrySet()) {
            ConnectedPeer p = e.getValue();
            out.put(e.getKey(), new PeerInfo(p.connection, p.channels, p.connected));
        }
        return Collections.unmodifiableMap(out);
    }

    // ---------------------------------------------------------------- poll

    /**
     * Godot's poll: polls every connection in map order, removes peers whose connection is
     * DISCONNECTED/FAILED/CLOSED or whose channel is closing, marks connected those with a CONNECTED
     * connection and every channel OPEN, then fires removals before additions, and finds the next packet.
     */
    @Override
    public void poll() {
        checkOwner("poll");
        if (peerMap.isEmpty()) {
            return;
        }
        List<Integer> remove = new ArrayList<>();
        List<String> removeWhy = new ArrayList<>();
        List<Integer> add = new ArrayList<>();
        for (Map.Entry<Integer, ConnectedPeer> e : new ArrayList<>(peerMap.entrySet())) {
            int id = e.getKey();
            ConnectedPeer p = e.getValue();
            if (peerMap.get(id) != p) {
                continue; // A signal handler removed or replaced it during this poll.
            }
            p.connection.poll();
            long changes = p.connection.changeCount();
            if (changes == p.checkedAt) {
                continue; // Nothing changed since the last check, so its outcome would be the same: skip it.
            }
            p.checkedAt = changes;
            ConnectionState cs = p.connection.getConnectionState();
            if (cs == ConnectionState.NEW || cs == ConnectionState.CONNECTING) {
                continue;
            }
            if (cs != ConnectionState.CONNECTED) {
                remove.add(id);
                removeWhy.add("its connection is " + cs);
                continue;
            }
            int ready = 0;
            for (WebRtcDataChannel ch : p.channels) {
                ChannelState s = ch.getReadyState();
                if (s == ChannelState.CONNECTING) {
                    continue;
                }
                if (s == ChannelState.OPEN) {
                    ready++;
                    continue;
                }
                remove.add(id);
                removeWhy.add("its channel \"" + ch.getLabel() + "\" is " + s);
                break;
            }
            if (ready == p.channels.size() && !p.connected) {
                p.connected = true;
                add.add(id);
            }
        }
        for (int i = 0; i < remove.size(); i++) {
            int id = remove.get(i);
            if (peerMap.containsKey(id)) {
                removePeer(id, removeWhy.get(i));
            }
            if (nextPacketPeer == id) {
                nextPacketPeer = 0;
            }
        }
        for (int id : add) {
            Stamp at = Stamp.now();
            if (mode == NetworkMode.CLIENT) {
                if (id != 1) {
                    fail(GodotError.ERR_BUG, Step.POLL, "Bug: a client connected to peer " + id + ", not the server.");
                    continue;
                }
                setStatus(ConnectionStatus.CONNECTED, at);
            }
            hub.emit(new MeshEvent.PeerConnected(at.nanos(), at.millis(), id));
            firePeerConnected(id);
        }
        if (nextPacketPeer == 0) {
            findNextPeer();
        }
    }

    private void findNextPeer() {
        List<Integer> ids = new ArrayList<>(peerMap.keySet());
        int start = ids.indexOf(nextPacketPeer);
        int n = ids.size();
        for (int k = 0; k < n; k++) {
            int id = ids.get((start + 1 + k) % n);
            ConnectedPeer p = peerMap.get(id);
            if (p == null || !p.connected) {
                continue;
            }
            for (int i = 0; i < p.channels.size(); i++) {
                if (p.channels.get(i).getAvailablePacketCount() > 0) {
                    nextPacketPeer = id;
                    nextPacketChannel = i;
                    return;
                }
            }
        }
        nextPacketPeer = 0;
        nextPacketChannel = 0;
    }

    // ---------------------------------------------------------------- packets

    @Override
    public int getAvailablePacketCount() {
        checkOwner("getAvailablePacketCount");
        if (nextPacketPeer == 0) {
            return 0;
        }
        int count = 0;
        for (ConnectedPeer p : peerMap.values()) {
            if (!p.connected) {
                continue;
            }
            for (WebRtcDataChannel ch : p.channels) {
                count += ch.getAvailablePacketCount();
            }
        }
        return count;
    }

    /**
     * {@code get_packet()}: reads the packet that {@link #getPacketPeer()}, {@link #getPacketChannel()} and
     * {@link #getPacketMode()} announced, from exactly the announced channel.
     *
     * <p>Departure from Godot, on purpose: Godot (both backends) takes the first non-empty channel of the
     * announced peer <em>now</em>. Channels fill from native threads at any moment, so a packet that arrives on a
     * higher-priority channel between the announcement and the read is returned under the announced (wrong)
     * channel and mode. Reading the announced channel keeps peer, channel, mode and content consistent; the
     * order of packets is otherwise Godot's (round robin across peers, channel priority within one).
     */
    @Override
    public byte[] getPacket() {
        checkOwner("getPacket");
        ConnectedPeer p = nextPacketPeer == 0 ? null : peerMap.get(nextPacketPeer);
        if (p == null) {
            findNextPeer();
            packetError = fail(
                    GodotError.ERR_UNAVAILABLE,
                    Step.GET_PACKET,
                    "no packet is available; call poll() and check " + "getAvailablePacketCount() first.");
            return EMPTY;
        }
        WebRtcDataChannel ch = nextPacketChannel < p.channels.size() ? p.channels.get(nextPacketChannel) : null;
        if (ch == null || ch.getAvailablePacketCount() == 0) {
            findNextPeer();
            packetError = fail(
                    GodotError.ERR_BUG,
                    Step.GET_PACKET,
                    "Bug: the channel announced for the next packet (" + nextPacketChannel + ") has none.");
            return EMPTY;
        }
        byte[] data = ch.getPacket();
        packetError = ch.getPacketError();
        lastPacketArrivalNanos = ch.getLastPacketArrivalNanos();
        lastPacketWasString = ch.wasStringPacket();
        findNextPeer();
        return data;
    }

    @Override
    public GodotError getPacketError() {
        return packetError;
    }

    /**
     * When the packet last returned by {@link #getPacket()} arrived from the wire ({@link System#nanoTime()},
     * taken in the native callback). A round trip measured up to this moment excludes the time the packet
     * waited for this owner thread to wake and poll.
     */
    public long getLastPacketArrivalNanos() {
        return lastPacketArrivalNanos;
    }

    /**
     * True if the packet last returned by {@link #getPacket()} arrived as a text message (a debugger extra, as
     * {@code WebRTCDataChannel.was_string_packet()}); echo and forwarding use it to keep the form it came in.
     */
    public boolean wasStringPacket() {
        return lastPacketWasString;
    }

    /** The internal channel index (0 "reliable", 1 "ordered", 2 "unreliable", 3.. extras) of the next packet. */
    public int getPacketChannelIndex() {
        return nextPacketChannel;
    }

    @Override
    public int getPacketPeer() {
        return nextPacketPeer;
    }

    @Override
    public int getPacketChannel() {
        return nextPacketChannel < CH_RESERVED_MAX ? 0 : nextPacketChannel - CH_RESERVED_MAX + 1;
    }

    @Override
    public TransferMode getPacketMode() {
        if (nextPacketChannel < 0 || nextPacketChannel >= channelModes.size()) {
            fail(GodotError.ERR_BUG, Step.GET_PACKET_MODE, "channel index " + nextPacketChannel + " is out of range.");
            return TransferMode.RELIABLE;
        }
        return channelModes.get(nextPacketChannel);
    }

    /**
     * {@code put_packet}: to the target peer (0 all, n one, -n all but n), on the channel given by the
     * transfer channel (n >= 1: extra channel n, mode ignored) or, for channel 0, by the transfer mode. A
     * broadcast also targets peers not connected yet and ignores their errors; a unicast returns the
     * channel's error.
     */
    @Override
    public GodotError putPacket(byte[] data) {
        checkOwner("putPacket");
        Objects.requireNonNull(data, "data");
        if (status == ConnectionStatus.DISCONNECTED) {
            return fail(
                    GodotError.ERR_UNCONFIGURED,
                    Step.PUT_PACKET,
                    "the multiplayer peer is not created (DISCONNECTED).");
        }
        int ch = internalChannel();
        int target = targetPeer();
        if (target > 0) {
            ConnectedPeer p = peerMap.get(target);
            if (p == null) {
                return fail(GodotError.ERR_INVALID_PARAMETER, Step.PUT_PACKET, "Invalid target peer: " + target + ".");
            }
            if (p.channels.size() <= ch) {
                return fail(
                        GodotError.ERR_INVALID_PARAMETER,
                        Step.PUT_PACKET,
                        "Unable to send packet on channel " + ch + ", max channels: " + p.channels.size());
            }
            return p.channels.get(ch).putPacket(data);
        }
        int exclude = -target;
        for (Map.Entry<Integer, ConnectedPeer> e : peerMap.entrySet()) {
            if (target != 0 && e.getKey() == exclude) {
                continue;
            }
            ConnectedPeer p = e.getValue();
            if (p.channels.size() <= ch) {
                fail(
                        GodotError.ERR_INVALID_PARAMETER,
                        Step.PUT_PACKET,
                        "Unable to send packet on channel " + ch + ", max channels: " + p.channels.size());
                continue;
            }
            p.channels.get(ch).putPacket(data);
        }
        return GodotError.OK;
    }

    /**
     * Sends {@code data} to one peer on exactly internal channel {@code channelIndex}, as a text or binary
     * message, without touching the target, transfer channel or transfer mode (a debugger extra: echo and
     * forwarding answer on the channel a packet came in on, in the form it came in). Owner thread; {@code data}
     * is not kept.
     *
     * @return the channel's result, or ERR_UNCONFIGURED / ERR_INVALID_PARAMETER as {@link #putPacket} for a
     *         missing peer or channel
     */
    public GodotError putPacketOn(int peerId, int channelIndex, WriteMode writeMode, byte[] data) {
        checkOwner("putPacketOn");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(writeMode, "writeMode");
        if (status == ConnectionStatus.DISCONNECTED) {
            return fail(
                    GodotError.ERR_UNCONFIGURED,
                    Step.PUT_PACKET,
                    "the multiplayer peer is not created (DISCONNECTED).");
        }
        ConnectedPeer p = peerMap.get(peerId);
        if (p == null) {
            return fail(GodotError.ERR_INVALID_PARAMETER, Step.PUT_PACKET, "Invalid target peer: " + peerId + ".");
        }
        if (channelIndex < 0 || channelIndex >= p.channels.size()) {
            return fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    Step.PUT_PACKET,
                    "Unable to send packet on channel " + channelIndex + ", max channels: " + p.channels.size());
        }
        WebRtcDataChannel ch = p.channels.get(channelIndex);
        WriteMode before = ch.getWriteMode();
        ch.setWriteMode(writeMode);
        try {
            return ch.putPacket(data);
        } finally {
            ch.setWriteMode(before);
        }
    }

    /** The internal channel index {@code putPacket} uses now. */
    public int internalChannel() {
        int tc = getTransferChannel();
        if (tc > 0) {
            return tc + CH_RESERVED_MAX - 1;
        }
        switch (getTransferMode()) {
            case UNRELIABLE_ORDERED:
                return CH_ORDERED;
            case UNRELIABLE:
                return CH_UNRELIABLE;
            default:
                return CH_RELIABLE;
        }
    }

    @Override
    public int getMaxPacketSize() {
        return GODOT_MAX_PACKET_SIZE;
    }

    // ---------------------------------------------------------------- status

    /** Drops every peer without signals (closing their connections) and resets everything to DISCONNECTED. */
    @Override
    public void close() {
        checkOwner("close");
        int dropped = peerMap.size();
        List<ConnectedPeer> all = new ArrayList<>(peerMap.values());
        peerMap.clear();
        for (ConnectedPeer p : all) {
            p.connection.close();
        }
        channelsConfig.clear();
        channelModes.clear();
        uniqueId = 0;
        nextPacketPeer = 0;
        nextPacketChannel = 0;
        resetTarget();
        mode = NetworkMode.NONE;
        Stamp at = Stamp.now();
        hub.emit(new MeshEvent.Closed(at.nanos(), at.millis(), dropped));
        setStatus(ConnectionStatus.DISCONNECTED, at);
    }

    @Override
    public ConnectionStatus getConnectionStatus() {
        return status;
    }

    /** The unique id; when DISCONNECTED, 1 with an error recorded, as in Godot. */
    @Override
    public int getUniqueId() {
        checkOwner("getUniqueId");
        if (status == ConnectionStatus.DISCONNECTED) {
            fail(
                    GodotError.ERR_UNCONFIGURED,
                    Step.GET_UNIQUE_ID,
                    "the multiplayer peer is not created; Godot returns 1.");
            return 1;
        }
        return uniqueId;
    }

    /** True in server and client mode (SceneMultiplayer's relay), false in mesh mode. */
    @Override
    public boolean isServerRelaySupported() {
        return mode == NetworkMode.SERVER || mode == NetworkMode.CLIENT;
    }

    /** The network mode. */
    public NetworkMode getNetworkMode() {
        return mode;
    }

    /** The transfer mode of every internal channel (3 + extras); empty when not created. */
    public List<TransferMode> getChannelModes() {
        return List.copyOf(channelModes);
    }

    // ---------------------------------------------------------------- debugger

    /**
     * Adds an event listener; it first receives a {@link MeshEvent.Snapshot} of the current state, then every
     * event. Owner thread.
     */
    public void addEventListener(MeshEventListener l) {
        checkOwner("addEventListener");
        Stamp at = Stamp.now();
        try {
            l.onEvent(new MeshEvent.Snapshot(at.nanos(), at.millis(), snapshot()));
        } catch (RuntimeException e) {
            System.getLogger(WebRtcMultiplayerPeer.class.getName())
                    .log(System.Logger.Level.WARNING, "event listener threw on the initial snapshot", e);
        }
        hub.add(l);
    }

    /** Removes an event listener. */
    public void removeEventListener(MeshEventListener l) {
        hub.remove(l);
    }

    /** Turns per-packet events (PacketSent/PacketReceived) on or off; counters are always kept. Off by default. */
    public void setPacketEventsEnabled(boolean on) {
        packetEvents = on;
    }

    /**
     * Answers MeshScope probe pings ({@link dev.meshscope.core.probe.ProbePacket}) where they arrive, in
     * webrtc-java's receive callback, on the channel and in the form they came in, instead of queueing them for
     * {@link #getPacket()}: the remote's probe round trip then measures the network and the stack, not this
     * peer's poll loop. Answered pings are counted as received and their pongs as sent on the channel; the
     * application never sees them. Off by default (a Godot peer has no such behaviour). Owner thread.
     */
    public void setAnswerProbesOnArrival(boolean on) {
        checkOwner("setAnswerProbesOnArrival");
        answerProbesOnArrival = on;
        for (ConnectedPeer p : peerMap.values()) {
            p.connection.setAnswerProbesOnArrival(on);
        }
    }

    /** Whether probe pings are answered where they arrive. */
    public boolean isAnsweringProbesOnArrival() {
        return answerProbesOnArrival;
    }

    /** The last failure of any call on this peer or on one of its connections and channels, or {@code null}. */
    public @Nullable Failure getLastFailure() {
        return lastFailure;
    }

    /**
     * Requests wire statistics for one peer; they arrive as a {@link MeshEvent.WireStatsUpdated} event from a
     * later poll.
     */
    public GodotError requestWireStats(int peerId) {
        checkOwner("requestWireStats");
        ConnectedPeer p = peerMap.get(peerId);
        if (p == null) {
            return fail(GodotError.ERR_INVALID_PARAMETER, Step.WIRE_STATS, "there is no peer " + peerId + ".");
        }
        return p.connection.requestWireStats(s -> {});
    }

    /** An immutable view of everything (buffered amounts read now). Owner thread. */
    public MeshSnapshot snapshot() {
        checkOwner("snapshot");
        List<PeerSnapshot> peers = new ArrayList<>(peerMap.size());
        for (Map.Entry<Integer, ConnectedPeer> e : peerMap.entrySet()) {
            ConnectedPeer p = e.getValue();
            List<ChannelSnapshot> chs = new ArrayList<>(p.channels.size());
            for (int i = 0; i < p.channels.size(); i++) {
                WebRtcDataChannel ch = p.channels.get(i);
                ch.getBufferedAmount();
                chs.add(ch.snapshot(i, i < channelModes.size() ? channelModes.get(i) : TransferMode.RELIABLE));
            }
            WebRtcPeerConnection c = p.connection;
            peers.add(new PeerSnapshot(
                    e.getKey(),
                    p.connected,
                    c.getConnectionState(),
                    c.getGatheringState(),
                    c.getSignalingState(),
                    chs));
        }
        return new MeshSnapshot(
                System.nanoTime(), mode, uniqueId, status, isRefusingNewConnections(), channelModes, peers);
    }

    // ---------------------------------------------------------------- internals

    /** The one transition method of the connection status. */
    private void setStatus(ConnectionStatus next, Stamp at) {
        ConnectionStatus prev = status;
        if (prev == next) {
            return;
        }
        status = next;
        hub.emit(new MeshEvent.StatusChanged(at.nanos(), at.millis(), prev, next));
    }

    private GodotError fail(GodotError code, Step operation, String reason) {
        Stamp at = Stamp.now();
        hub.emit(new MeshEvent.ErrorRaised(at.nanos(), at.millis(), 0, code, operation, reason));
        return code;
    }

    private void checkOwner(String what) {
        owner.check("WebRtcMultiplayerPeer", what);
    }
}
