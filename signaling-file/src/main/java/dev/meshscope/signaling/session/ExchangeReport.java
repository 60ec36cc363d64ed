// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.signaling.blob.DescriptionKind;

/**
 * What a {@link ManualExchange} tells the operator. Immutable; delivered on the owner thread.
 */
public sealed interface ExchangeReport {
    /** The remote peer concerned, or 0 when a paste could not be attributed. */
    int peerId();

    /** One sentence for a status line or log. */
    String text();

    /** True when something went wrong or was refused. */
    boolean problem();

    /** Progress: an offer made, a paste applied, an exchange cancelled or replaced. */
    record Progress(int peerId, String text) implements ExchangeReport {
        @Override
        public boolean problem() {
            return false;
        }
    }

    /** Our offer or answer is complete: hand {@code blob} (or {@code sdp} in another form) to {@code peerId}. */
    record Ready(int peerId, DescriptionKind kind, String sdp, String blob, String text) implements ExchangeReport {
        @Override
        public boolean problem() {
            return false;
        }
    }

    /** A command or paste refused: nothing was changed. */
    record Refused(int peerId, String text) implements ExchangeReport {
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
    record Connected(int peerId, String text) implements ExchangeReport {
        @Override
        public boolean problem() {
            return false;
        }
    }
}
