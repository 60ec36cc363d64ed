// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

/**
 * Where a native channel puts the messages it receives. Called on webrtc-java's signalling thread with a
 * fresh array the sink now owns (already copied out of native memory). Must not block.
 */
@FunctionalInterface
public interface ChannelSink {
    /** One whole message; {@code binary} is false for a text (string) message. */
    void onMessage(byte[] data, boolean binary);
}
