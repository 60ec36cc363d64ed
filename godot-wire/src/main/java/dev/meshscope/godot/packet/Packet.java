// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import dev.meshscope.godot.variant.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One SceneMultiplayer packet, decoded (scene-multiplayer-packets.md; SYS: godot-webrtc-spec.md §8). Immutable records,
 * one per packet kind; {@link PacketWriter} turns any of them back into the bytes Godot would send. Ids are the raw
 * wire numbers; what they name (paths, spawned nodes) comes from earlier packets, see {@code TrafficDecoder}.
 */
public sealed interface Packet {
    Command command();

    /** How an RPC names its node: a cache id from an earlier SIMPLIFY_PATH, or the path itself. */
    sealed interface Target {}

    /**
     * A cache id (sender-scoped), sent in {@code bytes} = 1, 2 or 4 bytes. Godot uses the smallest size when every target
     * confirmed the path, and 4 when some did not.
     */
    record ById(int cacheId, int bytes) implements Target {
        public ById {
            if (bytes != 1 && bytes != 2 && bytes != 4) {
                throw new IllegalArgumentException("node id size " + bytes + " is not 1, 2 or 4");
            }
            if (bytes < 4 && cacheId >>> (8 * bytes) != 0 || cacheId < 0) {
                throw new IllegalArgumentException("cache id " + cacheId + " does not fit " + bytes + " byte(s)");
            }
        }

        /** The size Godot's sender picks for a confirmed id. */
        public static ById smallest(int cacheId) {
            return new ById(cacheId, cacheId <= 0xFF ? 1 : cacheId <= 0xFFFF ? 2 : 4);
        }
    }

    /** The path form (u32 with bit 31 set): the node path, relative to the sender's root, appended after the args. */
    record ByPath(String path) implements Target {
        public ByPath {
            Objects.requireNonNull(path, "path");
        }
    }

    /** How an RPC's arguments are laid out (header bit 7, §4.3). */
    enum ArgForm {
        /** An argc byte, then argc compressed Variants. */
        COUNTED,
        /** Bit 7 set, no bytes: zero arguments. */
        NONE,
        /** Bit 7 set, bytes left: one PackedByteArray made of all of them, no header. */
        BYTES
    }

    /**
     * REMOTE_CALL. The method is a number only: names are not on the wire (§4.5); {@code TrafficDecoder} maps it when
     * the node's RPC list is known. Ids with bit 15 set are node-level {@code rpc_config} methods.
     *
     * @param methodBytes 1 or 2 (header bit 6)
     */
    record Rpc(Target target, int methodId, int methodBytes, ArgForm argForm, List<Variant> args) implements Packet {
        public Rpc {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(argForm, "argForm");
            args = List.copyOf(args);
            if (methodBytes != 1 && methodBytes != 2 || methodId < 0 || methodId >>> (8 * methodBytes) != 0) {
                throw new IllegalArgumentException("method id " + methodId + " in " + methodBytes + " byte(s)");
            }
            if (argForm == ArgForm.NONE && !args.isEmpty()) {
                throw new IllegalArgumentException("ArgForm.NONE with " + args.size() + " arguments");
            }
            if (argForm == ArgForm.BYTES
                    && (args.size() != 1 || !(args.get(0) instanceof Variant.PackedByteArray p) || p.size() == 0)) {
                throw new IllegalArgumentException("ArgForm.BYTES takes exactly one non-empty PackedByteArray");
            }
            if (argForm == ArgForm.COUNTED && args.size() > 255) {
                throw new IllegalArgumentException(args.size() + " arguments; Godot allows 255");
            }
        }

        /** The RPC Godot's sender would build: argument form and id sizes chosen as in {@code _send_rpc}. */
        public static Rpc of(Target target, int methodId, List<Variant> args) {
            ArgForm form = args.isEmpty()
                    ? ArgForm.NONE
                    : args.size() == 1 && args.get(0) instanceof Variant.PackedByteArray p && p.size() > 0
                            ? ArgForm.BYTES
                            : ArgForm.COUNTED;
            return new Rpc(target, methodId, methodId <= 0xFF ? 1 : 2, form, args);
        }

        /** Whether the id names a node-level ({@code rpc_config}) method: bit 15. */
        public boolean nodeLevelMethod() {
            return (methodId & 0x8000) != 0;
        }

        @Override
        public Command command() {
            return Command.REMOTE_CALL;
        }
    }

    /**
     * SIMPLIFY_PATH: the sender announces that {@code cacheId} names {@code path} (relative to its root).
     *
     * @param rpcChecksum MD5 (32 lowercase hex chars) of the node's RPC method names
     */
    record SimplifyPath(String rpcChecksum, int cacheId, String path) implements Packet {
        /** Bytes of the checksum field: 32 hex characters. */
        public static final int CHECKSUM_CHARS = 32;

        public SimplifyPath {
            Objects.requireNonNull(rpcChecksum, "rpcChecksum");
            Objects.requireNonNull(path, "path");
            if (rpcChecksum.length() != CHECKSUM_CHARS) {
                throw new IllegalArgumentException("RPC checksum must be 32 characters, got " + rpcChecksum.length());
            }
        }

        @Override
        public Command command() {
            return Command.SIMPLIFY_PATH;
        }
    }

    /** CONFIRM_PATH, 4.3+ form: {@code 02 ok u32 id} (exactly 6 bytes). */
    record ConfirmPathById(boolean checksumOk, int cacheId) implements Packet {
        @Override
        public Command command() {
            return Command.CONFIRM_PATH;
        }
    }

