// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.blob.Paste;

/**
 * What a {@link ManualExchange} tells the operator. Immutable; delivered on the owner thread.
 */
public sealed interface ExchangeReport {
    /** The remote peer concerned, or 0 when a paste could not be attributed. */
    int peerId();

    /** One sentence for a status line or log. */
    String text();

    /** True when something went wrong or was refused. */
    default boolean problem() {
        return false;
    }

    /** Progress: an offer made, a paste applied, an exchange cancelled or replaced. */
    record Progress(int peerId, String text) implements ExchangeReport {}

    /** A paste passed every check and was applied. */
    record Accepted(int peerId, Paste paste, String text) implements ExchangeReport {}

    /** Our offer or answer is complete: hand {@code blob} (or {@code sdp} in another form) to {@code peerId}. */
    record Ready(int peerId, DescriptionKind kind, String sdp, String blob, String text) implements ExchangeReport {}

    /**
     * A command or paste refused: nothing was changed. {@code reason} is the paste checker's {@code PasteProblem}
     * name, or one of the exchange's own: NOT_CREATED, OWN_ID, BUSY, IN_PEERS, NOTHING_PENDING, STALE_ANSWER,
     * NO_OFFER, NOT_AWAITING_ANSWER, REPEATED_OFFER, REMOVED.
     */
    record Refused(int peerId, String reason, String text) implements ExchangeReport {
        @Override
        public boolean problem() {
            return true;
        }
    }

    /** A step failed; {@code ended} when the exchange is over (cancel and start again). */
    record Failed(int peerId, ExchangeStep step, String text, boolean ended) implements ExchangeReport {
        @Override
        public boolean problem() {
            return true;
        }
    }

    /** The exchange is complete: the peer connected. */
    record Connected(int peerId, String text) implements ExchangeReport {}
}
