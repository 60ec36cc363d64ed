// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Godot's {@code MultiplayerPeer}: a packet peer that talks to many remote peers, addressed by id.
 * Owner thread only, like every peer in mesh-core.
 */
public abstract class MultiplayerPeer implements PacketPeer {
    /** {@code TARGET_PEER_BROADCAST}: send to every peer. */
    public static final int TARGET_PEER_BROADCAST = 0;
    /** {@code TARGET_PEER_SERVER}: send to the server (peer 1). */
    public static final int TARGET_PEER_SERVER = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Godot's two signals; called on the owner thread from {@code poll()} or the call that caused them. */
    public interface Listener {
        /** {@code peer_connected(id)}. */
        default void peerConnected(int id) {}

        /** {@code peer_disconnected(id)}. */
        default void peerDisconnected(int id) {}
    }

    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private int targetPeer = TARGET_PEER_BROADCAST;
    private TransferMode transferMode = TransferMode.RELIABLE;
    private int transferChannel;
    private boolean refuseNewConnections;

    /**
     * Where {@code putPacket} sends: 0 broadcasts, a positive id sends to that peer, a negative id sends to
     * every peer but {@code -id}. There is no getter in Godot; {@link #targetPeer()} exists for debuggers.
     */
    public void setTargetPeer(int id) {
        targetPeer = id;
    }

    /** The target set with {@link #setTargetPeer}. */
    public int targetPeer() {
        return targetPeer;
    }

    /** The transfer mode used by {@code putPacket} on channel 0. Default RELIABLE. */
    public TransferMode getTransferMode() {
        return transferMode;
    }

    /** Sets the transfer mode. */
    public void setTransferMode(TransferMode mode) {
        transferMode = Objects.requireNonNull(mode, "mode");
    }

    /** The transfer channel: 0 means "by transfer mode", n >= 1 means extra channel n (mode ignored). */
    public int getTransferChannel() {
        return transferChannel;
    }

    /** Sets the transfer channel. */
    public void setTransferChannel(int channel) {
        transferChannel = channel;
    }

    /** Whether {@code addPeer} refuses new peers. */
    public boolean isRefusingNewConnections() {
        return refuseNewConnections;
    }

    /** Refuse (or accept again) new peers; peers already added are not affected. */
    public void setRefuseNewConnections(boolean refuse) {
        refuseNewConnections = refuse;
    }

    /** Adds a signal listener (any thread). */
    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    /** Removes a signal listener. */
    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /**
     * A random id in Godot's range [2, 2147483647]: never 0 (broadcast) or 1 (the server). Godot hashes
     * clocks and addresses; any good random number in the range is equivalent.
     */
    public int generateUniqueId() {
        int id;
        do {
            id = RANDOM.nextInt() & 0x7FFFFFFF;
        } while (id < 2);
        return id;
    }

    /** True when the server relay can be used (Godot: false in the base class). */
    public boolean isServerRelaySupported() {
        return false;
    }

    /** Processes pending events; signals fire here. */
    public abstract void poll();

    /** Drops every peer without signals and goes back to DISCONNECTED. */
    public abstract void close();

    /** Disconnects one peer; {@code force} removes it at once without {@code peer_disconnected}. */
    public abstract void disconnectPeer(int peer, boolean force);

    /** The connection status. */
    public abstract ConnectionStatus getConnectionStatus();

    /** This peer's unique id. */
    public abstract int getUniqueId();

    /** The id of the peer that sent the next packet {@code getPacket} returns. */
    public abstract int getPacketPeer();

    /** The transfer channel of the next packet (0 for the three default channels). */
    public abstract int getPacketChannel();

    /** The transfer mode of the next packet. */
    public abstract TransferMode getPacketMode();

    /** Fires {@code peer_connected(id)} to every listener. */
    protected void firePeerConnected(int id) {
        for (Listener l : listeners) {
            try {
                l.peerConnected(id);
            } catch (RuntimeException e) {
                System.getLogger(MultiplayerPeer.class.getName())
                        .log(System.Logger.Level.WARNING, "peer_connected listener threw", e);
            }
        }
    }

    /** Fires {@code peer_disconnected(id)} to every listener. */
    protected void firePeerDisconnected(int id) {
        for (Listener l : listeners) {
            try {
                l.peerDisconnected(id);
            } catch (RuntimeException e) {
                System.getLogger(MultiplayerPeer.class.getName())
                        .log(System.Logger.Level.WARNING, "peer_disconnected listener threw", e);
            }
        }
    }

    /** Resets target, used by {@code close()}. */
    protected void resetTarget() {
        targetPeer = TARGET_PEER_BROADCAST;
    }
}
