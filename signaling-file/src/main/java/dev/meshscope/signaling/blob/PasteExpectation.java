// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the peer receiving a paste is and expects, so {@link BlobCodec#decode} can tell a good paste from a
 * misrouted one without touching any state. Immutable; build it from the peer's current state on any thread
 * (a GUI can rebuild it on every keystroke).
 *
 * @param ownId          this peer's unique id
 * @param ownMode        this peer's network mode (SERVER, CLIENT or MESH)
 * @param channels       this peer's extra channel configuration, in order
 * @param expect         which kind this peer can take now
 * @param pendingOffers  remote ids this peer made an offer to and awaits an answer from
 * @param assumedSender  the sender id to assume for a paste that carries none (raw SDP, browser JSON), or 0
 */
public record PasteExpectation(
        int ownId,
        NetworkMode ownMode,
        List<TransferMode> channels,
        Expect expect,
        Set<Integer> pendingOffers,
        int assumedSender) {

    /** Which kind of description the peer can take. */
    public enum Expect {
        /** Only an offer (this peer made no offer). */
        OFFER,
        /** Only an answer (to one of its pending offers). */
        ANSWER,
        /** Either: an offer from a new peer, or an answer to a pending offer. */
        ANY
    }

    /** Copies the collections; ids must be positive. */
    public PasteExpectation {
        Objects.requireNonNull(ownMode, "ownMode");
        Objects.requireNonNull(expect, "expect");
        channels = List.copyOf(channels);
        pendingOffers = Set.copyOf(pendingOffers);
        if (ownId < 1) {
            throw new IllegalArgumentException("own id must be 1..2147483647, not " + ownId);
        }
        if (assumedSender < 0) {
            throw new IllegalArgumentException("assumed sender must be 0 (none) or a peer id, not " + assumedSender);
        }
    }

    /** A peer that takes either kind, with no pending offer and no assumed sender. */
    public static PasteExpectation of(int ownId, NetworkMode ownMode, List<TransferMode> channels) {
        return new PasteExpectation(ownId, ownMode, channels, Expect.ANY, Set.of(), 0);
    }

    /** The same with {@code expect}. */
    public PasteExpectation expecting(Expect e) {
        return new PasteExpectation(ownId, ownMode, channels, e, pendingOffers, assumedSender);
    }

    /** The same with these pending offers. */
    public PasteExpectation withPendingOffers(Set<Integer> ids) {
        return new PasteExpectation(ownId, ownMode, channels, expect, ids, assumedSender);
    }

    /** The same assuming {@code id} as the sender of a paste that carries no id (0 for none). */
    public PasteExpectation assumingSender(int id) {
        return new PasteExpectation(ownId, ownMode, channels, expect, pendingOffers, id);
    }
}
