// SPDX-License-Identifier: MIT
package dev.meshscope.session.inspect;

import dev.meshscope.core.TransferMode;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.packet.DecodedMessage;
import dev.meshscope.godot.packet.Labels;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.RpcMethodNames;
import dev.meshscope.godot.packet.TrafficDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The packet inspector's tap: sees every packet the session reads and sends, decodes it as SceneMultiplayer traffic,
 * counts it in the {@link NetworkProfile}, and records it for the window in a bounded ring that is handed over with
 * each published state ({@link #handOff}: only what came since the previous hand-off).
 *
 * <p>Decoding happens here, on the mesh thread, in arrival order, with one {@link TrafficDecoder} whose path cache is
 * keyed by the sending peer, so every peer's ids resolve from its own SIMPLIFY_PATH and SPAWN packets. It is cheap
 * enough for that (measured: see {@code PacketTapTest.decodingCostsMicrosecondsPerPacket} and docs/performance.md),
 * and a worker thread would need a second copy of every packet and a second hand-off. Pausing stops recording only:
 * packets are still decoded (so the cache stays right) and profiled.
 *
 * <p>Bounds: {@link #RING_CAPACITY} entries wait for the window at most (the oldest are dropped and counted), each
 * with at most {@link #CAPTURE_BYTES} bytes and a decoded tree only when the packet is at most {@link #TREE_BYTES}.
 *
 * <p>Threads: the mesh thread only (the session's owner thread). The entries it hands over are immutable.
 */
public final class PacketTap {
    /**
     * Packets the inspector keeps (here between two hand-offs, and as rows in the window): ten seconds of a 500
     * packets/s game, a bounded few MB (see {@link #CAPTURE_BYTES}).
     */
    public static final int RING_CAPACITY = 5_000;
    /**
     * Bytes copied per packet at most: Godot keeps a SYNC packet under {@code max_sync_packet_size} (1350 by
     * default), so every state packet and almost every RPC is kept whole; longer packets keep their head.
     */
    public static final int CAPTURE_BYTES = 1_400;
    /**
     * Packets up to this long keep their decoded tree (with the names resolved when they arrived); a decoded tree
     * costs several times its bytes on the heap (InspectorMemoryTest: ~6.6 KB for a 1391-byte SYNC), so longer
     * packets keep their bytes and summary only, and the window decodes their captured bytes again when selected.
     * Godot's RPCs and per-frame syncs are almost always shorter.
     */
    public static final int TREE_BYTES = 256;
    /** Characters of a text message shown as its summary. */
    static final int TEXT_PREVIEW_CHARS = 120;

    private final LongSupplier clock;
    private final TrafficDecoder decoder = new TrafficDecoder(DecodeOptions.DEFAULTS);
    private final NetworkProfile profile;
    private final ArrayDeque<TappedPacket> pending = new ArrayDeque<>();
    private List<TransferMode> modes = List.of();
    private int self;
    private long seq;
    private long dropped;
    private long pausedSkips;
    private boolean paused;
    private long decodeNanos;
    private long decodes;

    /** A tap whose time comes from {@code clock} (nanoseconds, e.g. {@code System::nanoTime}). */
    public PacketTap(LongSupplier clock) {
        this.clock = clock;
        this.profile = new NetworkProfile(clock.getAsLong());
    }

    /**
     * A new multiplayer peer: this side's id and its channel modes (3 defaults + extras). Forgets every id learnt,
     * every entry and count (a new Godot session starts its counters at 1).
     */
    public void reset(int selfId, List<TransferMode> channelModes) {
        self = selfId;
        modes = List.copyOf(channelModes);
        decoder.reset();
        clearCounts();
    }

    /**
     * Forgets the recorded entries and the profiler's counts (the operator's Clear), keeping what the decoder learnt
     * (node paths, spawned nodes): later packets still resolve.
     */
    public void clearCounts() {
        profile.clear(clock.getAsLong());
        pending.clear();
        seq = 0;
        dropped = 0;
        pausedSkips = 0;
    }

    /** Peer {@code peer} left: the ids it allocated mean nothing any more (it restarts at 1 if it comes back). */
    public void peerLeft(int peer) {
        decoder.peerLeft(peer);
    }

    /** Stops or resumes recording (decoding and profiling go on). */
    public void setPaused(boolean p) {
        paused = p;
    }

    /** Whether recording is paused. */
    public boolean isPaused() {
        return paused;
    }

    /**
     * A packet read from {@code from} on internal channel {@code channel}. {@code data} is read during the call only
     * (the caller keeps it).
     */
    public void received(int from, int channel, byte[] data, boolean text) {
        tap(Direction.IN, from, from, self, channel, data, text);
    }

    /** A packet sent to {@code to} on internal channel {@code channel}; {@code data} is read during the call only. */
    public void sent(int to, int channel, byte[] data, boolean text) {
        tap(Direction.OUT, to, self, to, channel, data, text);
    }

    private void tap(Direction dir, int peer, int linkFrom, int linkTo, int channel, byte[] data, boolean text) {
        long now = clock.getAsLong();
        DecodedMessage m = null;
        PacketKind kind;
        String summary;
        boolean probe = !text && ProbePacket.looksLikeProbe(data);
        if (text) {
            kind = PacketKind.TEXT;
            String s = new String(data, 0, Math.min(data.length, TEXT_PREVIEW_CHARS * 4), StandardCharsets.UTF_8);
            summary =
                    "text \"" + (s.length() > TEXT_PREVIEW_CHARS ? s.substring(0, TEXT_PREVIEW_CHARS) + "…" : s) + "\"";
        } else if (probe) {
            kind = PacketKind.PROBE;
            ProbePacket pp = ProbePacket.decode(data);
            summary = pp == null ? "MeshScope probe (unknown kind)" : "MeshScope probe " + describe(pp);
        } else {
            long t0 = System.nanoTime();
            m = decoder.decode(linkFrom, linkTo, data);
            decodeNanos += System.nanoTime() - t0;
            decodes++;
            Packet p = m.packet();
            kind = p == null ? PacketKind.UNDECODABLE : PacketKind.of(p);
            summary = m.summary();
        }
        profile.count(dir, peer, data.length, m, now);
        if (paused) {
            pausedSkips++;
            return;
        }
        boolean keepTree = m != null && data.length <= TREE_BYTES;
        TappedPacket e = new TappedPacket(
                ++seq,
                System.currentTimeMillis(),
                dir,
                peer,
                channel,
                channel >= 0 && channel < modes.size() ? modes.get(channel) : TransferMode.RELIABLE,
                data.length,
                text,
                data.length <= CAPTURE_BYTES ? data : Arrays.copyOf(data, CAPTURE_BYTES),
                kind,
                m != null && m.relayed(),
                m != null && unresolved(m),
                summary,
                keepTree ? m : null,
                m == null ? null : m.error());
        if (pending.size() == RING_CAPACITY) {
            pending.removeFirst();
            dropped++;
        }
        pending.addLast(e);
    }

    private static String describe(ProbePacket p) {
        return p.kind().name().toLowerCase(java.util.Locale.ROOT) + " #" + p.sequence() + " (channel " + p.channel()
                + ")";
    }

    /** Whether the message names ids no earlier packet explained (shown as raw ids in its summary). */
    static boolean unresolved(DecodedMessage m) {
        Packet p = m.innermost();
        Labels l = m.labels();
        if (p instanceof Packet.Rpc rpc) {
            return rpc.target() instanceof Packet.ById && l.get(Labels.NODE) == null;
        } else if (p instanceof Packet.Spawn) {
            return l.get(Labels.SPAWNER) == null;
        } else if (p instanceof Packet.Sync s) {
            return anyUnlabelled(s.elements().size(), l);
        } else if (p instanceof Packet.DeltaSync d) {
            return anyUnlabelled(d.elements().size(), l);
        }
        return false;
    }

    private static boolean anyUnlabelled(int elements, Labels l) {
        for (int i = 0; i < elements; i++) {
            if (l.get(Labels.element(i)) == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The packets recorded since the previous hand-off (then forgotten here) with the profiler's aggregate now.
     * Called when the session publishes its state.
     */
    public InspectorUpdate handOff() {
        List<TappedPacket> out = pending.isEmpty() ? List.of() : new ArrayList<>(pending);
        pending.clear();
        long d = dropped;
        dropped = 0;
        return new InspectorUpdate(out, d, seq, pausedSkips, paused, profile.snapshot(clock.getAsLong()));
    }

    /** Packets decoded so far (everything but probes and text). */
    public long decodes() {
        return decodes;
    }

    /** Time spent decoding so far, in nanoseconds (for the cost figure). */
    public long decodeNanos() {
        return decodeNanos;
    }

    /**
     * Names the RPC methods of the node at {@code relativePath} (as SIMPLIFY_PATH spells it): later RPCs to it show the
     * method's name. Kept across resets, like a game's scripts.
     */
    public void nameRpcMethods(String relativePath, List<String> methods) {
        decoder.methodNames().register(relativePath, RpcMethodNames.table(methods));
    }

    /** The decoder (tests: register RPC method names; same thread only). */
    public TrafficDecoder decoder() {
        return decoder;
    }

    /** Test hook: the number of entries waiting for the next hand-off. */
    int pendingCount() {
        return pending.size();
    }

    @Override
    public String toString() {
        return "PacketTap[self " + self + ", recorded " + seq + (paused ? ", paused" : "") + "]";
    }
}
