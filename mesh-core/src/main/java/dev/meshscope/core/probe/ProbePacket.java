// SPDX-License-Identifier: MIT
package dev.meshscope.core.probe;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * MeshScope's test packet (DESIGN.md, "Test packets"). Big-endian layout:
 *
 * <pre>
 * offset size field
 *  0     4    magic "MSPR"
 *  4     1    version (1)
 *  5     1    kind: 1 ping, 2 pong, 3 data
 *  6     2    channel: the internal channel index it was sent on (0 reliable, 1 ordered, 2 unreliable, 3.. extras)
 *  8     8    sequence number, per (sender, receiver, channel), from 0
 * 16     8    send time: the pinger's System.nanoTime() (a pong echoes its ping's)
 * 24     n    payload (a pong echoes its ping's)
 * </pre>
 *
 * A pong is the ping with only the kind byte changed, so a round trip carries the same bytes both ways.
 * Immutable; the payload array is copied in and out.
 *
 * @param kind      ping, pong or data
 * @param channel   the internal channel index
 * @param sequence  the sequence number
 * @param sendNanos the pinger's {@link System#nanoTime()} when it sent the ping or data packet
 * @param payload   the payload
 */
public record ProbePacket(Kind kind, int channel, long sequence, long sendNanos, byte[] payload) {
    /** "MSPR". */
    public static final int MAGIC = 0x4D535052;
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 24;

    /**
     * Pings whose sequence number is below this are all clock samples ({@link #isClockSample}): the first minute of a
     * 1 Hz ping already gives dozens of samples to align records with.
     */
    public static final long CLOCK_SAMPLES_FIRST = 64;

    /**
     * After {@link #CLOCK_SAMPLES_FIRST}, every this many-th ping is a clock sample: a flood of 10 000 pings/s per
     * channel then yields about 40 samples/s, a 2 Hz ping one every two minutes (clocks drift far slower).
     */
    public static final long CLOCK_SAMPLE_EVERY = 256;

    /** What a probe packet is for. */
    public enum Kind {
        /** Asks the remote to answer with a pong (when its echo is on). */
        PING(1),
        /** The answer to a ping. */
        PONG(2),
        /** One-way traffic, counted for loss, duplicates and reordering by the receiver. */
        DATA(3);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The byte on the wire. */
        public int code() {
            return code;
        }

        static @Nullable Kind fromCode(int c) {
            for (Kind k : values()) {
                if (k.code == c) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Copies the payload and checks the fields fit the format. */
    public ProbePacket {
        Objects.requireNonNull(kind, "kind");
        if (channel < 0 || channel > 0xFFFF) {
            throw new IllegalArgumentException("channel " + channel + " does not fit in 16 bits");
        }
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /** The payload (a copy). */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload length. */
    public int payloadLength() {
        return payload.length;
    }

    /** The bytes to send: a fresh, exactly-sized array. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        b.putInt(MAGIC)
                .put((byte) VERSION)
                .put((byte) kind.code)
                .putShort((short) channel)
                .putLong(sequence)
                .putLong(sendNanos)
                .put(payload);
        return b.array();
    }

    /** True when {@code data} starts like a probe packet (magic and version), without decoding it. */
    public static boolean looksLikeProbe(byte @Nullable [] data) {
        return data != null
                && data.length >= HEADER_BYTES
                && ByteBuffer.wrap(data).getInt(0) == MAGIC
                && data[4] == VERSION;
    }

    /** Decodes a probe packet, or returns {@code null} when {@code data} is not one (game traffic, say). */
    public static @Nullable ProbePacket decode(byte @Nullable [] data) {
        if (data == null || !looksLikeProbe(data)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        Kind k = Kind.fromCode(b.get(5));
        if (k == null) {
            return null;
        }
        int channel = b.getShort(6) & 0xFFFF;
        long seq = b.getLong(8);
        long sent = b.getLong(16);
        return new ProbePacket(k, channel, seq, sent, Arrays.copyOfRange(data, HEADER_BYTES, data.length));
    }

    /**
     * Whether a ping (and its pong) with this sequence number is a clock sample: both ends report when it passed them
     * ({@code MeshEvent.ProbeTimed}), so records made on two machines can be aligned NTP-style. The rule depends on
     * the sequence number alone, so the pinger and the answerer pick the same pings without talking about it.
     */
    public static boolean isClockSample(long sequence) {
        return sequence >= 0 && (sequence < CLOCK_SAMPLES_FIRST || sequence % CLOCK_SAMPLE_EVERY == 0);
    }

    /**
     * The kind code (1 ping, 2 pong, 3 data) of bytes {@link #looksLikeProbe} accepted, read without decoding.
     */
    public static int kindCode(byte[] probe) {
        return probe[5];
    }

    /** The sequence number of bytes {@link #looksLikeProbe} accepted, read without decoding. */
    public static long sequenceOf(byte[] probe) {
        return ByteBuffer.wrap(probe).getLong(8);
    }

    /** The send time (the pinger's {@link System#nanoTime()}) of bytes {@link #looksLikeProbe} accepted. */
    public static long sendNanosOf(byte[] probe) {
        return ByteBuffer.wrap(probe).getLong(16);
    }

    /**
     * The pong that answers {@code data} if it is a ping (a copy with the kind byte changed), else {@code null}.
     * Used by every peer whose echo is on.
     */
    public static byte @Nullable [] pongFor(byte @Nullable [] data) {
        if (data == null || !looksLikeProbe(data) || data[5] != Kind.PING.code) {
            return null;
        }
        byte[] pong = data.clone();
        pong[5] = (byte) Kind.PONG.code;
        return pong;
    }
}
