// SPDX-License-Identifier: MIT
package dev.meshscope.session;

/**
 * A half-signaled connection made by manual (copy/paste) signaling: listed in the window until it connects,
 * fails or is cancelled. Immutable.
 *
 * @param peerId      the remote peer id
 * @param weOffered   true when this side made the offer (Add peer), false when it answers a pasted offer
 * @param stage       where the exchange stands
 * @param sinceMillis wall clock when the exchange started
 * @param blob        the blob to hand to the remote peer (our offer or answer), or "" while it is being made
 */
public record PendingSignal(int peerId, boolean weOffered, Stage stage, long sinceMillis, String blob) {
    /** Where a manual exchange stands. */
    public enum Stage {
        /** Our description is made; ICE candidates are being gathered (the blob carries them all). */
        GATHERING,
        /** Our offer blob is ready: hand it over and paste the answer that comes back. */
        AWAITING_ANSWER,
        /** Our answer blob is ready: hand it over; the connection completes when the offerer applies it. */
        ANSWER_READY,
        /** Both descriptions are applied; ICE and DTLS are connecting. */
        CONNECTING,
        /** Gathering or negotiation failed; the event log says why. Cancel and start again. */
        FAILED
    }

    /** The listed form of a manual exchange. */
    static PendingSignal of(dev.meshscope.signaling.session.ManualExchange.Pending p) {
        Stage s = switch (p.state()) {
            case GATHERING -> Stage.GATHERING;
            case AWAITING_ANSWER -> Stage.AWAITING_ANSWER;
            case ANSWER_READY -> Stage.ANSWER_READY;
            case CONNECTING -> Stage.CONNECTING;
            case FAILED -> Stage.FAILED;
        };
        return new PendingSignal(p.peerId(), p.weOffered(), s, p.sinceMillis(), p.blob());
    }
}
