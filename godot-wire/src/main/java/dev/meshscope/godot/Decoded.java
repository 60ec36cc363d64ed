// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a decode: either a value or a {@link DecodeError}, never both. Decoders return this instead of
 * throwing, so one bad packet from a peer never unwinds the caller.
 *
 * @param <T> the decoded type
 */
public final class Decoded<T> {
    private final @Nullable T value;
    private final @Nullable DecodeError error;

    private Decoded(@Nullable T value, @Nullable DecodeError error) {
        this.value = value;
        this.error = error;
    }

    public static <T> Decoded<T> ok(T value) {
        return new Decoded<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Decoded<T> failed(DecodeError error) {
        return new Decoded<>(null, Objects.requireNonNull(error, "error"));
    }

    public boolean isOk() {
        return error == null;
    }

    /** The value; calling this on a failed result is a programmer error. */
    public T value() {
        if (value == null) {
            throw new IllegalStateException("decode failed " + error + "; check isOk() first");
        }
        return value;
    }

    /** The error; calling this on a successful result is a programmer error. */
    public DecodeError error() {
        if (error == null) {
            throw new IllegalStateException("decode succeeded; check isOk() first");
        }
        return error;
    }

    /** The value, or null when decoding failed. */
    public @Nullable T valueOrNull() {
        return value;
    }

    @Override
    public String toString() {
        return error == null ? "Decoded[" + value + "]" : "Failed[" + error + "]";
    }
}
