// SPDX-License-Identifier: MIT
package dev.meshscope.session.inspect;

import dev.meshscope.godot.packet.DecodedMessage;
import dev.meshscope.godot.packet.Labels;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.godot.variant.VariantWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The profiler's running aggregate: per node path RPCs in and out with bytes, per synchronizer SYNC and delta SYNC
 * counts with state bytes, and per peer bytes in and out per second over a bounded history. Bounded: at most
 * {@link #MAX_ROWS} node rows and synchronizer rows (then one "(other)" row takes the rest) and
 * {@link #MAX_PEERS} peers of {@link #HISTORY_SECONDS} samples each.
 *
 * <p>Threads: the mesh thread only (called by {@link PacketTap}); {@link #snapshot} makes the immutable copy the
 * window gets.
 */
final class NetworkProfile {
    /** Seconds of bandwidth history per peer: Godot's profiler graph shows about this much at a glance. */
    static final int HISTORY_SECONDS = 60;
    /** Rows per table at most: far above the RPC nodes and synchronizers of a real scene, and a bounded copy. */
    static final int MAX_ROWS = 512;
    /** Peers with a bandwidth history at most (Godot's WebRTC mesh tops out far below this). */
    static final int MAX_PEERS = 64;
    /** The row that takes every node or synchronizer past {@link #MAX_ROWS}. */
    static final String OTHER = "(other)";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final class NodeCount {
        long rpcIn;
        long bytesIn;
        long rpcOut;
        long bytesOut;
        long relayed;
    }

    private static final class SyncCount {
        long syncIn;
        long bytesIn;
        long syncOut;
        long bytesOut;
        long deltaIn;
        long deltaOut;
    }

    /** A ring of per-second byte counts for one peer. */
    private static final class History {
        final long[] in = new long[HISTORY_SECONDS];
        final long[] out = new long[HISTORY_SECONDS];
        long lastSecond = -1;

        void add(long second, boolean incoming, long bytes) {
            advance(second);
            int i = (int) (second % HISTORY_SECONDS);
            if (incoming) {
                in[i] += bytes;
            } else {
                out[i] += bytes;
            }
        }

        /** Zeroes the seconds between the last one written and {@code second}. */
        void advance(long second) {
            if (second <= lastSecond) {
                return;
            }
            long from = Math.max(lastSecond + 1, second - HISTORY_SECONDS + 1);
            for (long s = from; s <= second; s++) {
                int i = (int) (s % HISTORY_SECONDS);
                in[i] = 0;
                out[i] = 0;
            }
            lastSecond = second;
        }
    }

    private final Map<String, NodeCount> nodes = new LinkedHashMap<>();
    private final Map<String, SyncCount> syncs = new LinkedHashMap<>();
    private final Map<Integer, History> peers = new LinkedHashMap<>();
    private long startNanos;
    private boolean overflow;
    private boolean changed = true;
    private @Nullable ProfileSnapshot last;

    NetworkProfile(long nowNanos) {
        startNanos = nowNanos;
    }

    /** Forgets everything; seconds count from {@code nowNanos}. */
    void clear(long nowNanos) {
        nodes.clear();
        syncs.clear();
        peers.clear();
        startNanos = nowNanos;
        overflow = false;
        changed = true;
        last = null;
    }

    private long second(long nowNanos) {
        return Math.max(0, (nowNanos - startNanos) / NANOS_PER_SECOND);
    }

    /**
     * Counts one packet of {@code size} bytes that went {@code dir} on the link to {@code peer}; {@code m} is its
     * decoding (null for probes and text, which count in bandwidth only).
     */
    void count(Direction dir, int peer, int size, @Nullable DecodedMessage m, long nowNanos) {
        changed = true;
        boolean in = dir == Direction.IN;
        History h = peers.get(peer);
        if (h == null && peers.size() < MAX_PEERS) {
            h = new History();
            peers.put(peer, h);
        }
        if (h != null) {
            h.add(second(nowNanos), in, size);
        } else {
            overflow = true;
        }
        Packet p = m == null ? null : m.innermost();
        if (m == null || p == null) {
            return;
        }
        int sender = m.sender();
        Labels labels = m.labels();
        if (p instanceof Packet.Rpc rpc) {
            NodeCount c = row(nodes, nodeKey(rpc, sender, labels), NodeCount::new);
            if (in) {
                c.rpcIn++;
                c.bytesIn += size;
            } else {
                c.rpcOut++;
                c.bytesOut += size;
            }
            if (m.relayed()) {
                c.relayed++;
            }
        } else if (p instanceof Packet.Sync s) {
            for (int i = 0; i < s.elements().size(); i++) {
                Packet.SyncElement e = s.elements().get(i);
                SyncCount c = row(syncs, syncKey(e.syncId(), sender, labels.get(Labels.element(i))), SyncCount::new);
                long bytes = stateBytes(e.values());
                if (in) {
                    c.syncIn++;
                    c.bytesIn += bytes;
                } else {
                    c.syncOut++;
                    c.bytesOut += bytes;
                }
            }
        } else if (p instanceof Packet.DeltaSync d) {
            for (int i = 0; i < d.elements().size(); i++) {
                Packet.DeltaElement e = d.elements().get(i);
                SyncCount c = row(syncs, syncKey(e.syncId(), sender, labels.get(Labels.element(i))), SyncCount::new);
                if (in) {
                    c.deltaIn++;
                } else {
                    c.deltaOut++;
                }
            }
        }
    }

    /** The RPC's node: the path resolved when it arrived, or its id marked as not yet explained. */
    static String nodeKey(Packet.Rpc rpc, int sender, Labels labels) {
        String node = labels.get(Labels.NODE);
        if (node != null) {
            return node;
        }
        if (rpc.target() instanceof Packet.ById id) {
            return "node#" + id.cacheId() + "@peer" + sender + " (path not seen yet)";
        }
        return ((Packet.ByPath) rpc.target()).path();
    }

    /** The synchronizer's label: its path or spawned node when known, else its raw id and sender. */
    static String syncKey(int syncId, int sender, @Nullable String label) {
        String id = (syncId < 0 ? "sync#" : "net-sync#") + (syncId & 0x7FFF_FFFF) + "@peer" + sender;
        return label == null ? id : label + " (" + id + ")";
    }

    /** The element's size field: its values as compressed Variants, as the sender wrote them. */
    private static long stateBytes(List<Variant> values) {
        long n = 0;
        for (Variant v : values) {
            n += VariantWriter.compressed(v).length;
        }
        return n;
    }

    private <T> T row(Map<String, T> rows, String key, java.util.function.Supplier<T> make) {
        T c = rows.get(key);
        if (c != null) {
            return c;
        }
        if (rows.size() >= MAX_ROWS) {
            overflow = true;
            key = OTHER;
            c = rows.get(key);
            if (c != null) {
                return c;
            }
        }
        c = make.get();
        rows.put(key, c);
        return c;
    }

    /** The aggregate now (the same object as last time when nothing changed and the second did not advance). */
    ProfileSnapshot snapshot(long nowNanos) {
        long now = second(nowNanos);
        ProfileSnapshot l = last;
        if (!changed && l != null && l.second() == now) {
            return l;
        }
        List<ProfileSnapshot.NodeRow> n = new ArrayList<>(nodes.size());
        nodes.forEach(
                (k, c) -> n.add(new ProfileSnapshot.NodeRow(k, c.rpcIn, c.bytesIn, c.rpcOut, c.bytesOut, c.relayed)));
        List<ProfileSnapshot.SyncRow> s = new ArrayList<>(syncs.size());
        syncs.forEach((k, c) -> s.add(
                new ProfileSnapshot.SyncRow(k, c.syncIn, c.bytesIn, c.syncOut, c.bytesOut, c.deltaIn, c.deltaOut)));
        List<ProfileSnapshot.PeerBandwidth> b = new ArrayList<>(peers.size());
        peers.forEach((peer, h) -> {
            h.advance(now);
            List<ProfileSnapshot.Sample> samples = new ArrayList<>(HISTORY_SECONDS);
            for (long sec = Math.max(0, now - HISTORY_SECONDS + 1); sec <= now; sec++) {
                int i = (int) (sec % HISTORY_SECONDS);
                samples.add(new ProfileSnapshot.Sample(sec, h.in[i], h.out[i]));
            }
            b.add(new ProfileSnapshot.PeerBandwidth(peer, samples));
        });
        ProfileSnapshot snap = new ProfileSnapshot(n, s, b, now, overflow);
        last = snap;
        changed = false;
        return snap;
    }
}
