// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable little-endian byte sink for the encoders. Not thread-safe; {@link #toByteArray()} returns a fresh copy the
 * caller owns.
 */
public final class WireWriter {
    /** Enough for a typical RPC or sync packet without growing. */
    private static final int INITIAL_CAPACITY = 64;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int size;

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public int size() {
        return size;
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    public WireWriter i32(int v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
        return this;
    }

    /** Overwrites four bytes at {@code at} (for lengths known only after the payload is written). */
    public void i32At(int at, int v) {
        Objects.checkFromIndexSize(at, 4, size);
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    public WireWriter i64(long v) {
        i32((int) v);
        return i32((int) (v >>> 32));
    }

    public WireWriter f32(float v) {
        return i32(Float.floatToRawIntBits(v));
    }

    public WireWriter f64(double v) {
        return i64(Double.doubleToRawLongBits(v));
    }

    public WireWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /**
     * The zero padding Godot writes after a {@code length}-byte string or byte block so the block ends on a multiple of
     * four (counted from the block, which always starts aligned within its Variant).
     */
    public WireWriter padAfter(int length) {
        for (int i = (4 - (length & 3)) & 3; i > 0; i--) {
            u8(0);
        }
        return this;
    }

    /** UTF-8 bytes and a NUL. */
    public WireWriter cstr(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return u8(0);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
