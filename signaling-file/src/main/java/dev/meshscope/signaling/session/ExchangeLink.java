// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.core.Failure;
import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.blob.PasteExpectation;
import java.util.Optional;

/**
 * What a {@link ManualExchange} does to the multiplayer peer: {@link NativeExchangeLink} on a real peer, a
 * recording fake in tests. Every method is called on the peer's owner thread, from inside
 * {@link ManualExchange#on}; events the calls raise come back as inputs after the transition.
 */
public interface ExchangeLink {
    /** This peer's id, mode and extra channels for judging a paste, or empty while nothing is created. */
    Optional<PasteExpectation> expectation();

    /** Whether {@code remoteId} is in {@code get_peers()}. */
    boolean has(int remoteId);

    /** Makes a connection for {@code remoteId} with the session's ICE servers and adds it. Empty, or why not. */
    Optional<Failure> open(int remoteId);

    /** {@code create_offer()} on the connection of {@code remoteId}. Empty, or why not. */
    Optional<Failure> createOffer(int remoteId);

    /** {@code set_remote_description(kind, sdp)} on the connection of {@code remoteId}. Empty, or why not. */
    Optional<Failure> setRemoteDescription(int remoteId, DescriptionKind kind, String sdp);

    /** The local description of {@code remoteId}'s connection with its candidates, or "" when there is none. */
    String localDescription(int remoteId);

    /** {@code remove_peer(remoteId)} if it is there (its connection is closed); true when it was there. */
    boolean drop(int remoteId);
}
