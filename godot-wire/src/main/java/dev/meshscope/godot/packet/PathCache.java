// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What earlier packets said ids mean, keyed by the peer that allocated them (the original sender, after RELAY
 * unwrapping, scene-multiplayer-packets.md §2-3, §7.6): cache id → node path from SIMPLIFY_PATH, which peers confirmed
 * it, and net ids / synchronizer ids → spawned node name from SPAWN.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} ids of each kind are kept; past that, new ids are not learnt (their packets
 * show raw ids) so a peer flooding SIMPLIFY_PATH or SPAWN cannot grow memory without end. Not thread-safe: owned by the
 * {@link TrafficDecoder}'s thread.
 */
public final class PathCache {
    /**
     * Cap per kind. Godot allocates one cache id per node that sends an RPC or has a spawner/synchronizer, and one net
     * id per spawned node; 65536 is far above any real scene and keeps the maps to a few MB.
     */
    public static final int MAX_ENTRIES = 65_536;

    /** A learnt cache id: the node path (relative to the sender's root) and its RPC checksum. */
    public record Entry(String path, String rpcChecksum) {}

    private final Map<Long, Entry> paths = new HashMap<>();
    private final Map<Long, Set<Integer>> confirmations = new HashMap<>();
    private final Map<Long, String> netNames = new HashMap<>();
    private final Map<Long, String> syncNames = new HashMap<>();
    private boolean full;

    private static long key(int peer, int id) {
        return (long) peer << 32 | (id & 0xFFFF_FFFFL);
    }

    private static int peerOf(long key) {
        return (int) (key >> 32);
    }

    /** Records a SIMPLIFY_PATH from {@code sender}. Returns false when the cache is full and the id was not learnt. */
    public boolean learnPath(int sender, int cacheId, String path, String rpcChecksum) {
        long k = key(sender, cacheId);
        if (!paths.containsKey(k) && paths.size() >= MAX_ENTRIES) {
            full = true;
            return false;
        }
        paths.put(k, new Entry(path, rpcChecksum));
        confirmations.remove(k);
        return true;
    }

    /** The path {@code sender} announced for {@code cacheId}, or null if no SIMPLIFY_PATH for it was seen. */
    public @Nullable Entry lookup(int sender, int cacheId) {
        return paths.get(key(sender, cacheId));
    }

    /** The cache id {@code sender} announced for {@code path}, or -1 (for 4.0-4.2 path-form confirmations). */
    public int idOf(int sender, String path) {
        for (Map.Entry<Long, Entry> e : paths.entrySet()) {
            if (peerOf(e.getKey()) == sender && e.getValue().path().equals(path)) {
                return (int) (long) e.getKey();
            }
        }
        return -1;
    }

    /** Records that {@code confirmer} confirmed {@code owner}'s cache id. */
    public void confirm(int owner, int cacheId, int confirmer) {
        long k = key(owner, cacheId);
        if (paths.containsKey(k)) {
            confirmations.computeIfAbsent(k, x -> new HashSet<>()).add(confirmer);
        }
    }

    /** The peers that confirmed {@code owner}'s cache id (a copy). */
    public Set<Integer> confirmedBy(int owner, int cacheId) {
        Set<Integer> s = confirmations.get(key(owner, cacheId));
        return s == null ? Set.of() : Set.copyOf(s);
    }

    /** Records a SPAWN: the node name for its net id and its synchronizers' ids. */
    public void learnSpawn(int sender, int netId, String name, Iterable<Integer> syncIds) {
        if (netNames.size() >= MAX_ENTRIES) {
            full = true;
            return;
        }
        netNames.put(key(sender, netId), name);
        int i = 0;
        for (int sid : syncIds) {
            if (syncNames.size() < MAX_ENTRIES) {
                syncNames.put(key(sender, sid), name + " sync " + i);
            }
            i++;
        }
    }

    /** The spawned node name for {@code sender}'s net id, or null. */
    public @Nullable String spawnedName(int sender, int netId) {
        return netNames.get(key(sender, netId));
    }

    /** The label of {@code sender}'s spawned synchronizer id, or null. */
    public @Nullable String spawnedSync(int sender, int syncId) {
        return syncNames.get(key(sender, syncId));
    }

    /** Records a DESPAWN: forgets the net id (its synchronizer ids stay labelled until the peer leaves). */
    public void forgetSpawn(int sender, int netId) {
        netNames.remove(key(sender, netId));
    }

    /** Forgets everything {@code peer} allocated and every confirmation it gave (it left; its counters restart). */
    public void forgetPeer(int peer) {
        removePeer(paths.keySet().iterator(), peer);
        removePeer(confirmations.keySet().iterator(), peer);
        removePeer(netNames.keySet().iterator(), peer);
        removePeer(syncNames.keySet().iterator(), peer);
        for (Set<Integer> s : confirmations.values()) {
            s.remove(peer);
        }
    }

    private static void removePeer(Iterator<Long> keys, int peer) {
        while (keys.hasNext()) {
            if (peerOf(keys.next()) == peer) {
                keys.remove();
            }
        }
    }

    public void clear() {
        paths.clear();
        confirmations.clear();
        netNames.clear();
        syncNames.clear();
        full = false;
    }

    /** Number of cache ids known. */
    public int size() {
        return paths.size();
    }

    /** Whether some id was not learnt because a map was at {@link #MAX_ENTRIES}. */
    public boolean overflowed() {
        return full;
    }
}
