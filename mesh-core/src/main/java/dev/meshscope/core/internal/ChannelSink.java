// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

/**
 * Where a native channel puts the messages it receives. Called on webrtc-java's signalling thread with a
 * fresh array the sink now owns (already copied out of native memory). Must not block.
 */
@FunctionalInterface
public interface ChannelSink {
    /**
     * One whole message; {@code binary} is false for a text (string) message. Returns true when the owner has
     * something new to look at (a queued packet or a drop to report), false when the message was fully handled
     * here (a probe ping answered on arrival): then the owner is not woken.
     */
    boolean onMessage(byte[] data, boolean binary);
}
