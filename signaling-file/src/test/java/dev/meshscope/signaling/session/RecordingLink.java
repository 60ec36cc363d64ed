// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.core.Failure;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.Step;
import dev.meshscope.signaling.blob.Blob;
import dev.meshscope.signaling.blob.BlobCodec;
import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.blob.PasteExpectation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A recording fake of {@link ExchangeLink} for a mesh peer: no native runtime. It records every call, keeps a
 * set of peers, fails the steps it is told to, and (as mesh-core does) raises the failure as an input while the
 * call runs. Test thread only.
 */
final class RecordingLink implements ExchangeLink {
    final int ownId;
    final List<String> calls = new ArrayList<>();
    final Set<Integer> peers = new LinkedHashSet<>();
    final Set<Integer> answering = new LinkedHashSet<>();
    final Set<Step> failing = EnumSet.noneOf(Step.class);
    Consumer<ExchangeInput> raise = in -> {};
    boolean created = true;

    RecordingLink(int ownId) {
        this.ownId = ownId;
    }

    @Override
    public Optional<PasteExpectation> expectation() {
        return created ? Optional.of(PasteExpectation.of(ownId, NetworkMode.MESH, List.of())) : Optional.empty();
    }

    @Override
    public boolean has(int remoteId) {
        return peers.contains(remoteId);
    }

    @Override
    public Optional<Failure> open(int remoteId) {
        calls.add("open " + remoteId);
        if (failing.contains(Step.ADD_PEER)) {
            return fail(remoteId, Step.ADD_PEER);
        }
        peers.add(remoteId);
        return Optional.empty();
    }

    @Override
    public Optional<Failure> createOffer(int remoteId) {
        calls.add("createOffer " + remoteId);
        return failing.contains(Step.CREATE_OFFER) ? fail(remoteId, Step.CREATE_OFFER) : Optional.empty();
    }

    @Override
    public Optional<Failure> setRemoteDescription(int remoteId, DescriptionKind kind, String sdp) {
        calls.add("setRemoteDescription " + remoteId + " " + kind.type());
        if (kind == DescriptionKind.OFFER) {
            answering.add(remoteId);
        }
        return failing.contains(Step.SET_REMOTE_DESCRIPTION)
                ? fail(remoteId, Step.SET_REMOTE_DESCRIPTION)
                : Optional.empty();
    }

    @Override
    public String localDescription(int remoteId) {
        return sdp(ownId * 1000 + remoteId, !answering.contains(remoteId));
    }

    @Override
    public boolean drop(int remoteId) {
        calls.add("drop " + remoteId);
        answering.remove(remoteId);
        if (!peers.remove(remoteId)) {
            return false;
        }
        raise.accept(new ExchangeInput.Removed(remoteId, "removePeer(" + remoteId + ") called"));
        return true;
    }

    private Optional<Failure> fail(int remoteId, Step step) {
        Failure f = new Failure(GodotError.FAILED, step, "refused by the fake");
        raise.accept(new ExchangeInput.StepFailed(remoteId, step, f.reason()));
        return Optional.of(f);
    }

    /** A well-formed data-channel description; {@code seed} makes it distinct; offer (actpass) or answer (active). */
    static String sdp(int seed, boolean offer) {
        StringBuilder fp = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            fp.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02X", (seed * 31 + i) & 0xFF));
        }
        String ufrag = String.format(Locale.ROOT, "u%07d", seed);
        return "v=0\r\no=- " + (4611731400430051336L + seed) + " 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=group:BUNDLE 0\r\na=msid-semantic: WMS\r\n"
                + "m=application 50000 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 10.77.0.2\r\n"
                + "a=candidate:1 1 udp 2122260223 10.77.0.2 50000 typ host generation 0 network-id 1\r\n"
                + "a=ice-ufrag:" + ufrag + "\r\na=ice-pwd:" + ufrag + "abcdefghijklmnopqrstuv\r\n"
                + "a=ice-options:trickle\r\na=fingerprint:sha-256 " + fp + "\r\n"
                + "a=setup:" + (offer ? "actpass" : "active") + "\r\na=mid:0\r\na=sctp-port:5000\r\n"
                + "a=max-message-size:262144\r\n";
    }

    /** A mesh blob of {@code kind} from {@code from} to {@code to}. */
    static String blob(DescriptionKind kind, int from, int to, int seed) {
        return BlobCodec.encode(
                new Blob(kind, from, to, NetworkMode.MESH, List.of(), sdp(seed, kind == DescriptionKind.OFFER)));
    }
}
