// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import dev.meshscope.godot.DecodeError;
import dev.meshscope.godot.DecodeFailure;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Decoded;
import dev.meshscope.godot.GodotVersion;
import dev.meshscope.godot.WireReader;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.godot.variant.VariantReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one SceneMultiplayer packet (one WebRTC data-channel message) into a {@link Packet}, without context: ids stay
 * ids. Follows the receiving code in Godot's {@code modules/multiplayer} (paraphrased in scene-multiplayer-packets.md)
 * for every length and limit; where Godot silently ignores trailing bytes Godot itself never sends, this reports them,
 * so an inspector shows what is odd.
 *
 * <p>Never throws on bad input: {@link #decode} returns a {@link DecodeError} with the byte offset. Stateless after
 * construction and thread-safe. The caller keeps ownership of the byte array; nothing refers to it afterwards.
 */
public final class PacketReader {
    /** SIMPLIFY_PATH: command byte, 33-byte checksum field, u32 id (§3.1). */
    static final int SIMPLIFY_PATH_HEADER = 38;
    /** CONFIRM_PATH id form: command, ok, u32 id (§3.2). */
    static final int CONFIRM_PATH_ID_LENGTH = 6;
    /** CONFIRM_PATH path form: command, ok, at least the NUL (Godot 4.2 checks {@code len < 3}). */
    static final int CONFIRM_PATH_PATH_MIN = 3;
    /** SPAWN fixed part: command, scene, spawner id, net id, sync count, name length (§7.2). */
    static final int SPAWN_HEADER = 18;
    /** DESPAWN: command and u32 net id. */
    static final int DESPAWN_LENGTH = 5;
    /** Godot rejects shorter SYNC packets, delta included ({@code on_sync_receive}). */
    static final int SYNC_MIN = 11;
    /** Full SYNC: command and u16 sequence before the first element. */
    static final int SYNC_HEADER = 3;
    /** Full SYNC element header: u32 id, u32 size; Godot loops while {@code offset + 8 < length}. */
    static final int SYNC_ELEMENT_HEADER = 8;
    /** Delta element header: u32 id, u64 mask, u32 size; Godot loops while {@code offset + 16 < length}. */
    static final int DELTA_ELEMENT_HEADER = 16;
    /** SYS with a peer id: command, sub-command, i32 peer ({@code SYS_CMD_SIZE}). */
    static final int SYS_CMD_SIZE = 6;
    /** RPC header bit 7 ({@code BYTE_ONLY_OR_NO_ARGS_FLAG}). */
    static final int RPC_BYTES_ONLY = 0x80;
    /** Delta SYNC flag ({@code CMD_FLAG_0}). */
    static final int SYNC_DELTA_FLAG = 0x10;

    private final GodotVersion version;
    private final VariantReader rpcValues;
    private final VariantReader stateValues;

    public PacketReader(DecodeOptions options) {
        this.version = options.version();
        this.rpcValues = new VariantReader(options);
        this.stateValues = rpcValues.withoutObjects();
    }

    public Decoded<Packet> decode(byte[] message) {
        return decode(message, 0, message.length);
    }

    /** Decodes {@code message[offset .. offset+length)}; error offsets count from {@code offset}. */
    public Decoded<Packet> decode(byte[] message, int offset, int length) {
        try {
            return Decoded.ok(read(new WireReader(message, offset, length), false));
        } catch (DecodeFailure f) {
            return Decoded.failed(f.toError());
        } catch (StackOverflowError e) {
            return Decoded.failed(new DecodeError(0, VariantReader.STACK_TOO_SMALL));
        } catch (RuntimeException e) {
            // A decoder bug must not take the caller down either; the fuzz test holds this branch at zero.
            return Decoded.failed(new DecodeError(0, "decoder bug: " + e));
        }
    }

    /** Reads the packet that fills {@code r} exactly. */
    Packet read(WireReader r, boolean insideRelay) {
        if (!r.hasRemaining()) {
            throw r.fail("empty message: a SceneMultiplayer packet has at least a command byte");
        }
        int b0 = r.peekU8("command byte");
        switch (Command.ofByte(b0)) {
            case REMOTE_CALL:
                return readRpc(r);
            case SIMPLIFY_PATH:
                return readSimplifyPath(r);
            case CONFIRM_PATH:
                return readConfirmPath(r);
            case RAW:
                return readRaw(r);
            case SPAWN:
                return readSpawn(r);
            case DESPAWN:
                return readDespawn(r);
            case SYNC:
                return (b0 & SYNC_DELTA_FLAG) != 0 && version.hasDeltaSync() ? readDelta(r) : readSync(r);
            case SYS:
            default:
                if (insideRelay) {
                    throw r.fail("SYS inside a RELAY: Godot never sends it and the receiver rejects it");
                }
                return readSys(r);
        }
    }

    private static void noTrailing(WireReader r, String after) {
        if (r.hasRemaining()) {
            throw r.fail(
                    r.remaining() + " unexpected bytes after " + after + " (Godot ignores them but never sends them)");
        }
    }

    private Packet readRpc(WireReader r) {
        int packetLength = r.remaining();
        int header = r.u8("RPC header");
        int nodeCode = (header >>> 4) & 3;
        if (nodeCode == 3) {
            throw r.failAt(
                    0,
                    "RPC header 0x" + Integer.toHexString(header)
                            + " has node-id size code 3, which does not exist (Godot drops the packet)");
        }
        int nodeBytes = 1 << nodeCode;
        int methodBytes = (header & 0x40) != 0 ? 2 : 1;
        long target =
                nodeBytes == 1 ? r.u8("RPC node id") : nodeBytes == 2 ? r.u16("RPC node id") : r.u32("RPC node id");
        int methodId = methodBytes == 1 ? r.u8("RPC method id") : r.u16("RPC method id");
        int headerEnd = r.offset();
        Packet.Target t;
        WireReader args;
        if (nodeBytes == 4 && (target & 0x8000_0000L) != 0) {
            long pathAt = target & 0x7FFF_FFFFL;
            if (pathAt >= packetLength) {
                throw r.failAt(1, "RPC path offset " + pathAt + " is at or past the packet end (" + packetLength + ")");
            }
            if (pathAt < headerEnd) {
                throw r.failAt(
                        1, "RPC path offset " + pathAt + " points into the RPC header (ends at " + headerEnd + ")");
            }
            args = r.slice(pathAt - headerEnd, "RPC arguments");
            String path = r.cstr("RPC node path");
            noTrailing(r, "the RPC node path");
            t = new Packet.ByPath(path);
        } else {
            args = r.rest();
            t = new Packet.ById((int) target, nodeBytes);
        }
        if ((header & RPC_BYTES_ONLY) != 0) {
            if (!args.hasRemaining()) {
                return new Packet.Rpc(t, methodId, methodBytes, Packet.ArgForm.NONE, List.of());
            }
            Variant bytes = new Variant.PackedByteArray(args.bytes(args.remaining(), "RPC byte argument"));
            return new Packet.Rpc(t, methodId, methodBytes, Packet.ArgForm.BYTES, List.of(bytes));
        }
        int argc = args.u8("RPC argument count");
        List<Variant> values = new ArrayList<>(Math.min(argc, args.remaining()));
        for (int i = 0; i < argc; i++) {
            if (!args.hasRemaining()) {
                throw args.fail("RPC says " + argc + " arguments but the bytes end after " + i);
            }
            values.add(rpcValues.readCompressed(args));
        }
        noTrailing(args, "the last RPC argument");
        return new Packet.Rpc(t, methodId, methodBytes, Packet.ArgForm.COUNTED, values);
    }

    private static Packet readSimplifyPath(WireReader r) {
        if (r.remaining() < SIMPLIFY_PATH_HEADER) {
            throw r.fail("SIMPLIFY_PATH is " + r.remaining() + " bytes; it has at least " + SIMPLIFY_PATH_HEADER);
        }
        r.u8("command");
        String md5 = r.utf8(Packet.SimplifyPath.CHECKSUM_CHARS, "RPC checksum");
        if (md5.length() != Packet.SimplifyPath.CHECKSUM_CHARS) {
            throw r.failAt(1, "RPC checksum has " + md5.length() + " characters before its NUL; it has 32");
        }
        r.u8("checksum NUL");
        int id = r.i32("cache id");
        String path = r.cstr("node path");
        noTrailing(r, "the SIMPLIFY_PATH node path");
        return new Packet.SimplifyPath(md5, id, path);
    }

    private Packet readConfirmPath(WireReader r) {
        int len = r.remaining();
        boolean byId;
        if (version.pinsConfirmPathForm()) {
            byId = version.confirmPathById();
        } else {
            byId = len == CONFIRM_PATH_ID_LENGTH && !looksLikeThreeCharPath(r);
        }
        if (byId && len != CONFIRM_PATH_ID_LENGTH) {
            throw r.fail("CONFIRM_PATH is " + len + " bytes; the 4.3+ form is exactly 6 (02, ok, u32 id)."
                    + " A 4.0-4.2 peer sends the path form: decode with version 4.2 or auto");
        }
        if (!byId && len < CONFIRM_PATH_PATH_MIN) {
            throw r.fail("CONFIRM_PATH is " + len + " bytes; the 4.0-4.2 form has at least 3 (02, ok, path, NUL)");
        }
        r.u8("command");
        boolean ok = r.u8("checksum flag") != 0;
        if (byId) {
            return new Packet.ConfirmPathById(ok, r.i32("cache id"));
        }
        String path = r.cstr("confirmed path");
        noTrailing(r, "the CONFIRM_PATH path");
        return new Packet.ConfirmPathByPath(ok, path);
    }

    /** §3.2: a 6-byte CONFIRM_PATH whose bytes 2-4 are all non-zero and byte 5 zero is a 3-character path. */
    private static boolean looksLikeThreeCharPath(WireReader r) {
        return r.peekU8(2, "CONFIRM_PATH") != 0
                && r.peekU8(3, "CONFIRM_PATH") != 0
                && r.peekU8(4, "CONFIRM_PATH") != 0
                && r.peekU8(5, "CONFIRM_PATH") == 0;
    }

    private static Packet readRaw(WireReader r) {
        r.u8("command");
        if (!r.hasRemaining()) {
            throw r.fail("RAW without payload: Godot's send_bytes refuses empty data");
        }
        return new Packet.Raw(r.bytes(r.remaining(), "RAW payload"));
    }

    private Packet readSpawn(WireReader r) {
        if (r.remaining() < SPAWN_HEADER) {
            throw r.fail("SPAWN is " + r.remaining() + " bytes; it has at least " + SPAWN_HEADER);
        }
        r.u8("command");
        int scene = r.u8("scene index");
        int spawner = r.i32("spawner cache id");
        int netId = r.i32("net id");
        int countAt = r.offset();
        long syncCount = r.u32("synchronizer count");
        long nameLength = r.u32("name length");
        if (syncCount * 4 + nameLength > r.remaining()) {
            throw r.failAt(
                    countAt,
                    "SPAWN claims " + syncCount + " synchronizer ids and a " + nameLength + "-byte name but only "
                            + r.remaining() + " bytes remain");
        }
        if (nameLength < 1) {
            throw r.failAt(countAt + 4, "SPAWN name length is 0; it counts the NUL, so at least 1 (Godot refuses 0)");
        }
        List<Integer> syncIds = new ArrayList<>((int) syncCount);
        for (long i = 0; i < syncCount; i++) {
            syncIds.add(r.i32("synchronizer net id"));
        }
        String name = r.utf8(nameLength, "node name");
        Variant arg = null;
        if (scene == Packet.Spawn.CUSTOM_SPAWN) {
            long argSize = r.u32("spawn argument size");
            WireReader argBytes = r.slice(argSize, "spawn argument");
            arg = stateValues.readCompressed(argBytes);
            noTrailing(argBytes, "the spawn argument");
        }
        List<Variant> state = new ArrayList<>();
        while (r.hasRemaining()) {
            state.add(stateValues.readCompressed(r));
        }
        return new Packet.Spawn(scene, spawner, netId, syncIds, name, arg, state);
    }

    private static Packet readDespawn(WireReader r) {
        if (r.remaining() < DESPAWN_LENGTH) {
            throw r.fail("DESPAWN is " + r.remaining() + " bytes; it is " + DESPAWN_LENGTH);
        }
        r.u8("command");
        int netId = r.i32("net id");
        noTrailing(r, "the DESPAWN net id");
        return new Packet.Despawn(netId);
    }

    private Packet readSync(WireReader r) {
        if (r.remaining() < SYNC_MIN) {
            throw r.fail("SYNC is " + r.remaining() + " bytes; Godot drops anything under " + SYNC_MIN);
        }
        r.u8("command");
        int seq = r.u16("sync sequence");
        List<Packet.SyncElement> elements = new ArrayList<>();
        while (r.remaining() > SYNC_ELEMENT_HEADER) {
            int id = r.i32("synchronizer id");
            long size = r.u32("state size");
            WireReader data = r.slice(size, "synchronizer state");
            elements.add(new Packet.SyncElement(id, values(data)));
        }
        noTrailing(r, "the last SYNC element");
        return new Packet.Sync(seq, elements);
    }

    private Packet readDelta(WireReader r) {
        if (r.remaining() < SYNC_MIN) {
            throw r.fail("delta SYNC is " + r.remaining() + " bytes; Godot drops anything under " + SYNC_MIN);
        }
        r.u8("command");
        List<Packet.DeltaElement> elements = new ArrayList<>();
        while (r.remaining() > DELTA_ELEMENT_HEADER) {
            int id = r.i32("synchronizer id");
            long mask = r.i64("changed-property mask");
            long size = r.u32("delta size");
            int at = r.offset();
            WireReader data = r.slice(size, "delta state");
            List<Variant> vs = values(data);
            if (vs.size() != Long.bitCount(mask)) {
                throw r.failAt(
                        at,
                        "delta mask 0x" + Long.toHexString(mask) + " has " + Long.bitCount(mask) + " bits set but the "
                                + size + " bytes hold " + vs.size() + " values");
            }
            elements.add(new Packet.DeltaElement(id, mask, vs));
        }
        noTrailing(r, "the last delta SYNC element");
        return new Packet.DeltaSync(elements);
    }

    /** Compressed Variants back to back until {@code data} is used up. */
    private List<Variant> values(WireReader data) {
        List<Variant> vs = new ArrayList<>();
        while (data.hasRemaining()) {
            vs.add(stateValues.readCompressed(data));
        }
        return vs;
    }

    private Packet readSys(WireReader r) {
        if (r.remaining() < 2) {
            throw r.fail("SYS without a sub-command byte");
        }
        r.u8("command");
        int subAt = r.offset();
        int sub = r.u8("SYS sub-command");
        SysCommand cmd = SysCommand.ofByte(sub);
        if (cmd == null) {
            throw r.failAt(subAt, "unknown SYS sub-command " + sub + " (0 AUTH, 1 ADD_PEER, 2 DEL_PEER, 3 RELAY)");
        }
        if (cmd == SysCommand.AUTH) {
            return new Packet.SysAuth(r.bytes(r.remaining(), "auth payload"));
        }
        if (r.remaining() < SYS_CMD_SIZE - 2) {
            throw r.fail(cmd + " is " + (r.remaining() + 2) + " bytes; it has at least " + SYS_CMD_SIZE);
        }
        int peer = r.i32("peer id");
        switch (cmd) {
            case ADD_PEER:
                noTrailing(r, "the ADD_PEER id");
                return new Packet.SysAddPeer(peer);
            case DEL_PEER:
                noTrailing(r, "the DEL_PEER id");
                return new Packet.SysDelPeer(peer);
            case RELAY:
            case AUTH:
            default:
                if (!r.hasRemaining()) {
                    throw r.fail("RELAY without an inner packet (Godot requires at least 7 bytes)");
                }
                return new Packet.SysRelay(peer, read(r.rest(), true));
        }
    }
}
