// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import dev.meshscope.godot.variant.Variant;
import dev.meshscope.godot.variant.VariantText;
import java.util.List;

/**
 * One-line summaries of packets, e.g. {@code rpc /root/Main/Player3 move(Vector2(1.5, -2))}. Ids that earlier packets
 * did not explain are shown as {@code node#3@peer2 (path not seen yet)}, {@code method#1}, {@code node-rpc#0}
 * (bit-15 methods), {@code sync#5@peer2}. Values use Godot's text form, each cut at {@link VariantText#BRIEF_LIMIT}.
 * Stateless; thread-safe.
 */
public final class PacketText {
    /** Longest summary, in characters: one table row. */
    public static final int MAX_SUMMARY = 400;

    /** RAW payload bytes shown in hex. */
    private static final int RAW_PREVIEW_BYTES = 16;

    private PacketText() {}

    /**
     * The summary of {@code p}.
     *
     * @param sender the peer that created the packet (after RELAY unwrapping), 0 if unknown
     * @param destination the final destination for a RELAY's inner packet, as in {@link DecodedMessage}
     * @param labels names resolved by a {@link TrafficDecoder}, or {@link Labels#NONE}
     * @param rootPath the root relative paths hang from, e.g. {@code /root}
     */
    public static String summary(Packet p, int sender, int destination, Labels labels, String rootPath) {
        StringBuilder sb = new StringBuilder(64);
        append(sb, p, sender, destination, labels, rootPath);
        if (sb.length() > MAX_SUMMARY) {
            sb.setLength(MAX_SUMMARY);
            sb.append('…');
        }
        return sb.toString();
    }

    /** {@code rootPath/relative}, as Godot resolves a path relative to the multiplayer root. */
    public static String absolute(String rootPath, String relative) {
        if (relative.startsWith("/")) {
            return relative;
        }
        if (relative.isEmpty()) {
            return rootPath;
        }
        return rootPath.endsWith("/") ? rootPath + relative : rootPath + "/" + relative;
    }

    static String unresolvedNode(int cacheId, int sender) {
        return "node#" + cacheId + peer(sender) + " (path not seen yet)";
    }

    static String rawMethod(int methodId) {
        return (methodId & RpcMethodNames.NODE_LEVEL_BIT) != 0
                ? "node-rpc#" + (methodId & ~RpcMethodNames.NODE_LEVEL_BIT)
                : "method#" + methodId;
    }

    static String rawSync(int syncId, int sender) {
        return ((syncId < 0) ? "sync#" : "net-sync#") + (syncId & 0x7FFF_FFFF) + peer(sender);
    }

    private static String peer(int sender) {
        return sender == 0 ? "" : "@peer" + sender;
    }

    private static void values(StringBuilder sb, List<Variant> vs) {
        sb.append('(');
        for (int i = 0; i < vs.size() && sb.length() < MAX_SUMMARY; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(VariantText.brief(vs.get(i), VariantText.BRIEF_LIMIT));
        }
        sb.append(')');
    }

    private static String or(Labels labels, String key, String fallback) {
        String s = labels.get(key);
        return s == null ? fallback : s;
    }

