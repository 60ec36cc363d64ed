// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import dev.meshscope.godot.variant.Variant;
import dev.meshscope.godot.variant.VariantTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A packet as plain maps and lists for JSON lines ({@code --decode}) and the window's tree view: {@code kind} first,
 * then the wire fields by name, then resolved names (keys ending in {@code _label}) where a {@link TrafficDecoder} knew
 * them. Values are {@link VariantTree} maps. Fresh, mutable maps the caller owns; stateless and thread-safe.
 */
public final class PacketTree {
    private PacketTree() {}

    public static Map<String, @Nullable Object> of(Packet p, Labels labels) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        if (p instanceof Packet.Rpc rpc) {
            m.put("kind", "rpc");
            if (rpc.target() instanceof Packet.ById id) {
                m.put("node_id", id.cacheId());
                m.put("node_id_bytes", id.bytes());
            } else {
                m.put("node_path", ((Packet.ByPath) rpc.target()).path());
            }
            m.put("method_id", rpc.methodId());
            m.put("arg_form", rpc.argForm().name().toLowerCase(java.util.Locale.ROOT));
            m.put("args", values(rpc.args()));
            m.put("node_label", labels.get(Labels.NODE));
            m.put("method_label", labels.get(Labels.METHOD));
        } else if (p instanceof Packet.SimplifyPath s) {
            m.put("kind", "simplify_path");
            m.put("cache_id", Integer.toUnsignedLong(s.cacheId()));
            m.put("path", s.path());
            m.put("rpc_checksum", s.rpcChecksum());
        } else if (p instanceof Packet.ConfirmPathById c) {
            m.put("kind", "confirm_path");
            m.put("form", "id");
            m.put("checksum_ok", c.checksumOk());
            m.put("cache_id", Integer.toUnsignedLong(c.cacheId()));
            m.put("path_label", labels.get(Labels.CONFIRMED));
        } else if (p instanceof Packet.ConfirmPathByPath c) {
            m.put("kind", "confirm_path");
            m.put("form", "path");
            m.put("checksum_ok", c.checksumOk());
            m.put("path", c.path());
        } else if (p instanceof Packet.Raw r) {
            m.put("kind", "raw");
            m.put(
                    "payload",
                    VariantTree.of(new Variant.PackedByteArray(r.payload())).get("value"));
        } else if (p instanceof Packet.Spawn s) {
            m.put("kind", "spawn");
            m.put("scene_index", s.sceneIndex());
            m.put("spawner_id", Integer.toUnsignedLong(s.spawnerCacheId()));
            m.put("net_id", Integer.toUnsignedLong(s.netId()));
            m.put("sync_ids", new ArrayList<Object>(s.syncIds()));
            m.put("name", s.name());
            Variant arg = s.customArg();
            m.put("custom_arg", arg == null ? null : VariantTree.of(arg));
            m.put("state", values(s.state()));
            m.put("spawner_label", labels.get(Labels.SPAWNER));
        } else if (p instanceof Packet.Despawn d) {
            m.put("kind", "despawn");
            m.put("net_id", Integer.toUnsignedLong(d.netId()));
            m.put("node_label", labels.get(Labels.NODE));
        } else if (p instanceof Packet.Sync s) {
            m.put("kind", "sync");
            m.put("sequence", s.sequence());
            List<Object> es = new ArrayList<>();
            for (int i = 0; i < s.elements().size(); i++) {
                Packet.SyncElement e = s.elements().get(i);
                Map<String, @Nullable Object> em = new LinkedHashMap<>();
                em.put("sync_id", Integer.toUnsignedLong(e.syncId()));
                em.put("path_based", e.pathBased());
                em.put("values", values(e.values()));
                em.put("label", labels.get(Labels.element(i)));
                es.add(em);
            }
            m.put("elements", es);
        } else if (p instanceof Packet.DeltaSync d) {
            m.put("kind", "delta_sync");
            List<Object> es = new ArrayList<>();
            for (int i = 0; i < d.elements().size(); i++) {
                Packet.DeltaElement e = d.elements().get(i);
                Map<String, @Nullable Object> em = new LinkedHashMap<>();
                em.put("sync_id", Integer.toUnsignedLong(e.syncId()));
                em.put("path_based", e.pathBased());
                em.put("changed_mask", "0x" + Long.toHexString(e.indexes()));
                em.put("values", values(e.values()));
                em.put("label", labels.get(Labels.element(i)));
                es.add(em);
            }
            m.put("elements", es);
        } else if (p instanceof Packet.SysAuth a) {
            m.put("kind", "auth");
            m.put(
                    "payload",
                    VariantTree.of(new Variant.PackedByteArray(a.payload())).get("value"));
        } else if (p instanceof Packet.SysAddPeer a) {
            m.put("kind", "add_peer");
            m.put("peer", a.peerId());
        } else if (p instanceof Packet.SysDelPeer d) {
            m.put("kind", "del_peer");
            m.put("peer", d.peerId());
        } else if (p instanceof Packet.SysRelay r) {
            m.put("kind", "relay");
            m.put("peer", r.peer());
            m.put("inner", of(r.inner(), labels));
        }
        m.values().removeIf(v -> v == null);
        return m;
    }

    private static List<Object> values(List<Variant> vs) {
        List<Object> out = new ArrayList<>(vs.size());
        for (Variant v : vs) {
            out.add(VariantTree.of(v));
        }
        return out;
    }
}
