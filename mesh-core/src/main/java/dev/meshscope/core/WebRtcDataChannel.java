// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.internal.ChannelSink;
import dev.meshscope.core.internal.NativeCallException;
import dev.meshscope.core.internal.NativeChannel;
import dev.meshscope.core.internal.Stamp;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Godot's {@code WebRTCDataChannel}: one SCTP stream of a {@link WebRtcPeerConnection}, with a receive queue
 * and per-channel counters.
 *
 * <p>Threads: every method is called on the owner thread of its connection. Received messages are copied
 * out of native memory on webrtc-java's signalling thread and queued; they are visible to
 * {@link #getAvailablePacketCount()} at once, as in native Godot. The ready state changes only inside the
 * connection's {@code poll()}.
 *
 * <p>Beyond Godot, {@link #putPacket} refuses what webrtc-java would silently turn into a closed channel: a
 * packet larger than the negotiated maximum message size, or one that would push the send queue past
 * {@link #MAX_BUFFERED_BYTES}. Refusals are counted as send drops, and the reason is recorded.
 */
public final class WebRtcDataChannel implements PacketPeer {
    /** Godot native's {@code get_max_packet_size()} (RFC 8831 section 6.6); advisory, never enforced. */
    public static final int GODOT_MAX_PACKET_SIZE = 16384;

    /** libwebrtc advertises a=max-message-size:262144; a reliable message of 262145 bytes closes the sender's channel. */
    public static final long LOCAL_MAX_MESSAGE_SIZE = 262144;

    /** Half of the ~16 MiB of queued data at which libwebrtc silently closes the sending channel. */
    public static final long MAX_BUFFERED_BYTES = 8L * 1024 * 1024;

    /** Receive queue bound in packets: a reader that stalls must not exhaust the heap. */
    public static final int MAX_QUEUED_PACKETS = 65536;

    /** Receive queue bound in bytes, for the same reason (256 max-size messages). */
    public static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private final WebRtcPeerConnection connection;
    private final NativeChannel nat;
    private final NativeChannel.Config config;
    private final ConcurrentLinkedQueue<Incoming> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong receiveDrops = new AtomicLong();
    /** Pongs sent from the native callback (probe pings answered on arrival); counted in the sent totals. */
    private final AtomicLong pongsOnArrival = new AtomicLong();

    private final AtomicLong pongBytesOnArrival = new AtomicLong();
    private long reportedReceiveDrops;
    private long messagesSent;
    private long bytesSent;
    private long sendDrops;
    private volatile ChannelState readyState = ChannelState.CONNECTING;
    private WriteMode writeMode = WriteMode.BINARY;
    private GodotError packetError = GodotError.OK;
    private boolean lastWasString;
    private long lastArrivalNanos;
    private long maxMessageSize;
    private long bufferedEstimate;
    private long lastBuffered;
    private long bytesSentAtLastRead;
    private int index = -1;
    private int liveId = -1;

    private record Incoming(byte[] data, boolean binary, long arrivedNanos) {}

    WebRtcDataChannel(WebRtcPeerConnection connection, NativeChannel nat) {
        this.connection = connection;
        this.nat = nat;
        this.config = nat.config();
        this.maxMessageSize = LOCAL_MAX_MESSAGE_SIZE;
        nat.attach(new Sink());
    }

    // ---------------------------------------------------------------- Godot API

    /** The label. */
    public String getLabel() {
        return config.label();
    }

    /**
     * The SCTP stream id, or -1 when not known yet (native Godot's sentinel). An in-band channel's id is assigned
     * by libwebrtc once the DTLS role is known; it is read live when the channel opens, as Godot reads it.
     */
    public int getId() {
        if (config.id() >= 0) {
            return config.id();
        }
        if (liveId < 0 && readyState == ChannelState.OPEN) {
            liveId = nat.liveId();
        }
        return liveId;
    }

    /** Whether the channel was negotiated out of band. */
    public boolean isNegotiated() {
        return config.negotiated();
    }

    /** Whether delivery is ordered. */
    public boolean isOrdered() {
        return config.ordered();
    }

    /** The packet lifetime in ms, or -1 when unset. */
    public int getMaxPacketLifeTime() {
        return config.maxPacketLifeTime();
    }

    /** The retransmit limit, or -1 when unset. */
    public int getMaxRetransmits() {
        return config.maxRetransmits();
    }

    /** The sub-protocol, or "". */
    public String getProtocol() {
        return config.protocol();
    }

    /** The ready state as of the connection's last {@code poll()}. */
    public ChannelState getReadyState() {
        return readyState;
    }

    /**
     * Bytes queued for sending, read from the native channel while it is open. Owner thread. The native read is
     * a blocking hop to libwebrtc's thread, so it is skipped when the queue was empty at the last read and
     * nothing was sent since (it cannot have grown).
     */
    public long getBufferedAmount() {
        if (readyState == ChannelState.OPEN && (lastBuffered > 0 || bytesSent != bytesSentAtLastRead)) {
            bytesSentAtLastRead = bytesSent;
            long b = nat.bufferedAmount();
            if (b >= 0) {
                lastBuffered = b;
                bufferedEstimate = b;
            }
        }
        return lastBuffered;
    }

    /** How {@link #putPacket} marks messages; binary by default, as in Godot. */
    public WriteMode getWriteMode() {
        return writeMode;
    }

    /** Sets how {@link #putPacket} marks messages. */
    public void setWriteMode(WriteMode mode) {
        writeMode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** When the last packet read arrived from the wire ({@link System#nanoTime()} in the native callback). */
    public long getLastPacketArrivalNanos() {
        return lastArrivalNanos;
    }

    /** True if the last packet read arrived as a text message. */
    public boolean wasStringPacket() {
        return lastWasString;
    }

    /** Does nothing, as in Godot ("reserved"); state changes are applied by the connection's poll. */
    public GodotError poll() {
        return GodotError.OK;
    }

    /** Closes the channel; the remote sees it close. The state becomes CLOSED in a later poll. Owner thread. */
    public void close() {
        nat.close();
    }

    @Override
    public GodotError putPacket(byte[] data) {
        connection.checkOwner("WebRtcDataChannel.putPacket");
        int size = data.length;
        if (readyState != ChannelState.OPEN) {
            return refuse(
                    GodotError.FAILED,
                    size,
                    readyState == ChannelState.CONNECTING
                            ? "DataChannel is not open yet (CONNECTING): wait until the peer is connected before sending."
                            : "DataChannel is closed (" + readyState
                                    + "): the remote closed it or the connection went down.");
        }
        if (size > maxMessageSize) {
            return refuse(
                    GodotError.FAILED,
                    size,
                    "the packet is " + size + " bytes, larger than the "
                            + maxMessageSize
                            + " bytes this channel can carry (the smaller of the two ends' a=max-message-size); "
                            + "libwebrtc would close the channel instead of sending it. Split it into smaller packets.");
        }
        if (bufferedEstimate + size > MAX_BUFFERED_BYTES) {
            long b = nat.bufferedAmount();
            if (b >= 0) {
                bufferedEstimate = b;
                lastBuffered = b;
            }
            if (bufferedEstimate + size > MAX_BUFFERED_BYTES) {
                return refuse(
                        GodotError.ERR_BUSY,
                        size,
                        "the send queue holds " + bufferedEstimate + " bytes; sending "
                                + size + " more would pass the " + MAX_BUFFERED_BYTES
                                + "-byte safety bound past which libwebrtc "
                                + "silently closes the channel. Wait until getBufferedAmount() drops.");
            }
        }
        try {
            nat.send(data, writeMode == WriteMode.BINARY);
        } catch (NativeCallException e) {
            return refuse(GodotError.FAILED, size, e.reason());
        }
        messagesSent++;
        bytesSent += size;
        bufferedEstimate += size;
        if (connection.packetEventsOn()) {
            Stamp at = Stamp.now();
            connection.emit(new MeshEvent.PacketSent(at.nanos(), at.millis(), connection.peerId(), eventIndex(), size));
        }
        return GodotError.OK;
    }

    @Override
    public byte[] getPacket() {
        connection.checkOwner("WebRtcDataChannel.getPacket");
        Incoming in = queue.poll();
        if (in == null) {
            packetError = GodotError.ERR_UNAVAILABLE;
            return EMPTY;
        }
        queued.decrementAndGet();
        queuedBytes.addAndGet(-in.data.length);
        lastWasString = !in.binary;
        lastArrivalNanos = in.arrivedNanos;
        packetError = GodotError.OK;
        if (connection.packetEventsOn()) {
            Stamp at = Stamp.now();
            connection.emit(new MeshEvent.PacketReceived(
                    at.nanos(), at.millis(), connection.peerId(), eventIndex(), in.data.length));
        }
        return in.data;
    }

    @Override
    public GodotError getPacketError() {
        return packetError;
    }

    @Override
    public int getAvailablePacketCount() {
        // The counter follows the queue (incremented after the add), so it can dip below zero for an instant.
        return Math.max(0, queued.get());
    }

    @Override
    public int getMaxPacketSize() {
        return GODOT_MAX_PACKET_SIZE;
    }

    // ---------------------------------------------------------------- beyond Godot

    /** The largest packet {@link #putPacket} accepts on this channel now. */
    public long getMaxMessageSize() {
        return maxMessageSize;
    }

    /** An immutable view of this channel's state and counters. Owner thread. */
    public ChannelSnapshot snapshot(int channelIndex, TransferMode mode) {
        return new ChannelSnapshot(
                channelIndex,
                config.label(),
                config.id() >= 0 ? config.id() : liveId,
                mode,
                config.ordered(),
                config.maxPacketLifeTime(),
                config.maxRetransmits(),
                readyState,
                lastBuffered,
                messagesSent + pongsOnArrival.get(),
                bytesSent + pongBytesOnArrival.get(),
                messagesReceived.get(),
                bytesReceived.get(),
                sendDrops,
                receiveDrops.get(),
                Math.max(0, queued.get()));
    }

    /** Messages handed to the native channel, including pongs sent on arrival. */
    public long messagesSent() {
        return messagesSent + pongsOnArrival.get();
    }

    /** Probe pings answered in the native callback (see {@link WebRtcMultiplayerPeer#setAnswerProbesOnArrival}). */
    public long pongsSentOnArrival() {
        return pongsOnArrival.get();
    }

    /** Messages that arrived from the wire (read or not). */
    public long messagesReceived() {
        return messagesReceived.get();
    }

    /** Packets refused before the wire. */
    public long sendDrops() {
        return sendDrops;
    }

    /** Packets dropped on arrival because the receive queue was full. */
    public long receiveDrops() {
        return receiveDrops.get();
    }

    // ---------------------------------------------------------------- package: the connection drives these

    NativeChannel nativeChannel() {
        return nat;
    }

    void setIndex(int i) {
        index = i;
    }

    /** Applies the remote's advertised maximum message size. */
    void setRemoteMaxMessageSize(long remoteMax) {
        maxMessageSize = Math.min(LOCAL_MAX_MESSAGE_SIZE, remoteMax);
    }

    /** The one transition method of the ready state: same-state is ignored, CLOSED is absorbing. Owner thread. */
    void transitionTo(ChannelState next, Stamp at) {
        ChannelState prev = readyState;
        if (prev == next || prev == ChannelState.CLOSED) {
            return;
        }
        readyState = next;
        connection.noteChange();
        if (next == ChannelState.OPEN) {
            bufferedEstimate = 0;
            if (config.id() < 0) {
                liveId = nat.liveId();
            }
        }
        connection.emit(new MeshEvent.ChannelStateChanged(
                at.nanos(), at.millis(), connection.peerId(), eventIndex(), config.label(), prev, next));
    }

    /** Emits one event for receive-queue drops since the last call, if any. Owner thread. */
    void reportReceiveDrops() {
        long d = receiveDrops.get();
        if (d != reportedReceiveDrops) {
            long n = d - reportedReceiveDrops;
            reportedReceiveDrops = d;
            Stamp at = Stamp.now();
            connection.emit(new MeshEvent.PacketDropped(
                    at.nanos(),
                    at.millis(),
                    connection.peerId(),
                    eventIndex(),
                    0,
                    false,
                    n + " incoming packet(s) dropped: the receive queue was full (" + MAX_QUEUED_PACKETS
                            + " packets or " + MAX_QUEUED_BYTES
                            + " bytes); the application is not reading fast enough."));
        }
    }

    private int eventIndex() {
        return index >= 0 ? index : config.id();
    }

    private GodotError refuse(GodotError code, int size, String reason) {
        sendDrops++;
        Stamp at = Stamp.now();
        connection.emit(new MeshEvent.PacketDropped(
                at.nanos(), at.millis(), connection.peerId(), eventIndex(), size, true, reason));
        return connection.recordFailure(
                code, Step.PUT_PACKET, "channel " + eventIndex() + " \"" + config.label() + "\": " + reason);
    }

    /**
     * Receives on webrtc-java's signalling thread: count, answer a probe ping at once when asked to, else bound
     * and queue. Never blocks.
     */
    private final class Sink implements ChannelSink {
        @Override
        public boolean onMessage(byte[] data, boolean binary) {
            long arrived = System.nanoTime();
            messagesReceived.incrementAndGet();
            bytesReceived.addAndGet(data.length);
            if (connection.answersProbesOnArrival() && answerOnArrival(data, binary)) {
                return false;
            }
            if (queued.get() >= MAX_QUEUED_PACKETS || queuedBytes.get() + data.length > MAX_QUEUED_BYTES) {
                receiveDrops.incrementAndGet();
                return true;
            }
            queuedBytes.addAndGet(data.length);
            queue.add(new Incoming(data, binary, arrived));
            queued.incrementAndGet();
            return true;
        }

        /**
         * Sends the pong for a probe ping from this callback, in the form the ping came in, so the probe round trip
         * measures the network and the stack, not the owner's loop. Falls back (returns false) when the channel is
         * not open or closing; the owner then sees the ping as an ordinary packet.
         */
        private boolean answerOnArrival(byte[] data, boolean binary) {
            byte[] pong = ProbePacket.pongFor(data);
            if (pong == null || readyState != ChannelState.OPEN || !nat.sendFromCallback(pong, binary)) {
                return false;
            }
            pongsOnArrival.incrementAndGet();
            pongBytesOnArrival.addAndGet(pong.length);
            return true;
        }
    }
}