    private static void append(StringBuilder sb, Packet p, int sender, int destination, Labels l, String root) {
        if (p instanceof Packet.Rpc rpc) {
            String node = rpc.target() instanceof Packet.ById id
                    ? unresolvedNode(id.cacheId(), sender)
                    : absolute(root, ((Packet.ByPath) rpc.target()).path());
            sb.append("rpc ").append(or(l, Labels.NODE, node)).append(' ');
            sb.append(or(l, Labels.METHOD, rawMethod(rpc.methodId())));
            values(sb, rpc.args());
        } else if (p instanceof Packet.SimplifyPath s) {
            sb.append("simplify_path #")
                    .append(Integer.toUnsignedString(s.cacheId()))
                    .append(" = ");
            sb.append(absolute(root, s.path()))
                    .append(" (rpc md5 ")
                    .append(s.rpcChecksum(), 0, 8)
                    .append(')');
        } else if (p instanceof Packet.ConfirmPathById c) {
            sb.append("confirm_path #").append(Integer.toUnsignedString(c.cacheId()));
            String path = l.get(Labels.CONFIRMED);
            if (path != null) {
                sb.append(" = ").append(path);
            }
            sb.append(c.checksumOk() ? "" : " (RPC checksum mismatch)");
        } else if (p instanceof Packet.ConfirmPathByPath c) {
            sb.append("confirm_path ").append(absolute(root, c.path()));
            sb.append(c.checksumOk() ? "" : " (RPC checksum mismatch)");
        } else if (p instanceof Packet.Raw r) {
            byte[] b = r.payload();
            sb.append("raw ").append(b.length).append(b.length == 1 ? " byte:" : " bytes:");
            for (int i = 0; i < Math.min(b.length, RAW_PREVIEW_BYTES); i++) {
                sb.append(' ')
                        .append(Character.forDigit((b[i] >> 4) & 0xF, 16))
                        .append(Character.forDigit(b[i] & 0xF, 16));
            }
            if (b.length > RAW_PREVIEW_BYTES) {
                sb.append(" …");
            }
        } else if (p instanceof Packet.Spawn s) {
            sb.append("spawn ").append(s.name()).append(" net#").append(Integer.toUnsignedString(s.netId()));
            Variant arg = s.customArg();
            if (arg != null) {
                sb.append(" custom(")
                        .append(VariantText.brief(arg, VariantText.BRIEF_LIMIT))
                        .append(')');
            } else {
                sb.append(" scene ").append(s.sceneIndex());
            }
            sb.append(" by ").append(or(l, Labels.SPAWNER, "spawner#" + s.spawnerCacheId() + peer(sender)));
            if (!s.syncIds().isEmpty()) {
                sb.append(" syncs ").append(s.syncIds());
            }
            if (!s.state().isEmpty()) {
                sb.append(" state ");
                values(sb, s.state());
            }
        } else if (p instanceof Packet.Despawn d) {
            sb.append("despawn net#").append(Integer.toUnsignedString(d.netId()));
            String name = l.get(Labels.NODE);
            if (name != null) {
                sb.append(" (").append(name).append(')');
            }
        } else if (p instanceof Packet.Sync s) {
            sb.append("sync seq ").append(s.sequence()).append(':');
            List<Packet.SyncElement> es = s.elements();
            for (int i = 0; i < es.size() && sb.length() < MAX_SUMMARY; i++) {
                sb.append(i > 0 ? "; " : " ");
                sb.append(or(l, Labels.element(i), rawSync(es.get(i).syncId(), sender)))
                        .append(' ');
                values(sb, es.get(i).values());
            }
        } else if (p instanceof Packet.DeltaSync d) {
            sb.append("delta sync:");
            List<Packet.DeltaElement> es = d.elements();
            for (int i = 0; i < es.size() && sb.length() < MAX_SUMMARY; i++) {
                sb.append(i > 0 ? "; " : " ");
                sb.append(or(l, Labels.element(i), rawSync(es.get(i).syncId(), sender)));
                sb.append(" changed 0x")
                        .append(Long.toHexString(es.get(i).indexes()))
                        .append(' ');
                values(sb, es.get(i).values());
            }
        } else if (p instanceof Packet.SysAuth a) {
            sb.append(a.completed() ? "auth completed" : "auth " + a.payload().length + " bytes");
        } else if (p instanceof Packet.SysAddPeer a) {
            sb.append("add_peer ").append(a.peerId());
        } else if (p instanceof Packet.SysDelPeer d) {
            sb.append("del_peer ").append(d.peerId());
        } else if (p instanceof Packet.SysRelay r) {
            sb.append("relay ")
                    .append(sender == 0 ? "?" : Integer.toString(sender))
                    .append('→');
            sb.append(destination == 0 ? "all" : destination < 0 ? "all but " + -destination : destination);
            sb.append(": ");
            append(sb, r.inner(), sender, destination, l, root);
        }
    }
}
