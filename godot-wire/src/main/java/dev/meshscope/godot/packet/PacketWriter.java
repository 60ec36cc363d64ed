// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import dev.meshscope.godot.WireWriter;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.godot.variant.VariantWriter;
import java.nio.charset.StandardCharsets;

/**
 * Encodes {@link Packet}s into the bytes Godot's SceneMultiplayer sends (the sender side of
 * scene-multiplayer-packets.md). {@code PacketReader} decodes the result back to an equal record. Stateless and
 * thread-safe; every call returns a fresh array the caller owns.
 */
public final class PacketWriter {
    private PacketWriter() {}

    public static byte[] encode(Packet p) {
        WireWriter w = new WireWriter();
        write(w, p);
        return w.toByteArray();
    }

    private static void write(WireWriter w, Packet p) {
        if (p instanceof Packet.Rpc rpc) {
            writeRpc(w, rpc);
        } else if (p instanceof Packet.SimplifyPath s) {
            w.u8(Command.SIMPLIFY_PATH.id());
            w.cstr(s.rpcChecksum());
            w.i32(s.cacheId());
            w.cstr(s.path());
        } else if (p instanceof Packet.ConfirmPathById c) {
            w.u8(Command.CONFIRM_PATH.id()).u8(c.checksumOk() ? 1 : 0).i32(c.cacheId());
        } else if (p instanceof Packet.ConfirmPathByPath c) {
            w.u8(Command.CONFIRM_PATH.id()).u8(c.checksumOk() ? 1 : 0).cstr(c.path());
        } else if (p instanceof Packet.Raw r) {
            w.u8(Command.RAW.id()).bytes(r.payload());
        } else if (p instanceof Packet.Spawn s) {
            writeSpawn(w, s);
        } else if (p instanceof Packet.Despawn d) {
            w.u8(Command.DESPAWN.id()).i32(d.netId());
        } else if (p instanceof Packet.Sync s) {
            w.u8(Command.SYNC.id()).u16(s.sequence());
            for (Packet.SyncElement e : s.elements()) {
                w.i32(e.syncId());
                sized(w, e.values());
            }
        } else if (p instanceof Packet.DeltaSync d) {
            w.u8(Command.SYNC.id() | PacketReader.SYNC_DELTA_FLAG);
            for (Packet.DeltaElement e : d.elements()) {
                w.i32(e.syncId()).i64(e.indexes());
                sized(w, e.values());
            }
        } else if (p instanceof Packet.SysAuth a) {
            w.u8(Command.SYS.id()).u8(SysCommand.AUTH.ordinal()).bytes(a.payload());
        } else if (p instanceof Packet.SysAddPeer a) {
            w.u8(Command.SYS.id()).u8(SysCommand.ADD_PEER.ordinal()).i32(a.peerId());
        } else if (p instanceof Packet.SysDelPeer d) {
            w.u8(Command.SYS.id()).u8(SysCommand.DEL_PEER.ordinal()).i32(d.peerId());
        } else if (p instanceof Packet.SysRelay r) {
            w.u8(Command.SYS.id()).u8(SysCommand.RELAY.ordinal()).i32(r.peer());
            write(w, r.inner());
        } else {
            throw new IllegalArgumentException("no encoder for " + p.getClass().getSimpleName());
        }
    }

    /** u32 byte size, then the values as compressed Variants. */
    private static void sized(WireWriter w, java.util.List<Variant> values) {
        int sizeAt = w.size();
        w.i32(0);
        for (Variant v : values) {
            VariantWriter.writeCompressed(w, v);
        }
        w.i32At(sizeAt, w.size() - sizeAt - 4);
    }

    private static void writeRpc(WireWriter w, Packet.Rpc rpc) {
        int nodeCode;
        if (rpc.target() instanceof Packet.ById id) {
            nodeCode = Integer.numberOfTrailingZeros(id.bytes());
        } else {
            nodeCode = 2;
        }
        int header = Command.REMOTE_CALL.id()
                | nodeCode << 4
                | (rpc.methodBytes() == 2 ? 0x40 : 0)
                | (rpc.argForm() == Packet.ArgForm.COUNTED ? 0 : PacketReader.RPC_BYTES_ONLY);
        w.u8(header);
        int targetAt = w.size();
        if (rpc.target() instanceof Packet.ById id) {
            if (id.bytes() == 1) {
                w.u8(id.cacheId());
            } else if (id.bytes() == 2) {
                w.u16(id.cacheId());
            } else {
                w.i32(id.cacheId());
            }
        } else {
            w.i32(0); // path offset, filled in once the arguments are written
        }
        if (rpc.methodBytes() == 1) {
            w.u8(rpc.methodId());
        } else {
            w.u16(rpc.methodId());
        }
        switch (rpc.argForm()) {
            case COUNTED:
                w.u8(rpc.args().size());
                for (Variant v : rpc.args()) {
                    VariantWriter.writeCompressed(w, v);
                }
                break;
            case BYTES:
                w.bytes(((Variant.PackedByteArray) rpc.args().get(0)).data());
                break;
            case NONE:
            default:
                break;
        }
        if (rpc.target() instanceof Packet.ByPath path) {
            w.i32At(targetAt, 0x8000_0000 | w.size());
            w.bytes(path.path().getBytes(StandardCharsets.UTF_8)).u8(0);
        }
    }

    private static void writeSpawn(WireWriter w, Packet.Spawn s) {
        byte[] name = s.name().getBytes(StandardCharsets.UTF_8);
        w.u8(Command.SPAWN.id()).u8(s.sceneIndex()).i32(s.spawnerCacheId()).i32(s.netId());
        w.i32(s.syncIds().size()).i32(name.length + 1);
        for (int id : s.syncIds()) {
            w.i32(id);
        }
        w.bytes(name).u8(0);
        Variant arg = s.customArg();
        if (arg != null) {
            byte[] a = VariantWriter.compressed(arg);
            w.i32(a.length).bytes(a);
        }
        for (Variant v : s.state()) {
            VariantWriter.writeCompressed(w, v);
        }
    }
}
