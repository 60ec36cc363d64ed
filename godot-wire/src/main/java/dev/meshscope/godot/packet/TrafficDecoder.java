// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Decoded;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a stream of SceneMultiplayer messages with memory: SIMPLIFY_PATH and SPAWN seen earlier turn later ids into
 * node paths and names, per original sender ({@link PathCache}); RELAY envelopes are unwrapped and their inner packet
 * attributed to its real source; RPC method ids become names when the node's RPC list is registered
 * ({@link #methodNames()}). Follows scene-multiplayer-packets.md §9's order: unwrap, dispatch, update the id maps,
 * resolve.
 *
 * <p>A bad message never throws and never changes the caches: it comes back with its {@link DecodedMessage#error()}.
 *
 * <p>Not thread-safe. One owner thread calls {@link #decode} for every message of one session (both directions), so
 * the caches see packets in order. The byte arrays are read during the call only; the caller keeps them.
 */
public final class TrafficDecoder {
    /** Peer id of the server in client/server mode; RELAY envelopes from it carry the source. */
    public static final int SERVER_ID = 1;

    private final DecodeOptions options;
    private final PacketReader reader;
    private final PathCache cache = new PathCache();
    private final RpcMethodNames methodNames = new RpcMethodNames();

    public TrafficDecoder(DecodeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.reader = new PacketReader(options);
    }

    public DecodeOptions options() {
        return options;
    }

    /** The id maps learnt so far (live view; same thread only). */
    public PathCache pathCache() {
        return cache;
    }

    /** Register RPC method lists here to see method names instead of {@code method#N}. */
    public RpcMethodNames methodNames() {
        return methodNames;
    }

    /** The peer left: forget the ids it allocated (a returning peer restarts its counters at 1). */
    public void peerLeft(int peer) {
        cache.forgetPeer(peer);
    }

    /** A new session: forget everything. */
    public void reset() {
        cache.clear();
    }

    /**
     * Decodes one message that went from {@code linkFrom} to {@code linkTo} on a data channel.
     *
     * @param message the whole message; read during the call only
     */
    public DecodedMessage decode(int linkFrom, int linkTo, byte[] message) {
        Decoded<Packet> d = reader.decode(message);
        if (!d.isOk()) {
            return new DecodedMessage(
                    linkFrom,
                    linkTo,
                    linkFrom,
                    linkTo,
                    message.length,
                    null,
                    d.error(),
                    "undecodable: " + d.error(),
                    Labels.NONE);
        }
        Packet p = d.value();
        int sender = linkFrom;
        int destination = linkTo;
        Packet inner = p;
        if (p instanceof Packet.SysRelay relay) {
            inner = relay.inner();
            if (linkFrom == SERVER_ID) {
                sender = relay.peer(); // server -> client hop: the header names the source
            } else {
                destination = relay.peer(); // client -> server hop: the header names the destination
            }
        }
        Labels labels = observe(inner, sender, destination);
        String summary = PacketText.summary(p, sender, destination, labels, options.rootPath());
        return new DecodedMessage(linkFrom, linkTo, sender, destination, message.length, p, null, summary, labels);
    }

    private String abs(String relative) {
        return PacketText.absolute(options.rootPath(), relative);
    }

    /** Updates the caches with {@code p} (from {@code sender} to {@code destination}) and resolves its names. */
    private Labels observe(Packet p, int sender, int destination) {
        Labels.Builder l = new Labels.Builder();
        if (p instanceof Packet.Rpc rpc) {
            String relative = null;
            String checksum = null;
            if (rpc.target() instanceof Packet.ById id) {
                PathCache.Entry e = cache.lookup(sender, id.cacheId());
                if (e != null) {
                    relative = e.path();
                    checksum = e.rpcChecksum();
                }
            } else {
                relative = ((Packet.ByPath) rpc.target()).path();
            }
            if (relative != null) {
                l.put(Labels.NODE, abs(relative));
            }
            RpcMethodNames.Table t = methodNames.find(relative, checksum);
            l.put(Labels.METHOD, t == null ? null : t.nameOf(rpc.methodId()));
        } else if (p instanceof Packet.SimplifyPath s) {
            cache.learnPath(sender, s.cacheId(), s.path(), s.rpcChecksum());
        } else if (p instanceof Packet.ConfirmPathById c) {
            // The confirmation goes back to the peer that announced the id.
            PathCache.Entry e = cache.lookup(destination, c.cacheId());
            if (e != null) {
                l.put(Labels.CONFIRMED, abs(e.path()));
                cache.confirm(destination, c.cacheId(), sender);
            }
        } else if (p instanceof Packet.ConfirmPathByPath c) {
            int id = cache.idOf(destination, c.path());
            if (id != -1) {
                cache.confirm(destination, id, sender);
            }
        } else if (p instanceof Packet.Spawn s) {
            PathCache.Entry spawner = cache.lookup(sender, s.spawnerCacheId());
            l.put(Labels.SPAWNER, spawner == null ? null : abs(spawner.path()));
            cache.learnSpawn(sender, s.netId(), s.name(), s.syncIds());
        } else if (p instanceof Packet.Despawn d) {
            l.put(Labels.NODE, cache.spawnedName(sender, d.netId()));
            cache.forgetSpawn(sender, d.netId());
        } else if (p instanceof Packet.Sync s) {
            List<Packet.SyncElement> es = s.elements();
            for (int i = 0; i < es.size(); i++) {
                l.put(Labels.element(i), syncLabel(sender, es.get(i).syncId()));
            }
        } else if (p instanceof Packet.DeltaSync s) {
            List<Packet.DeltaElement> es = s.elements();
            for (int i = 0; i < es.size(); i++) {
                l.put(Labels.element(i), syncLabel(sender, es.get(i).syncId()));
            }
        } else if (p instanceof Packet.SysDelPeer d) {
            cache.forgetPeer(d.peerId());
        }
        return l.build();
    }

    private @Nullable String syncLabel(int sender, int syncId) {
        if (syncId < 0) {
            PathCache.Entry e = cache.lookup(sender, syncId & 0x7FFF_FFFF);
            return e == null ? null : abs(e.path());
        }
        return cache.spawnedSync(sender, syncId);
    }
}
