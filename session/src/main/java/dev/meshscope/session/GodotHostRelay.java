// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.godot.packet.Command;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.packet.SysCommand;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * SceneMultiplayer's host side of server relay (godot-webrtc-spec.md §8.2, §8.3), so Godot clients that expect a
 * Godot host (id 1) reach each other through MeshScope: each admitted client learns the others by SYS ADD_PEER and
 * their departure by SYS DEL_PEER, and SYS RELAY packets are forwarded with the destination id replaced by the
 * source, on the channel (and so the transfer mode) they arrived on. Active only while the peer is a server (id 1)
 * and relay is on (on by default, as Godot's {@code server_relay}).
 *
 * <p>Threads: the mesh thread only (it sends on the multiplayer peer). The relay copies what it forwards; it keeps
 * no received buffer.
 */
public final class GodotHostRelay {
    /** {@code SYS_CMD_SIZE}: command byte, sys command byte and a 32-bit peer id. */
    static final int SYS_HEADER = 6;

    /** What the caller does with a packet after {@link #onPacket}. */
    public enum Verdict {
        /** Not a relay (or relay is off): process it as usual. */
        NOT_RELAY,
        /** Forwarded (or dropped as Godot drops it): the host does not process it itself. */
        CONSUMED,
        /** Forwarded to the others and also for the host itself (a broadcast), as coming from {@link #lastSource}. */
        CONSUMED_AND_LOCAL
    }

    /** Sees every packet the relay sends (so an echoing MeshScope peer's reflection of it is not echoed back). */
    public interface SentObserver {
        /** {@code data} went to {@code to} on internal channel {@code channel}; it must not be kept. */
        void sent(int to, int channel, byte[] data);
    }

    /** Counters for the profiler and the tests: what the relay did since it was created. */
    public record Stats(long relayed, long relayedBytes, long dropped, long addPeerSent, long delPeerSent) {}

    private final WebRtcMultiplayerPeer peer;
    private final Set<Integer> admitted = new LinkedHashSet<>();
    private boolean enabled = true;
    private long relayed;
    private long relayedBytes;
    private long dropped;
    private long addPeerSent;
    private long delPeerSent;
    private int lastSource;
    private byte @Nullable [] lastPayload;
    private String lastDrop = "";
    private SentObserver observer = (to, channel, data) -> {};

    /** A relay for {@code peer} (the session's multiplayer peer). Mesh thread. */
    public GodotHostRelay(WebRtcMultiplayerPeer peer) {
        this.peer = peer;
    }

    /** Sets who sees every packet the relay sends. Mesh thread. */
    public void setSentObserver(SentObserver o) {
        observer = java.util.Objects.requireNonNull(o, "observer");
    }

    /** Turns relaying on or off (Godot's {@code server_relay}); off forgets who was admitted. Mesh thread. */
    public void setEnabled(boolean on) {
        enabled = on;
        if (!on) {
            admitted.clear();
        }
    }

    /** Whether relaying is on. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Whether the relay acts now: on, and this peer is the server (id 1) of a client/server mesh. */
    public boolean active() {
        return enabled
                && peer.getConnectionStatus() == ConnectionStatus.CONNECTED
                && peer.getNetworkMode() == NetworkMode.SERVER;
    }

    /** {@code peer_connected(id)}: Godot's {@code _admit_peer}: ADD_PEER both ways with every admitted client. */
    public void peerConnected(int id) {
        if (!active() || !admitted.add(id)) {
            return;
        }
        for (int other : admitted) {
            if (other != id) {
                sendSys(other, new Packet.SysAddPeer(id));
                sendSys(id, new Packet.SysAddPeer(other));
            }
        }
    }

    /** {@code peer_disconnected(id)}: Godot's {@code _del_peer}: DEL_PEER to every other admitted client. */
    public void peerDisconnected(int id) {
        if (!admitted.remove(id)) {
            return;
        }
        for (int other : admitted) {
            sendSys(other, new Packet.SysDelPeer(id));
        }
    }

    /**
     * Offers a received packet: a SYS RELAY from an admitted client is forwarded as Godot's host does. Mesh thread;
     * {@code data} is not kept.
     *
     * @param channelIndex the internal channel it arrived on; forwarded packets leave on the same one
     */
    public Verdict onPacket(int from, int channelIndex, byte[] data) {
        if (!active()
                || data.length < 2
                || Command.ofByte(data[0] & 0xFF) != Command.SYS
                || SysCommand.ofByte(data[1] & 0xFF) != SysCommand.RELAY) {
            return Verdict.NOT_RELAY;
        }
        if (!admitted.contains(from)) {
            return drop("a RELAY from peer " + from + ", which is not admitted (Godot drops it)");
        }
        if (data.length <= SYS_HEADER) {
            return drop("a RELAY from peer " + from + " with no payload (" + data.length + " bytes; Godot needs 7)");
        }
        int destination =
                ByteBuffer.wrap(data, 2, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] rewritten = data.clone();
        ByteBuffer.wrap(rewritten, 2, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(from);
        List<Integer> targets = new ArrayList<>();
        if (destination > 0) {
            if (!admitted.contains(destination)) {
                return drop("a RELAY from peer " + from + " to peer " + destination
                        + ", which is not admitted (it left while the packet was in transit)");
            }
            targets.add(destination);
        } else {
            for (int p : admitted) {
                if (p != from && p != -destination) {
                    targets.add(p);
                }
            }
        }
        for (int to : targets) {
            if (peer.putPacketOn(to, channelIndex, WriteMode.BINARY, rewritten) == GodotError.OK) {
                observer.sent(to, channelIndex, rewritten);
                relayed++;
                relayedBytes += rewritten.length;
            } else {
                dropped++;
            }
        }
        lastSource = from;
        if (destination <= 0 && destination != -1) {
            lastPayload = java.util.Arrays.copyOfRange(data, SYS_HEADER, data.length);
            return Verdict.CONSUMED_AND_LOCAL;
        }
        lastPayload = null;
        return Verdict.CONSUMED;
    }

    /** The source of the last relayed packet (for {@link Verdict#CONSUMED_AND_LOCAL}: who the payload is from). */
    public int lastSource() {
        return lastSource;
    }

    /** The payload of the last broadcast relay, for the host to process as from {@link #lastSource}; else null. */
    public byte @Nullable [] lastPayload() {
        return lastPayload;
    }

    /** Why the last dropped relay was dropped, or "". */
    public String lastDrop() {
        return lastDrop;
    }

    /** The clients admitted now, in admission order. */
    public List<Integer> admitted() {
        return List.copyOf(admitted);
    }

    /** What the relay did so far. */
    public Stats stats() {
        return new Stats(relayed, relayedBytes, dropped, addPeerSent, delPeerSent);
    }

    private Verdict drop(String why) {
        dropped++;
        lastDrop = why;
        return Verdict.CONSUMED;
    }

    /** Godot sends peer exchange on channel 0, reliable (§8.2). */
    private void sendSys(int to, Packet sys) {
        byte[] data = PacketWriter.encode(sys);
        GodotError e = peer.putPacketOn(to, WebRtcMultiplayerPeer.CH_RELIABLE, WriteMode.BINARY, data);
        if (e != GodotError.OK) {
            dropped++;
            lastDrop = "could not send " + sys + " to peer " + to + ": " + e;
            return;
        }
        observer.sent(to, WebRtcMultiplayerPeer.CH_RELIABLE, data);
        if (sys instanceof Packet.SysAddPeer) {
            addPeerSent++;
        } else {
            delPeerSent++;
        }
    }
}
