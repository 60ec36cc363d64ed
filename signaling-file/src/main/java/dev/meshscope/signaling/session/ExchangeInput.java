// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.Step;
import dev.meshscope.core.event.MeshEvent;
import java.util.Optional;

/**
 * Everything that moves a {@link ManualExchange}: an operator's command, or what the multiplayer peer reported.
 * Immutable records; any thread may build them, only the owner thread hands them to {@link ManualExchange#on}.
 */
public sealed interface ExchangeInput {
    /** The operator offers to {@code peerId} ("Add peer"; the agent's start-up offer). */
    record Offer(int peerId) implements ExchangeInput {}

    /** A paste: a blob, raw SDP, browser JSON or demo message; {@code assumedSender} for one without ids, or 0. */
    record Pasted(String text, int assumedSender) implements ExchangeInput {}

    /** The operator cancels the exchange with {@code peerId}. */
    record Cancel(int peerId) implements ExchangeInput {}

    /** ICE gathering of {@code peerId}'s connection completed. */
    record GatheringComplete(int peerId) implements ExchangeInput {}

    /** {@code peerId} connected (every channel open). */
    record Connected(int peerId) implements ExchangeInput {}

    /** {@code peerId} left {@code get_peers()}. */
    record Removed(int peerId, String reason) implements ExchangeInput {}

    /** {@code peerId}'s connection went to FAILED (ICE or DTLS). */
    record ConnectionFailed(int peerId) implements ExchangeInput {}

    /** A mesh-core step failed on {@code peerId}'s connection (synchronously or asynchronously). */
    record StepFailed(int peerId, Step step, String reason) implements ExchangeInput {}

    /** Time passes: exchanges gathering for longer than the timeout fail. */
    record Tick(long nowNanos) implements ExchangeInput {}

    /** The multiplayer peer was closed: every exchange ends. */
    record Reset() implements ExchangeInput {}

    /** The input a mesh-core event means for the exchange, if any. */
    static Optional<ExchangeInput> of(MeshEvent e) {
        if (e instanceof MeshEvent.GatheringStateChanged g && g.to() == GatheringState.COMPLETE) {
            return Optional.of(new GatheringComplete(g.peerId()));
        } else if (e instanceof MeshEvent.PeerConnected c) {
            return Optional.of(new Connected(c.peerId()));
        } else if (e instanceof MeshEvent.PeerRemoved r) {
            return Optional.of(new Removed(r.peerId(), r.reason()));
        } else if (e instanceof MeshEvent.ConnectionStateChanged c && c.to() == ConnectionState.FAILED) {
            return Optional.of(new ConnectionFailed(c.peerId()));
        } else if (e instanceof MeshEvent.ErrorRaised err && err.peerId() > 0) {
            return Optional.of(new StepFailed(err.peerId(), err.step(), err.reason()));
        } else if (e instanceof MeshEvent.Closed) {
            return Optional.of(new Reset());
        }
        return Optional.empty();
    }
}
