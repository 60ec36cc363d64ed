// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A little-endian cursor over part of a byte array, the only way the decoders read bytes. Every read checks the bytes
 * left first and throws {@link DecodeFailure} (with the offset from the message start) instead of reading past the
 * end, so no length taken from a packet can make it allocate or read more than the packet holds.
 *
 * <p>Not thread-safe: one decode at a time. It never copies or keeps the array beyond the decode; the caller owns it
 * and must not change it while a decode runs.
 */
public final class WireReader {
    private final byte[] data;
    private final int origin;
    private final int end;
    private int pos;

    /** Reads {@code data[offset .. offset+length)}; error offsets count from {@code offset}. */
    public WireReader(byte[] data, int offset, int length) {
        this(data, offset, offset, checkedEnd(data, offset, length));
    }

    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    private WireReader(byte[] data, int origin, int pos, int end) {
        this.data = data;
        this.origin = origin;
        this.pos = pos;
        this.end = end;
    }

    private static int checkedEnd(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        return offset + length;
    }

    /** Offset of the next byte, counted from the message start. */
    public int offset() {
        return pos - origin;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** A reader over the next {@code length} bytes (same origin, so offsets stay message-relative); skips them here. */
    public WireReader slice(long length, String what) {
        require(length, what);
        WireReader s = new WireReader(data, origin, pos, pos + (int) length);
        pos += (int) length;
        return s;
    }

    /** A reader over what is left, sharing the origin; this reader is left at its end. */
    public WireReader rest() {
        WireReader s = new WireReader(data, origin, pos, end);
        pos = end;
        return s;
    }

    /** Throws unless {@code n} more bytes exist. {@code n} may come straight from the packet (long: no overflow). */
    public void require(long n, String what) {
        if (n < 0 || n > end - pos) {
            throw fail(what + " needs " + n + " bytes but only " + (end - pos) + " remain");
        }
    }

    /** A failure at the current offset. */
    public DecodeFailure fail(String reason) {
        return new DecodeFailure(offset(), reason);
    }

    /** A failure at {@code offset} (message-relative). */
    public DecodeFailure failAt(int offset, String reason) {
        return new DecodeFailure(offset, reason);
    }

    public void skip(long n, String what) {
        require(n, what);
        pos += (int) n;
    }

    public int u8(String what) {
        require(1, what);
        return data[pos++] & 0xFF;
    }

    /** The byte at the cursor without consuming it. */
    public int peekU8(String what) {
        require(1, what);
        return data[pos] & 0xFF;
    }

    /** The byte {@code ahead} positions past the cursor, without consuming anything. */
    public int peekU8(int ahead, String what) {
        require(ahead + 1L, what);
        return data[pos + ahead] & 0xFF;
    }

    public int u16(String what) {
        require(2, what);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int i32(String what) {
        require(4, what);
        int v = (data[pos] & 0xFF)
                | (data[pos + 1] & 0xFF) << 8
                | (data[pos + 2] & 0xFF) << 16
                | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long u32(String what) {
        return i32(what) & 0xFFFF_FFFFL;
    }

    public long i64(String what) {
        require(8, what);
        long lo = i32Unchecked(pos) & 0xFFFF_FFFFL;
        long hi = i32Unchecked(pos + 4);
        pos += 8;
        return lo | hi << 32;
    }

    private int i32Unchecked(int at) {
        return (data[at] & 0xFF)
                | (data[at + 1] & 0xFF) << 8
                | (data[at + 2] & 0xFF) << 16
                | (data[at + 3] & 0xFF) << 24;
    }

    public float f32(String what) {
        return Float.intBitsToFloat(i32(what));
    }

    public double f64(String what) {
        return Double.longBitsToDouble(i64(what));
    }

    public byte[] bytes(long n, String what) {
        require(n, what);
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    /**
     * {@code n} bytes as UTF-8, cut at the first NUL as Godot's {@code String::parse_utf8} does. Malformed UTF-8 is a
     * decode failure, as in Godot ({@code _decode_string} returns {@code ERR_INVALID_DATA}).
     */
    public String utf8(long n, String what) {
        require(n, what);
        int start = pos;
        int len = (int) n;
        int stop = start;
        boolean ascii = true;
        while (stop < start + len && data[stop] != 0) {
            ascii &= data[stop] >= 0;
            stop++;
        }
        String s;
        if (ascii) {
            s = new String(data, start, stop - start, StandardCharsets.ISO_8859_1);
        } else {
            CharsetDecoder dec = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                CharBuffer chars = dec.decode(ByteBuffer.wrap(data, start, stop - start));
                s = chars.toString();
            } catch (CharacterCodingException e) {
                throw fail(what + " is not valid UTF-8");
            }
        }
        pos += len;
        return s;
    }

    /** A NUL-terminated UTF-8 string (the NUL consumed); without a NUL it runs to the end of this reader. */
    public String cstr(String what) {
        int stop = pos;
        while (stop < end && data[stop] != 0) {
            stop++;
        }
        String s = utf8(stop - pos, what);
        if (pos < end) {
            pos++;
        }
        return s;
    }
}
