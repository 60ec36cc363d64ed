// SPDX-License-Identifier: MIT
package dev.meshscope.core.event;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.Step;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.WireStats;

/**
 * Everything a debugger can observe about a multiplayer peer, as immutable records.
 *
 * <p>Events are delivered on the peer's owner thread: those caused by native activity from inside
 * {@code poll()}, those caused by a call (an error, an operator's close) before that call returns.
 * {@code peerId} is the remote peer's id, or 0 when the event concerns no remote peer (or a connection
 * that is not in a multiplayer peer). {@code atNanos} is {@link System#nanoTime()} at the moment the
 * event was observed (for native activity: when the native callback ran), {@code atMillis} the wall clock.
 */
public sealed interface MeshEvent {
    /** {@link System#nanoTime()} when the event was observed. */
    long atNanos();

    /** Wall-clock milliseconds since the epoch when the event was observed. */
    long atMillis();

    /** The remote peer id the event is about, or 0. */
    int peerId();

    /** A one-line human-readable description, as the event log shows it. */
    String describe();

    /** {@code createServer}/{@code createClient}/{@code createMesh} succeeded. */
    record Created(long atNanos, long atMillis, NetworkMode mode, int uniqueId, int extraChannels)
            implements MeshEvent {
        @Override
        public int peerId() {
            return 0;
        }

        @Override
        public String describe() {
            return "created " + mode + " with unique id " + uniqueId + " and " + extraChannels + " extra channel(s)";
        }
    }

    /** {@code close()} ran: every peer dropped without {@code peer_disconnected}. */
    record Closed(long atNanos, long atMillis, int droppedPeers) implements MeshEvent {
        @Override
        public int peerId() {
            return 0;
        }

        @Override
        public String describe() {
            return "closed, dropping " + droppedPeers + " peer(s) without signals";
        }
    }

    /** The multiplayer connection status changed. */
    record StatusChanged(long atNanos, long atMillis, ConnectionStatus from, ConnectionStatus to) implements MeshEvent {
        @Override
        public int peerId() {
            return 0;
        }

        @Override
        public String describe() {
            return "status " + from + " -> " + to;
        }
    }

