// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/**
 * Godot's {@code Error} codes, with Godot's numeric values (core/error/error_list.h), for the methods that
 * return {@code Error} in Godot. Only the codes the WebRTC stack can return are listed.
 */
public enum GodotError {
    /** Success. */
    OK(0),
    /** Generic failure, e.g. a data channel that is not open. */
    FAILED(1),
    /** Nothing available, e.g. {@code getPacket()} with no packet queued. */
    ERR_UNAVAILABLE(2),
    /** The object is not configured, e.g. {@code addPeer} before {@code createMesh}. */
    ERR_UNCONFIGURED(3),
    /** Refused, e.g. {@code addPeer} while refusing new connections. */
    ERR_UNAUTHORIZED(4),
    /** Out of memory or past a safety bound (a send queue that is full). */
    ERR_OUT_OF_MEMORY(6),
    /** A native object could not be created. */
    ERR_CANT_CREATE(20),
    /** Already in use, e.g. a data channel id taken twice on one connection. */
    ERR_ALREADY_IN_USE(22),
    /** Malformed data, e.g. a garbage or truncated session description. */
    ERR_INVALID_DATA(30),
    /** A parameter out of its range or not allowed in the current mode. */
    ERR_INVALID_PARAMETER(31),
    /** Busy, e.g. a description applied while another is still being applied. */
    ERR_BUSY(44),
    /** An internal inconsistency; Godot's "Bug" prints. */
    ERR_BUG(47);

    private final int code;

    GodotError(int code) {
        this.code = code;
    }

    /** Godot's numeric value of this error. */
    public int code() {
        return code;
    }

    /** True for {@link #OK}. */
    public boolean isOk() {
        return this == OK;
    }
}
