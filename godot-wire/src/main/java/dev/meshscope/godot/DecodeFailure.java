// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

/**
 * The decoders' internal signal that the bytes are bad. Thrown by {@link WireReader} and the readers built on it,
 * caught by every public {@code decode} method and turned into a {@link DecodeError}; it never leaves the module's
 * public decode API. It carries no stack trace: a hostile peer can make it happen at line rate.
 */
public final class DecodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public DecodeFailure(int offset, String reason) {
        super(reason, null, false, false);
        this.offset = offset;
    }

    /** Byte offset from the start of the message. */
    public int offset() {
        return offset;
    }

    public DecodeError toError() {
        return new DecodeError(offset, String.valueOf(getMessage()));
    }
}