    /** CONFIRM_PATH, 4.0-4.2 form: {@code 02 ok} and the path echoed back. */
    record ConfirmPathByPath(boolean checksumOk, String path) implements Packet {
        public ConfirmPathByPath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Command command() {
            return Command.CONFIRM_PATH;
        }
    }

    /** RAW ({@code send_bytes}): opaque bytes, at least one. */
    record Raw(byte[] payload) implements Packet {
        public Raw {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public int size() {
            return payload.length;
        }

        @Override
        public Command command() {
            return Command.RAW;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && Arrays.equals(r.payload, payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Raw[" + payload.length + " bytes]";
        }
    }

    /**
     * SPAWN (§7.2).
     *
     * @param sceneIndex index into the spawner's spawnable scenes, or {@link #CUSTOM_SPAWN} (255)
     * @param spawnerCacheId cache id of the MultiplayerSpawner (sender-scoped)
     * @param customArg the {@code spawn()} argument; present exactly when {@code sceneIndex == 255}
     * @param state the spawn properties of all listed synchronizers, in order (names are not on the wire)
     */
    record Spawn(
            int sceneIndex,
            int spawnerCacheId,
            int netId,
            List<Integer> syncIds,
            String name,
            @Nullable Variant customArg,
            List<Variant> state)
            implements Packet {
        /** {@code MultiplayerSpawner::INVALID_ID}: the node came from {@code spawn_function}. */
        public static final int CUSTOM_SPAWN = 0xFF;

        public Spawn {
            if (sceneIndex < 0 || sceneIndex > 0xFF) {
                throw new IllegalArgumentException("scene index " + sceneIndex + " is not a byte");
            }
            syncIds = List.copyOf(syncIds);
            Objects.requireNonNull(name, "name");
            state = List.copyOf(state);
            if ((sceneIndex == CUSTOM_SPAWN) != (customArg != null)) {
                throw new IllegalArgumentException(
                        "a custom spawn (scene 255) has an argument; a scene spawn has none");
            }
        }

        @Override
        public Command command() {
            return Command.SPAWN;
        }
    }

    /** DESPAWN of a spawned node's net id. */
    record Despawn(int netId) implements Packet {
        @Override
        public Command command() {
            return Command.DESPAWN;
        }
    }

    /**
     * One synchronizer's state in a full SYNC: {@code syncId} with bit 31 set is path-based (the synchronizer's own cache
     * id), otherwise a net id from a SPAWN. Values are its sync properties in config order, names not on the wire.
     */
    record SyncElement(int syncId, List<Variant> values) {
        public SyncElement {
            values = List.copyOf(values);
        }

        public boolean pathBased() {
            return syncId < 0;
        }

        /** The cache id for a path-based element, the net id otherwise. */
        public int id() {
            return syncId & 0x7FFF_FFFF;
        }
    }

    /** Full SYNC ({@code 0x06}): per (sender, receiver) u16 frame sequence and the synchronizer states. */
    record Sync(int sequence, List<SyncElement> elements) implements Packet {
        public Sync {
            if (sequence < 0 || sequence > 0xFFFF) {
                throw new IllegalArgumentException("sync sequence " + sequence + " is not a u16");
            }
            elements = List.copyOf(elements);
        }

        @Override
        public Command command() {
            return Command.SYNC;
        }
    }

    /** One synchronizer's changes in a delta SYNC: bit i of {@code indexes} = watched property i, values in bit order. */
    record DeltaElement(int syncId, long indexes, List<Variant> values) {
        public DeltaElement {
            values = List.copyOf(values);
        }

        public boolean pathBased() {
            return syncId < 0;
        }

        public int id() {
            return syncId & 0x7FFF_FFFF;
        }
    }

    /** Delta SYNC ({@code 0x16}, 4.1+): reliable, no sequence. */
    record DeltaSync(List<DeltaElement> elements) implements Packet {
        public DeltaSync {
            elements = List.copyOf(elements);
        }

        @Override
        public Command command() {
            return Command.SYNC;
        }
    }

    /** SYS AUTH: {@code 07 00} + auth bytes; no bytes means "auth completed". No peer id field. */
    record SysAuth(byte[] payload) implements Packet {
        public SysAuth {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public boolean completed() {
            return payload.length == 0;
        }

        @Override
        public Command command() {
            return Command.SYS;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SysAuth a && Arrays.equals(a.payload, payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "SysAuth[" + payload.length + " bytes]";
        }
    }

    /** SYS ADD_PEER from the server: peer {@code peerId} joined (relay mode). */
    record SysAddPeer(int peerId) implements Packet {
        @Override
        public Command command() {
            return Command.SYS;
        }
    }

    /** SYS DEL_PEER from the server: peer {@code peerId} left. */
    record SysDelPeer(int peerId) implements Packet {
        @Override
        public Command command() {
            return Command.SYS;
        }
    }

    /**
     * SYS RELAY: {@code peer} is the destination on a client-to-server hop ({@code >0} one peer, 0 all, {@code -N} all but
     * N) and the original source on a server-to-client hop. {@code inner} is never SYS.
     */
    record SysRelay(int peer, Packet inner) implements Packet {
        public SysRelay {
            Objects.requireNonNull(inner, "inner");
            if (inner.command() == Command.SYS) {
                throw new IllegalArgumentException("a RELAY never carries SYS (Godot rejects it)");
            }
        }

        @Override
        public Command command() {
            return Command.SYS;
        }
    }
}
