// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.core.impair.Impairment;
import dev.meshscope.core.impair.LinkShaper;
import dev.meshscope.core.internal.ChannelSink;
import dev.meshscope.core.internal.NativeCallException;
import dev.meshscope.core.internal.NativeChannel;
import dev.meshscope.core.internal.Stamp;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

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
    /** Clock samples seen by the receive callback, reported by the owner as {@link MeshEvent.ProbeTimed}. */
    private final ConcurrentLinkedQueue<MeshEvent.ProbeTimed> clockSamples = new ConcurrentLinkedQueue<>();

    private final AtomicInteger clockSamplesQueued = new AtomicInteger();
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

    /** Outbound impairment (owner thread), or {@code null}: packets go straight to libwebrtc. */
    private @Nullable LinkShaper outShaper;
    /** Packets the outbound impairment holds, by due time (then order of sending). Owner thread. */
    private final PriorityQueue<HeldOut> heldOut =
            new PriorityQueue<>(Comparator.comparingLong(HeldOut::dueNanos).thenComparingLong(HeldOut::seq));

    private long heldOutBytes;
    private long heldOutSeq;
    private long lastOutDue;
    private long outImpairedDrops;
    /** Inbound impairment, or {@code null}; read on the receiving thread, written by the owner. */
    private volatile @Nullable LinkShaper inShaper;
    /** Guards {@link #heldIn}, {@link #lastInDue} and the inbound shaper's decisions. */
    private final Object inLock = new Object();
    /** Arrived packets the inbound impairment holds, due times never decreasing (inbound jitter never reorders). */
    private final ArrayDeque<HeldIn> heldIn = new ArrayDeque<>();

    private long heldInBytes;
    private long lastInDue;
    private final AtomicLong inImpairedDrops = new AtomicLong();
    /** Wall clock of the last arrival from the wire (written on the receiving thread), 0 before any. */
    private volatile long lastArrivalMillis;

    private record Incoming(byte[] data, boolean binary, long arrivedNanos) {}

    /** A packet held on its way out; {@code data} is this channel's own copy. */
    private record HeldOut(byte[] data, boolean binary, long dueNanos, long seq) {}

    /** A packet held on its way in. */
    private record HeldIn(Incoming in, long dueNanos) {}

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
        LinkShaper shaper = outShaper;
        if (shaper != null || !heldOut.isEmpty()) {
            return holdOutbound(shaper, data);
        }
        return sendNow(data, writeMode == WriteMode.BINARY);
    }

    /** Hands {@code data} to libwebrtc and counts it. Owner thread; {@code data} is not kept. */
    private GodotError sendNow(byte[] data, boolean binary) {
        int size = data.length;
        try {
            nat.send(data, binary);
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

    /**
     * The outbound impairment decides: a dropped packet is counted and reported as sent (a network loss is invisible
     * to the sender); a held one is copied and sent by {@link #releaseDue} once due. With no shaper (the impairment was
     * just removed) the packet queues behind those still held, so a reliable ordered channel never reorders.
     */
    private GodotError holdOutbound(@Nullable LinkShaper shaper, byte[] data) {
        int size = data.length;
        if (heldOutBytes + size > MAX_QUEUED_BYTES) {
            return refuse(
                    GodotError.ERR_BUSY,
                    size,
                    "the impairment holds " + heldOutBytes + " bytes for this channel (paused, delayed or "
                            + "bandwidth-capped); holding " + size + " more would pass the " + MAX_QUEUED_BYTES
                            + "-byte bound. Unpause or raise the cap, or send less.");
        }
        long now = System.nanoTime();
        long due = shaper == null ? now : shaper.admit(now, size);
        if (due == LinkShaper.DROP) {
            outImpairedDrops++;
            return GodotError.OK;
        }
        if (config.ordered() || shaper == null) {
            due = Math.max(due, lastOutDue);
        }
        lastOutDue = due;
        heldOut.add(new HeldOut(data.clone(), writeMode == WriteMode.BINARY, due, heldOutSeq++));
        heldOutBytes += size;
        connection.wakeAt(due);
        return GodotError.OK;
    }

    /**
     * Sets or clears ({@link Impairment#isNone()} or {@code null}) the impairment of one direction, with its shaper
     * (shared by every channel an impairment set on a whole peer covers). Packets already held keep their due times;
     * with the impairment cleared they leave at the next poll. Owner thread.
     */
    void setImpairment(ImpairDirection direction, @Nullable LinkShaper shaper) {
        LinkShaper s = shaper == null || shaper.impairment().isNone() ? null : shaper;
        if (direction == ImpairDirection.OUTBOUND) {
            outShaper = s;
        } else {
            synchronized (inLock) {
                inShaper = s;
            }
        }
        connection.wakeAt(System.nanoTime());
    }

    /** The impairment of one direction ({@link Impairment#NONE} when none). Owner thread. */
    Impairment impairment(ImpairDirection direction) {
        LinkShaper s = direction == ImpairDirection.OUTBOUND ? outShaper : inShaper;
        return s == null ? Impairment.NONE : s.impairment();
    }

    /** Whether either direction is impaired (a probe ping is then not answered on arrival: it must queue too). */
    private boolean impaired() {
        return outShaper != null || inShaper != null;
    }

    /**
     * Sends the outbound packets and delivers the inbound packets that are due at {@code now} (none while paused), and
     * returns when the next held packet is due, or {@link Long#MAX_VALUE}. Owner thread, from the connection's poll.
     */
    long releaseDue(long now) {
        long next = Long.MAX_VALUE;
        LinkShaper out = outShaper;
        if (!heldOut.isEmpty() && (out == null || !out.impairment().paused())) {
            HeldOut h;
            while ((h = heldOut.peek()) != null && (out == null || h.dueNanos() <= now)) {
                heldOut.poll();
                heldOutBytes -= h.data().length;
                if (readyState == ChannelState.OPEN) {
                    sendNow(h.data(), h.binary());
                } else {
                    refuse(
                            GodotError.FAILED,
                            h.data().length,
                            "the channel closed (" + readyState + ") while the impairment held this packet.");
                }
            }
            if (h != null) {
                next = h.dueNanos();
            }
        }
        synchronized (inLock) {
            LinkShaper in = inShaper;
            if (!heldIn.isEmpty() && (in == null || !in.impairment().paused())) {
                HeldIn h;
                while ((h = heldIn.peek()) != null && (in == null || h.dueNanos() <= now)) {
                    heldIn.poll();
                    heldInBytes -= h.in().data().length;
                    // It "arrives" now: a probe's round trip then includes the inbound delay, as on a slow path.
                    deliver(new Incoming(h.in().data(), h.in().binary(), Math.max(now, h.dueNanos())));
                }
                if (h != null) {
                    next = Math.min(next, h.dueNanos());
                }
            }
        }
        return next;
    }

    /**
     * The channel closed: what the impairment still holds can never leave. Outbound packets become send drops with
     * the reason; inbound ones did arrive, so they join the receive queue like any packet read after a close. Owner
     * thread.
     */
    private void flushHeld() {
        HeldOut h;
        while ((h = heldOut.poll()) != null) {
            heldOutBytes -= h.data().length;
            refuse(
                    GodotError.FAILED,
                    h.data().length,
                    "the channel closed (" + readyState + ") while the impairment held this packet.");
        }
        synchronized (inLock) {
            HeldIn in;
            while ((in = heldIn.poll()) != null) {
                heldInBytes -= in.in().data().length;
                deliver(in.in());
            }
        }
    }

    /** Puts an arrived packet where the application reads it, within the receive bounds. Any thread. */
    private void deliver(Incoming in) {
        if (queued.get() >= MAX_QUEUED_PACKETS || queuedBytes.get() + in.data().length > MAX_QUEUED_BYTES) {
            receiveDrops.incrementAndGet();
            return;
        }
        queuedBytes.addAndGet(in.data().length);
        queue.add(in);
        queued.incrementAndGet();
    }

    /** Packets the impairment dropped on purpose, out and in. */
    public long impairedDrops() {
        return outImpairedDrops + inImpairedDrops.get();
    }

    /** Packets the impairment holds now, out and in. Owner thread. */
    public int heldPackets() {
        synchronized (inLock) {
            return heldOut.size() + heldIn.size();
        }
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
                Math.max(0, queued.get()),
                impairedDrops(),
                heldPackets(),
                maxMessageSize,
                lastArrivalMillis);
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
        if (next == ChannelState.CLOSED) {
            flushHeld();
        }
        if (next == ChannelState.OPEN) {
            bufferedEstimate = 0;
            if (config.id() < 0) {
                liveId = nat.liveId();
            }
        }
        connection.emit(new MeshEvent.ChannelStateChanged(
                at.nanos(), at.millis(), connection.peerId(), eventIndex(), config.label(), prev, next));
    }

    /**
     * Most clock samples waiting for the owner: the owner reports them at every poll, so this only bounds memory when
     * it stalls (a sample is ~80 bytes).
     */
    static final int MAX_CLOCK_SAMPLES = 256;

    /** Emits the clock samples the receive callback saw since the last call. Owner thread. */
    void reportClockSamples() {
        MeshEvent.ProbeTimed t;
        while ((t = clockSamples.poll()) != null) {
            clockSamplesQueued.decrementAndGet();
            connection.emit(t);
        }
    }

    /** Notes a clock-sample ping or pong (receiving thread); bounded, never blocks. */
    private void clockSample(byte[] data, long arrived, long answered) {
        if (!ProbePacket.looksLikeProbe(data)) {
            return;
        }
        int kind = ProbePacket.kindCode(data);
        long seq = ProbePacket.sequenceOf(data);
        if ((kind != ProbePacket.Kind.PING.code() && kind != ProbePacket.Kind.PONG.code())
                || !ProbePacket.isClockSample(seq)) {
            return;
        }
        if (clockSamplesQueued.incrementAndGet() > MAX_CLOCK_SAMPLES) {
            clockSamplesQueued.decrementAndGet(); // The owner is stalled; a missing sample only means fewer samples.
            return;
        }
        clockSamples.add(new MeshEvent.ProbeTimed(
                arrived,
                lastArrivalMillis,
                connection.peerId(),
                eventIndex(),
                kind == ProbePacket.Kind.PING.code(),
                seq,
                ProbePacket.sendNanosOf(data),
                answered));
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
            lastArrivalMillis = System.currentTimeMillis();
            messagesReceived.incrementAndGet();
            bytesReceived.addAndGet(data.length);
            // Taken before the pong is sent, never after: a pause inside the send must not make the answer look later
            // than it left (the clock bound t3 <= departure would break).
            long answering = System.nanoTime();
            if (connection.answersProbesOnArrival() && !impaired() && answerOnArrival(data, binary)) {
                clockSample(data, arrived, answering);
                return false;
            }
            clockSample(data, arrived, -1);
            Incoming in = new Incoming(data, binary, arrived);
            if (inShaper != null || !heldIn.isEmpty()) {
                holdInbound(in);
                return true;
            }
            deliver(in);
            return true;
        }

        /** The inbound impairment decides: drop (counted), or hold until due (then {@link #releaseDue} delivers). */
        private void holdInbound(Incoming in) {
            long due;
            synchronized (inLock) {
                LinkShaper shaper = inShaper;
                if (shaper == null && heldIn.isEmpty()) {
                    deliver(in); // The impairment was cleared and everything held already left.
                    return;
                }
                if (heldInBytes + in.data().length > MAX_QUEUED_BYTES) {
                    receiveDrops.incrementAndGet();
                    return;
                }
                due = shaper == null ? in.arrivedNanos() : shaper.admit(in.arrivedNanos(), in.data().length);
                if (due == LinkShaper.DROP) {
                    inImpairedDrops.incrementAndGet();
                    return;
                }
                due = Math.max(due, lastInDue);
                lastInDue = due;
                heldIn.add(new HeldIn(in, due));
                heldInBytes += in.data().length;
            }
            connection.wakeAt(due);
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
