// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.Failure;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.Step;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.blob.PasteExpectation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link ExchangeLink} on a live {@link WebRtcMultiplayerPeer}; connections come from the session's
 * {@link PeerWiring}. Owner thread only.
 */
public final class NativeExchangeLink implements ExchangeLink {
    private final WebRtcMultiplayerPeer peer;
    private final PeerWiring wiring;

    /** Drives {@code peer}, making connections with {@code wiring}. */
    public NativeExchangeLink(WebRtcMultiplayerPeer peer, PeerWiring wiring) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    @Override
    public Optional<PasteExpectation> expectation() {
        if (peer.getConnectionStatus() == ConnectionStatus.DISCONNECTED || peer.getUniqueId() < 1) {
            return Optional.empty();
        }
        List<TransferMode> modes = peer.getChannelModes();
        List<TransferMode> extras = modes.size() <= WebRtcMultiplayerPeer.CH_RESERVED_MAX
                ? List.of()
                : modes.subList(WebRtcMultiplayerPeer.CH_RESERVED_MAX, modes.size());
        return Optional.of(PasteExpectation.of(peer.getUniqueId(), peer.getNetworkMode(), extras));
    }

    @Override
    public boolean has(int remoteId) {
        return peer.hasPeer(remoteId);
    }

    @Override
    public Optional<Failure> open(int remoteId) {
        return wiring.add(peer, remoteId, pc -> {});
    }

    @Override
    public Optional<Failure> createOffer(int remoteId) {
        WebRtcPeerConnection pc = connection(remoteId);
        return pc == null ? missing(remoteId, Step.CREATE_OFFER) : check(pc, pc.createOffer(), Step.CREATE_OFFER);
    }

    @Override
    public Optional<Failure> setRemoteDescription(int remoteId, DescriptionKind kind, String sdp) {
        WebRtcPeerConnection pc = connection(remoteId);
        return pc == null
                ? missing(remoteId, Step.SET_REMOTE_DESCRIPTION)
                : check(pc, pc.setRemoteDescription(kind.type(), sdp), Step.SET_REMOTE_DESCRIPTION);
    }

    @Override
    public String localDescription(int remoteId) {
        WebRtcPeerConnection pc = connection(remoteId);
        return pc == null ? "" : pc.getLocalDescription();
    }

    @Override
    public boolean drop(int remoteId) {
        if (!peer.hasPeer(remoteId)) {
            return false;
        }
        peer.removePeer(remoteId);
        return true;
    }

    private @Nullable WebRtcPeerConnection connection(int remoteId) {
        PeerInfo info = peer.getPeer(remoteId);
        return info == null ? null : info.connection();
    }

    private static Optional<Failure> check(WebRtcPeerConnection pc, GodotError e, Step step) {
        if (e == GodotError.OK) {
            return Optional.empty();
        }
        Failure f = pc.getLastFailure();
        return Optional.of(f != null ? f : new Failure(e, step, "no reason recorded"));
    }

    private static Optional<Failure> missing(int remoteId, Step step) {
        return Optional.of(new Failure(
                GodotError.ERR_INVALID_PARAMETER, step, "peer " + remoteId + " is no longer in get_peers()."));
    }
}
