// SPDX-License-Identifier: MIT
package dev.meshscope.session.inspect;

import dev.meshscope.godot.packet.Packet;

/**
 * What a tapped packet is, for the inspector's Kind column and filter: a SceneMultiplayer command (a RELAY is
 * classified by the packet it carries and marked relayed), a MeshScope probe, a text message (Godot never sends
 * text), or bytes that do not decode.
 */
public enum PacketKind {
    RPC("rpc"),
    SIMPLIFY_PATH("simplify_path"),
    CONFIRM_PATH("confirm_path"),
    RAW("raw"),
    SPAWN("spawn"),
    DESPAWN("despawn"),
    SYNC("sync"),
    DELTA_SYNC("delta_sync"),
    AUTH("auth"),
    ADD_PEER("add_peer"),
    DEL_PEER("del_peer"),
    /** A MeshScope probe packet (ping, pong or data), not Godot traffic. */
    PROBE("probe"),
    /** A text message: MeshScope's text payloads or another tool's; SceneMultiplayer sends binary only. */
    TEXT("text"),
    /** Bytes that are not a valid SceneMultiplayer packet: the summary says where decoding stopped and why. */
    UNDECODABLE("decode error");

    private final String label;

    PacketKind(String label) {
        this.label = label;
    }

    /** The name shown in the window (Godot's own words where it has them). */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The kind of a decoded packet; a RELAY is classified by its inner packet. */
    public static PacketKind of(Packet p) {
        Packet q = p instanceof Packet.SysRelay r ? r.inner() : p;
        if (q instanceof Packet.Rpc) {
            return RPC;
        } else if (q instanceof Packet.SimplifyPath) {
            return SIMPLIFY_PATH;
        } else if (q instanceof Packet.ConfirmPathById || q instanceof Packet.ConfirmPathByPath) {
            return CONFIRM_PATH;
        } else if (q instanceof Packet.Raw) {
            return RAW;
        } else if (q instanceof Packet.Spawn) {
            return SPAWN;
        } else if (q instanceof Packet.Despawn) {
            return DESPAWN;
        } else if (q instanceof Packet.Sync) {
            return SYNC;
        } else if (q instanceof Packet.DeltaSync) {
            return DELTA_SYNC;
        } else if (q instanceof Packet.SysAuth) {
            return AUTH;
        } else if (q instanceof Packet.SysAddPeer) {
            return ADD_PEER;
        } else if (q instanceof Packet.SysDelPeer) {
            return DEL_PEER;
        }
        return UNDECODABLE; // A RELAY inside a RELAY: PacketReader refuses it, so this is not reached.
    }
}
