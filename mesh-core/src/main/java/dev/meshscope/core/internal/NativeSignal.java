// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.Step;
import dev.meshscope.core.snapshot.WireStats;
import java.util.function.Consumer;

/**
 * What a webrtc-java callback hands to the owner thread: an immutable copy of what it received, with the
 * moment it arrived. Produced on the signalling thread, consumed in {@code poll()}.
 */
public sealed interface NativeSignal {
    /** When the callback ran. */
    Stamp at();

    /** The aggregate connection state changed. */
    record ConnectionChanged(Stamp at, ConnectionState state) implements NativeSignal {}

    /** The ICE gathering state changed. */
    record GatheringChanged(Stamp at, GatheringState state) implements NativeSignal {}

    /** The signaling state changed. */
    record SignalingChanged(Stamp at, SignalingState state) implements NativeSignal {}

    /** A local candidate was gathered. */
    record LocalCandidate(Stamp at, String mid, int index, String candidate) implements NativeSignal {}

    /**
     * A STUN or TURN server could not be used for gathering ({@code onicecandidateerror}): {@code code} is the STUN
     * error code (401 bad credentials, 701 unreachable...), {@code text} libwebrtc's words.
     */
    record ServerFailed(Stamp at, String url, int code, String text) implements NativeSignal {}

    /** A local description was applied. */
    record LocalApplied(Stamp at, String type, String sdp) implements NativeSignal {}

    /** A remote description was applied. */
    record RemoteApplied(Stamp at, String type) implements NativeSignal {}

    /** An asynchronous step failed; {@code message} is libwebrtc's. */
    record StepFailed(Stamp at, Step step, String message) implements NativeSignal {}

    /** A data channel's state changed. */
    record ChannelChanged(Stamp at, NativeChannel channel, ChannelState state) implements NativeSignal {}

    /** The remote opened an in-band (non-negotiated) channel. */
    record ChannelReceived(Stamp at, NativeChannel channel) implements NativeSignal {}

    /** A stats report arrived for the given consumer. */
    record StatsArrived(Stamp at, WireStats stats, Consumer<WireStats> consumer) implements NativeSignal {}
}