    /** {@code addPeer} stored a new remote peer (not connected yet). */
    record PeerAdded(long atNanos, long atMillis, int peerId, boolean replaced) implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " added" + (replaced ? " (replacing an entry with the same id, silently)" : "");
        }
    }

    /**
     * An impairment was set on a peer's link ({@code channelIndex} -1: every channel, sharing one bandwidth cap) or
     * cleared ({@link dev.meshscope.core.impair.Impairment#NONE}).
     */
    record ImpairmentChanged(
            long atNanos,
            long atMillis,
            int peerId,
            int channelIndex,
            dev.meshscope.core.impair.ImpairDirection direction,
            dev.meshscope.core.impair.Impairment impairment)
            implements MeshEvent {
        @Override
        public String describe() {
            return direction.name().toLowerCase(java.util.Locale.ROOT) + " impairment of peer " + peerId
                    + (channelIndex < 0 ? "" : " channel " + channelIndex) + ": " + impairment.describe();
        }
    }

    /** Godot's {@code peer_connected(id)} signal. */
    record PeerConnected(long atNanos, long atMillis, int peerId) implements MeshEvent {
        @Override
        public String describe() {
            return "peer_connected(" + peerId + ")";
        }
    }

    /** Godot's {@code peer_disconnected(id)} signal. */
    record PeerDisconnected(long atNanos, long atMillis, int peerId) implements MeshEvent {
        @Override
        public String describe() {
            return "peer_disconnected(" + peerId + ")";
        }
    }

    /** A peer left the peer map; {@code reason} says why, {@code signalled} whether peer_disconnected fired. */
    record PeerRemoved(long atNanos, long atMillis, int peerId, boolean signalled, String reason) implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " removed: " + reason
                    + (signalled ? "" : " (no peer_disconnected: it was never connected or removal was forced)");
        }
    }

    /** A peer connection's aggregate state changed. */
    record ConnectionStateChanged(long atNanos, long atMillis, int peerId, ConnectionState from, ConnectionState to)
            implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " connection " + from + " -> " + to;
        }
    }

    /** A peer connection's ICE gathering state changed. */
    record GatheringStateChanged(long atNanos, long atMillis, int peerId, GatheringState from, GatheringState to)
            implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " gathering " + from + " -> " + to;
        }
    }

    /** A peer connection's signaling state changed. */
    record SignalingStateChanged(long atNanos, long atMillis, int peerId, SignalingState from, SignalingState to)
            implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " signaling " + from + " -> " + to;
        }
    }

    /** Godot's {@code session_description_created(type, sdp)}: the description is already applied locally. */
    record DescriptionCreated(long atNanos, long atMillis, int peerId, String type, String sdp) implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " local " + type + " created (" + sdp.length() + " chars)";
        }
    }

    /** A remote description was accepted by {@code setRemoteDescription}. */
    record RemoteDescriptionApplied(long atNanos, long atMillis, int peerId, String type) implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " remote " + type + " applied";
        }
    }

    /** Godot's {@code ice_candidate_created(media, index, name)}. */
    record CandidateCreated(long atNanos, long atMillis, int peerId, String mid, int index, String candidate)
            implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " local candidate " + candidate;
        }
    }

    /** A remote candidate was added, or held until the remote description arrives. */
    record CandidateAdded(long atNanos, long atMillis, int peerId, String candidate, boolean held)
            implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " remote candidate " + (held ? "held until the remote description: " : "added: ")
                    + candidate;
        }
    }

    /** A data channel's ready state changed. */
    record ChannelStateChanged(
            long atNanos, long atMillis, int peerId, int channelIndex, String label, ChannelState from, ChannelState to)
            implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " channel " + channelIndex + " \"" + label + "\" " + from + " -> " + to;
        }
    }

    /** A packet was sent (only when packet events are on). */
    record PacketSent(long atNanos, long atMillis, int peerId, int channelIndex, int size) implements MeshEvent {
        @Override
        public String describe() {
            return "sent " + size + " B to peer " + peerId + " on channel " + channelIndex;
        }
    }

    /** A packet was read by the application (only when packet events are on). */
    record PacketReceived(long atNanos, long atMillis, int peerId, int channelIndex, int size) implements MeshEvent {
        @Override
        public String describe() {
            return "received " + size + " B from peer " + peerId + " on channel " + channelIndex;
        }
    }

    /** A packet was refused before it reached the wire, or dropped on arrival; counted as a drop. */
    record PacketDropped(
            long atNanos, long atMillis, int peerId, int channelIndex, int size, boolean outgoing, String reason)
            implements MeshEvent {
        @Override
        public String describe() {
            return (outgoing ? "refused to send " : "dropped incoming ") + size + " B, peer " + peerId + " channel "
                    + channelIndex + ": " + reason;
        }
    }

    /**
     * A probe clock sample passed this peer ({@link dev.meshscope.core.probe.ProbePacket#isClockSample}): a ping from
     * the remote arrived here ({@code ping} true; {@code answeredNanos} just before its pong was handed to the
     * transport from the receive callback, so never later than it left; -1 when the application answers it later or
     * not at all), or the pong of this peer's own ping arrived
     * ({@code ping} false; {@code answeredNanos} -1). {@code sentNanos} is the pinger's {@link System#nanoTime()}
     * carried in the packet (meaningful only on the pinger's clock). With the pinger's and the answerer's records,
     * these four times give the offset between their clocks, NTP-style. {@code atNanos} is the arrival.
     */
    record ProbeTimed(
            long atNanos,
            long atMillis,
            int peerId,
            int channelIndex,
            boolean ping,
            long sequence,
            long sentNanos,
            long answeredNanos)
            implements MeshEvent {
        @Override
        public String describe() {
            return (ping
                            ? "clock sample: ping #" + sequence + " from peer " + peerId
                            : "clock sample: pong #" + sequence + " from peer " + peerId)
                    + " on channel " + channelIndex
                    + (answeredNanos >= 0 ? ", answered in " + (answeredNanos - atNanos) / 1000 + " us" : "");
        }
    }

    /** A call returned an error, or an asynchronous step failed; {@code step} says which. */
    record ErrorRaised(long atNanos, long atMillis, int peerId, GodotError code, Step step, String reason)
            implements MeshEvent {
        /** The step's API name, e.g. {@code "createOffer"}. */
        public String operation() {
            return step.apiName();
        }

        @Override
        public String describe() {
            return step.apiName() + " failed with " + code + " (" + code.code() + ")"
                    + (peerId != 0 ? " for peer " + peerId : "") + ": " + reason;
        }
    }

    /** Wire statistics requested with {@code requestWireStats} arrived. */
    record WireStatsUpdated(long atNanos, long atMillis, int peerId, WireStats stats) implements MeshEvent {
        @Override
        public String describe() {
            return "peer " + peerId + " wire stats: " + stats.summary();
        }
    }

    /** The whole state at once, sent first to a listener that subscribes late. */
    record Snapshot(long atNanos, long atMillis, MeshSnapshot snapshot) implements MeshEvent {
        @Override
        public int peerId() {
            return 0;
        }

        @Override
        public String describe() {
            return "snapshot: " + snapshot.peers().size() + " peer(s), status " + snapshot.status();
        }
    }
}
