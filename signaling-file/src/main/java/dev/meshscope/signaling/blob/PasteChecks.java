// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.sdp.SdpInfo;
import dev.meshscope.signaling.message.ModeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The judgement part of {@link BlobCodec#decode}: who sent the paste, whether this peer can take it, and whether
 * the description can ever connect. Addressing is checked before content, because a misrouted paste should be
 * told so first. Pure; any thread.
 */
final class PasteChecks {
    private PasteChecks() {}

    static PasteResult check(PasteReader.Read r, SdpInfo info, PasteExpectation e) {
        List<String> warnings = new ArrayList<>();
        DescriptionKind kind = r.kind();
        if (kind == null) {
            kind = kindFromRoles(info, e);
            if (kind == null) {
                return PasteResult.refused(
                        PasteProblem.NOT_A_DESCRIPTION,
                        "This SDP does not say whether it is an offer "
                                + "or an answer (no a=setup line). Paste it as a browser {\"type\",\"sdp\"} JSON or a MeshScope blob.");
            }
        }
        String what = kind.type();
        int from = r.from();
        if (from <= 0) {
            from = assumedSender(kind, e, warnings);
            if (from <= 0) {
                return PasteResult.refused(
                        PasteProblem.UNKNOWN_SENDER,
                        "This " + what + " does not say which peer sent "
                                + "it (a raw SDP or browser JSON carries no peer id). Enter the remote peer id (agent: "
                                + "--remote-id), or paste the other peer's MeshScope blob instead.");
            }
        }
        if (from == e.ownId()) {
            return PasteResult.refused(
                    PasteProblem.OWN_DESCRIPTION,
                    "This is this peer's own " + what + " (from peer " + from
                            + "): send it to the other peer and paste what that peer gives back here.");
        }
        if (r.to() > 0 && r.to() != e.ownId()) {
            return PasteResult.refused(
                    PasteProblem.WRONG_ADDRESSEE,
                    "This " + what + " is addressed to peer " + r.to()
                            + ", but this peer is " + e.ownId() + ". Paste it into peer " + r.to() + ", or have peer "
                            + from
                            + " make its " + what + " for peer " + e.ownId() + ".");
        }
        PasteResult senderProblem = senderProblem(r, from, what, e);
        if (senderProblem != null) {
            return senderProblem;
        }
        PasteResult kindProblem = kindProblem(kind, from, r.to(), e);
        if (kindProblem != null) {
            return kindProblem;
        }
        if (r.channels() != null && !r.channels().equals(e.channels())) {
            return PasteResult.refused(
                    PasteProblem.CHANNEL_MISMATCH,
                    "Peer " + from + " uses "
                            + ModeNames.describe(r.channels()) + " but this peer uses "
                            + ModeNames.describe(e.channels()) + ". Godot needs the identical channels_config on every "
                            + "peer: restart one of them with the other's channel list.");
        }
        PasteFormat format = Objects.requireNonNull(r.format(), "only a read that is not refused is checked");
        if (r.channels() == null) {
            warnings.add("A " + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " carries no "
                    + "channel configuration: make sure peer " + from + " uses the same ("
                    + ModeNames.describe(e.channels()) + ").");
        }
        PasteResult sdpProblem = sdpProblem(info, kind);
        if (sdpProblem != null) {
            return sdpProblem;
        }
        if (info.maxMessageSize() < 0) {
            warnings.add("Peer " + from + " does not advertise a=max-message-size: packets over "
                    + SdpInfo.DEFAULT_MAX_MESSAGE_SIZE + " bytes will be refused (RFC 8841 default).");
        }
        NetworkMode mode = r.mode();
        return PasteResult.accepted(new Paste(format, kind, from, r.to(), mode, r.channels(), info), warnings);
    }

    private static @Nullable DescriptionKind kindFromRoles(SdpInfo info, PasteExpectation e) {
        if (info.setupRoles().contains("actpass")) {
            return DescriptionKind.OFFER;
        }
        if (info.setupRoles().contains("active") || info.setupRoles().contains("passive")) {
            return DescriptionKind.ANSWER;
        }
        switch (e.expect()) {
            case OFFER:
                return DescriptionKind.OFFER;
            case ANSWER:
                return DescriptionKind.ANSWER;
            default:
                return null;
        }
    }

    private static int assumedSender(DescriptionKind kind, PasteExpectation e, List<String> warnings) {
        int id = 0;
        String why = null;
        if (e.assumedSender() > 0) {
            id = e.assumedSender();
            why = "the remote id given";
        } else if (e.ownMode() == NetworkMode.CLIENT) {
            id = 1;
            why = "a client only talks to the server";
        } else if (kind == DescriptionKind.ANSWER && e.pendingOffers().size() == 1) {
            id = e.pendingOffers().iterator().next();
            why = "it is the only peer with a pending offer";
        }
        if (id > 0) {
            warnings.add("The paste carries no peer id; assuming it comes from peer " + id + " (" + why + ").");
        }
        return id;
    }

    private static @Nullable PasteResult senderProblem(PasteReader.Read r, int from, String what, PasteExpectation e) {
        NetworkMode own = e.ownMode();
        if (own == NetworkMode.CLIENT && from != 1) {
            return PasteResult.refused(
                    PasteProblem.UNACCEPTABLE_SENDER,
                    "This peer is a client (id " + e.ownId()
                            + "): it only connects to the server, peer 1, but this " + what + " comes from peer " + from
                            + ". Paste the server's " + what + ", or make this peer a mesh peer to connect to peer "
                            + from + ".");
        }
        if (own == NetworkMode.SERVER && from == 1) {
            return PasteResult.refused(
                    PasteProblem.UNACCEPTABLE_SENDER,
                    "This peer is the server (id 1) and this " + what
                            + " also comes from a peer 1: two servers cannot connect. Make the other peer a client with its own id.");
        }
        NetworkMode theirs = r.mode();
        if (theirs == null || own == NetworkMode.NONE) {
            return null;
        }
        boolean fits = own == NetworkMode.MESH
                ? theirs == NetworkMode.MESH
                : own == NetworkMode.SERVER ? theirs == NetworkMode.CLIENT : theirs == NetworkMode.SERVER;
        if (!fits) {
            return PasteResult.refused(
                    PasteProblem.MODE_MISMATCH,
                    "Peer " + from + " is a " + ModeNames.name(theirs)
                            + " peer, this one a " + ModeNames.name(own)
                            + " peer: a mesh connects only to mesh peers, a "
                            + "client only to the server. Create both peers in matching modes.");
        }
        return null;
    }

    /**
     * Whether the kind fits. {@code to} is the addressee the paste names (0 when it names none): an answer addressed
     * to this peer for which no offer waits answers an offer that no longer exists here (cancelled, or the peer
     * was closed since), and the message says so instead of sending the operator to another peer.
     */
    private static @Nullable PasteResult kindProblem(DescriptionKind kind, int from, int to, PasteExpectation e) {
        boolean pendingToSender = e.pendingOffers().contains(from);
        if (kind == DescriptionKind.ANSWER) {
            if (pendingToSender && e.expect() != PasteExpectation.Expect.OFFER) {
                return null;
            }
            String waiting = e.pendingOffers().isEmpty()
                    ? "this peer waits for no answer at all"
                    : "this peer waits for answers from " + e.pendingOffers();
            String again = " To connect to peer " + from + ", Add peer " + from + " again, give it the new offer and "
                    + "paste the answer it makes to that one.";
            if (e.expect() == PasteExpectation.Expect.OFFER) {
                return PasteResult.refused(
                        PasteProblem.WRONG_KIND,
                        "This is an answer from peer " + from + ", but this "
                                + "peer made no offer and expects an offer. Paste this answer into the peer that made the offer "
                                + "to peer " + from + ", or paste an offer here.");
            }
            if (to == e.ownId()) {
                return PasteResult.refused(
                        e.pendingOffers().isEmpty() ? PasteProblem.WRONG_KIND : PasteProblem.NO_PENDING_OFFER,
                        "This is peer " + from + "'s answer to an offer from peer "
                                + to
                                + " (this peer's id), but that offer no longer exists here: there is no offer to peer "
                                + from + " waiting (" + waiting
                                + "). It was cancelled, or this peer was closed since (or "
                                + "another peer with id " + to + " made it)." + again);
            }
            return PasteResult.refused(
                    e.pendingOffers().isEmpty() ? PasteProblem.WRONG_KIND : PasteProblem.NO_PENDING_OFFER,
                    "This is an answer from peer " + from + ", but there is no offer to "
                            + "peer " + from + " waiting here (" + waiting
                            + "): paste it into the peer that made the offer to "
                            + "peer " + from
                            + ", or, if that was this peer, the offer no longer exists (cancelled or closed "
                            + "since)." + again);
        }
        if (e.expect() == PasteExpectation.Expect.ANSWER) {
            return PasteResult.refused(
                    PasteProblem.WRONG_KIND,
                    "This is an offer, but this peer made its own offer and "
                            + "expects the answer to it. Paste this offer into a peer that waits for one, and bring back the "
                            + "answer it makes.");
        }
        if (pendingToSender) {
            int larger = Math.max(from, e.ownId());
            return PasteResult.refused(
                    PasteProblem.WRONG_KIND,
                    "This peer already made an offer to peer " + from
                            + " and waits for its answer, and peer " + from
                            + " made an offer too. Only one side offers: by the "
                            + "Godot demo rule the larger id, peer " + larger + ". Discard the other offer.");
        }
        return null;
    }

    private static @Nullable PasteResult sdpProblem(SdpInfo info, DescriptionKind kind) {
        String problem = info.problemAs(kind.type());
        SdpInfo.DataSection ds = info.dataSection();
        // problemAs names these two first (no usable data section, then no fingerprint), so problem is set here.
        if (ds == null
                || ds.port() == 0
                || !ds.protocol().toUpperCase(java.util.Locale.ROOT).contains("SCTP")) {
            return PasteResult.refused(PasteProblem.NO_DATA_CHANNEL, Objects.requireNonNull(problem, "problemAs"));
        }
        if (info.fingerprints().isEmpty()) {
            return PasteResult.refused(PasteProblem.NO_FINGERPRINT, Objects.requireNonNull(problem, "problemAs"));
        }
        String fingerprint = info.malformedFingerprint();
        if (fingerprint != null) {
            return PasteResult.refused(PasteProblem.BAD_FINGERPRINT, fingerprint);
        }
        if (problem != null) {
            boolean roleClash = kind == DescriptionKind.OFFER
                    ? info.setupRoles().contains("active") || info.setupRoles().contains("passive")
                    : info.setupRoles().contains("actpass");
            return PasteResult.refused(roleClash ? PasteProblem.WRONG_KIND : PasteProblem.BAD_SDP, problem);
        }
        if (info.candidates().isEmpty()) {
            return PasteResult.refused(
                    PasteProblem.NO_CANDIDATES,
                    "This " + kind.type() + " has no ICE candidates: it "
                            + "was copied before gathering finished. Copy it again once the other peer has gathered its "
                            + "candidates (MeshScope blobs are made only after gathering is complete).");
        }
        String bad = BlobCodec.candidateProblem(info);
        if (bad != null) {
            return PasteResult.refused(PasteProblem.BAD_SDP, bad);
        }
        return null;
    }
}
