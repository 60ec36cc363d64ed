// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.MultiplayerPeer;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.godot.Decoded;
import dev.meshscope.godot.packet.Command;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketReader;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.packet.TrafficDecoder;
import dev.meshscope.session.GodotHostRelay;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Hooks {@link GodotPlan} into a running agent: {@code --decode} ({@link PacketPrinter}), {@code --send-rpc} (sent
 * as Godot's {@code SceneRPCInterface} sends them: a SIMPLIFY_PATH to each peer the first time a node is named to
 * it, then the RPC by path until the peer confirmed the path with CONFIRM_PATH, by the short cache id after), and
 * SceneMultiplayer's server relay ({@link GodotHostRelay}, acting while this agent is a server), whose counters are
 * reported as {@code RelayReport} events and, at the end, a {@code RelaySummary} line on stdout.
 *
 * <p>Threads: built on the main thread before the owner thread runs anything of it; everything else on the owner
 * thread.
 */
final class GodotHooks implements AgentTraffic.PacketObserver {
    /** Godot's path cache ids start at 1 ({@code SceneCacheInterface::last_send_cache_id}). */
    private static final int FIRST_CACHE_ID = 1;

    private final GodotPlan plan;
    private final WebRtcMultiplayerPeer peer;
    private final AgentTraffic traffic;
    private final Status status;
    private final EventWriter events;
    private final PacketReader reader;
    private final PacketPrinter printer;
    private final GodotHostRelay relay;
    /** Cache id of each node path, the same toward every peer (as Godot's sender). */
    private final Map<String, Integer> cacheIds = new LinkedHashMap<>();
    /** Per peer: the cache ids whose SIMPLIFY_PATH went to it, and those it confirmed. */
    private final Map<Integer, Set<Integer>> simplified = new HashMap<>();

    private final Map<Integer, Set<Integer>> confirmed = new HashMap<>();
    private long rpcsSent;
    private GodotHostRelay.Stats lastReported;
    private boolean served;

    /** Registers the hooks on {@code thread}; {@code out} is stdout (decoded packets, the relay summary). */
    GodotHooks(
            GodotPlan plan,
            WebRtcMultiplayerPeer peer,
            AgentTraffic traffic,
            MeshThread thread,
            Status status,
            EventWriter events,
            PrintStream out,
            long reportMillis) {
        this.plan = plan;
        this.peer = peer;
        this.traffic = traffic;
        this.status = status;
        this.events = events;
        this.reader = new PacketReader(plan.options());
        this.printer = plan.decode()
                ? new PacketPrinter(new TrafficDecoder(plan.options()), peer, peer::getUniqueId, out)
                : null;
        this.relay = new GodotHostRelay(peer);
        thread.execute(() -> {
            relay.setEnabled(plan.relay());
            traffic.setRelay(relay);
            if (printer != null || !plan.calls().isEmpty()) {
                traffic.setObserver(this);
            }
            peer.addListener(new MultiplayerPeer.Listener() {
                @Override
                public void peerConnected(int id) {
                    served |= serving();
                    relay.peerConnected(id);
                    if (plan.target() == 0 || plan.target() == id) {
                        sendCalls(id);
                    }
                }

                @Override
                public void peerDisconnected(int id) {
                    relay.peerDisconnected(id);
                }
            });
            peer.addEventListener(e -> {
                if (e instanceof MeshEvent.PeerRemoved pr) {
                    simplified.remove(pr.peerId());
                    confirmed.remove(pr.peerId());
                    if (printer != null) {
                        printer.peerLeft(pr.peerId());
                    }
                }
            });
        });
        if (!plan.calls().isEmpty() && !plan.rpcInterval().isZero()) {
            thread.addTicker(plan.rpcInterval().toMillis(), TimeUnit.MILLISECONDS, this::sendToAll);
        }
        thread.addTicker(reportMillis, TimeUnit.MILLISECONDS, () -> reportRelay(false));
    }

    @Override
    public void received(int from, int channel, byte[] data, boolean text) {
        if (printer != null) {
            printer.received(from, channel, data, text);
        }
        if (!text && data.length > 0 && Command.ofByte(data[0] & 0xFF) == Command.CONFIRM_PATH) {
            noteConfirmation(from, data);
        }
    }

    @Override
    public void sent(int to, int channel, byte[] data, boolean text) {
        if (printer != null) {
            printer.sent(to, channel, data, text);
        }
    }

    /** A CONFIRM_PATH from {@code from}: later RPCs to it use the short id (Godot ignores a failed checksum here). */
    private void noteConfirmation(int from, byte[] data) {
        Decoded<Packet> d = reader.decode(data);
        if (!d.isOk()) {
            return;
        }
        int id = -1;
        if (d.value() instanceof Packet.ConfirmPathById c) {
            id = c.cacheId();
        } else if (d.value() instanceof Packet.ConfirmPathByPath c) {
            id = cacheIds.getOrDefault(c.path(), -1);
        }
        if (id > 0 && simplified.getOrDefault(from, Set.of()).contains(id)) {
            confirmed.computeIfAbsent(from, k -> new HashSet<>()).add(id);
        }
    }

