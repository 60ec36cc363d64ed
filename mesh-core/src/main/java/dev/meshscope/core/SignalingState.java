// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/** Godot's {@code WebRTCPeerConnection.SignalingState} (W3C order), with Godot's numeric values. */
public enum SignalingState {
    /** No offer/answer exchange in progress. */
    STABLE(0),
    /** A local offer is applied; waiting for the answer. */
    HAVE_LOCAL_OFFER(1),
    /** A remote offer is applied; the answer is being made. */
    HAVE_REMOTE_OFFER(2),
    /** A local provisional answer is applied. */
    HAVE_LOCAL_PRANSWER(3),
    /** A remote provisional answer is applied. */
    HAVE_REMOTE_PRANSWER(4),
    /** The connection is closed. */
    CLOSED(5);

    private final int value;

    SignalingState(int value) {
        this.value = value;
    }

    /** Godot's numeric value. */
    public int value() {
        return value;
    }
}