    private void sendToAll() {
        for (Map.Entry<Integer, PeerInfo> e : peer.getPeers().entrySet()) {
            if (e.getValue().connected() && (plan.target() == 0 || plan.target() == e.getKey())) {
                sendCalls(e.getKey());
            }
        }
    }

    /** Sends every {@code --send-rpc} call to {@code to}, each after its SIMPLIFY_PATH when that is new to it. */
    private void sendCalls(int to) {
        for (RpcCall c : plan.calls()) {
            int id = cacheIds.computeIfAbsent(c.path(), p -> FIRST_CACHE_ID + cacheIds.size());
            Set<Integer> sentTo = simplified.computeIfAbsent(to, k -> new HashSet<>());
            if (!sentTo.contains(id)) {
                byte[] sp = PacketWriter.encode(new Packet.SimplifyPath(c.rpcChecksum(), id, c.path()));
                if (!send(to, WebRtcMultiplayerPeer.CH_RELIABLE, sp, "SIMPLIFY_PATH " + c.path())) {
                    continue;
                }
                sentTo.add(id);
            }
            boolean byId = confirmed.getOrDefault(to, Set.of()).contains(id);
            Packet.Target target = byId ? Packet.ById.smallest(id) : new Packet.ByPath(c.path());
            byte[] rpc = PacketWriter.encode(Packet.Rpc.of(target, c.methodId(), c.args()));
            if (send(to, plan.rpcChannel(), rpc, c.describe())) {
                rpcsSent++;
                events.agentEvent(
                        "RpcSent",
                        "peerId",
                        to,
                        "channel",
                        plan.rpcChannel(),
                        "path",
                        RpcCall.ROOT + "/" + c.path(),
                        "methodId",
                        c.methodId(),
                        "target",
                        byId ? "id" : "path",
                        "size",
                        rpc.length,
                        "call",
                        c.describe());
                if (rpcsSent <= plan.calls().size()) {
                    status.say("sent rpc " + c.describe() + " to peer " + to + " (" + rpc.length + " bytes, node by "
                            + (byId ? "cache id " + id : "path") + ").");
                }
            }
        }
    }

    private boolean send(int to, int channel, byte[] data, String what) {
        GodotError e = peer.putPacketOn(to, channel, WriteMode.BINARY, data);
        if (e != GodotError.OK) {
            status.say("could not send " + what + " to peer " + to + ": " + e
                    + (peer.getLastFailure() == null
                            ? ""
                            : " (" + peer.getLastFailure().reason() + ")"));
            return false;
        }
        traffic.sentOwn(to, channel, data, false);
        return true;
    }

    /** Whether this agent is the server of a client/server mesh now (where the relay acts when it is on). */
    private boolean serving() {
        return peer.getNetworkMode() == NetworkMode.SERVER && peer.getConnectionStatus() == ConnectionStatus.CONNECTED;
    }

    /** Reports the relay's counters when they changed (or at the end, {@code all}), if this agent ever served. */
    private void reportRelay(boolean all) {
        served |= serving();
        GodotHostRelay.Stats s = relay.stats();
        if (!served || !all && s.equals(lastReported)) {
            return;
        }
        lastReported = s;
        events.agentEvent(
                "RelayReport",
                "enabled",
                relay.isEnabled(),
                "relayed",
                s.relayed(),
                "relayedBytes",
                s.relayedBytes(),
                "dropped",
                s.dropped(),
                "addPeerSent",
                s.addPeerSent(),
                "delPeerSent",
                s.delPeerSent(),
                "admitted",
                relay.admitted(),
                "lastDrop",
                relay.lastDrop());
        status.say(describe(s));
    }

    private String describe(GodotHostRelay.Stats s) {
        return "server relay " + (relay.isEnabled() ? "on" : "off") + ": relayed " + s.relayed() + " packet(s) ("
                + s.relayedBytes() + " bytes), dropped " + s.dropped() + ", ADD_PEER sent " + s.addPeerSent()
                + ", DEL_PEER sent " + s.delPeerSent() + ", clients admitted " + relay.admitted()
                + (relay.lastDrop().isEmpty() ? "" : "; last drop: " + relay.lastDrop());
    }

    /** The last reports: the relay's summary line on {@code out} when this agent served; owner thread. */
    void finish(PrintStream out) {
        if (rpcsSent > 0) {
            status.say("sent " + rpcsSent + " rpc(s).");
        }
        served |= serving();
        if (!served) {
            return;
        }
        reportRelay(true);
        GodotHostRelay.Stats s = relay.stats();
        String line = EventWriter.json(
                "RelaySummary",
                "enabled",
                relay.isEnabled(),
                "relayed",
                s.relayed(),
                "relayedBytes",
                s.relayedBytes(),
                "dropped",
                s.dropped(),
                "addPeerSent",
                s.addPeerSent(),
                "delPeerSent",
                s.delPeerSent(),
                "admitted",
                relay.admitted());
        out.println(line);
        out.flush();
        events.agentJson(line);
    }
}
