// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.Failure;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.signaling.blob.Blob;
import dev.meshscope.signaling.blob.BlobCodec;
import dev.meshscope.signaling.blob.DescriptionKind;
import dev.meshscope.signaling.blob.Paste;
import dev.meshscope.signaling.blob.PasteExpectation;
import dev.meshscope.signaling.blob.PasteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Copy/paste signaling, non-trickle: "Add peer" makes a connection, adds it, makes the offer and, once ICE
 * gathering is COMPLETE, the offer blob (every candidate inside); a pasted offer makes the answer blob the
 * same way; a pasted answer completes the offer. Each half-done exchange is a {@link PendingSignal} until its
 * peer connects, fails or is cancelled. Mesh thread only; owned by {@link MeshSession}.
 */
final class ManualSignaling {
    /**
     * How long gathering may take before the exchange is marked failed: host candidates take milliseconds and
     * STUN a second or two; a gathering that never completes (a known libwebrtc case) must not hang forever.
     */
    static final long GATHER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final WebRtcRuntime runtime;
    private final Supplier<WebRtcMultiplayerPeer> peer;
    private final Supplier<dev.meshscope.core.RtcConfiguration> config;
    private final Consumer<OperatorAction> out;
    private final Map<Integer, Entry> pending = new LinkedHashMap<>();

    private static final class Entry {
        final WebRtcPeerConnection connection;
        final long startNanos = System.nanoTime();
        PendingSignal signal;

        Entry(WebRtcPeerConnection connection, PendingSignal signal) {
            this.connection = connection;
            this.signal = signal;
        }
    }

    ManualSignaling(WebRtcRuntime runtime, Supplier<WebRtcMultiplayerPeer> peer,
                    Supplier<dev.meshscope.core.RtcConfiguration> config, Consumer<OperatorAction> out) {
        this.runtime = runtime;
        this.peer = peer;
        this.config = config;
        this.out = out;
    }

    /** Add peer {@code remoteId}: connection, {@code addPeer}, offer; the blob follows when gathering completes. */
    void addPeer(int remoteId) {
        String op = "add peer";
        WebRtcMultiplayerPeer p = peer.get();
        if (p.getConnectionStatus() == ConnectionStatus.DISCONNECTED) {
            out.accept(OperatorAction.failed(remoteId, op, "create a server, client or mesh first."));
            return;
        }
        if (remoteId == p.getUniqueId()) {
            out.accept(OperatorAction.failed(remoteId, op, remoteId + " is this peer's own id: enter the other peer's id."));
            return;
        }
        if (p.hasPeer(remoteId) || pending.containsKey(remoteId)) {
            out.accept(OperatorAction.failed(remoteId, op, "peer " + remoteId + " is already added"
                    + (pending.containsKey(remoteId) ? " (pending below: cancel it to start again)." : "; remove it first.")));
            return;
        }
        WebRtcPeerConnection pc = newConnection(remoteId, op);
        if (pc == null) {
            return;
        }
        GodotError e = pc.createOffer();
        if (e != GodotError.OK) {
            p.removePeer(remoteId);
            out.accept(OperatorAction.failed(remoteId, op, "createOffer failed with " + e + ": " + reason(pc.getLastFailure())));
            return;
        }
        pending.put(remoteId, new Entry(pc, new PendingSignal(remoteId, true, PendingSignal.Stage.GATHERING,
                System.currentTimeMillis(), "")));
        out.accept(OperatorAction.ok(remoteId, op, "added peer " + remoteId + " and made an offer; gathering ICE "
                + "candidates for the offer blob..."));
    }

    private WebRtcPeerConnection newConnection(int remoteId, String op) {
        WebRtcMultiplayerPeer p = peer.get();
        WebRtcPeerConnection pc = new WebRtcPeerConnection(runtime);
        dev.meshscope.core.RtcConfiguration cfg = config.get();
        if (!cfg.equals(dev.meshscope.core.RtcConfiguration.DEFAULT) && pc.initialize(cfg) != GodotError.OK) {
            out.accept(OperatorAction.failed(remoteId, op, "the connection could not be initialized: "
                    + reason(pc.getLastFailure())));
            pc.close();
            return null;
        }
        GodotError e = p.addPeer(pc, remoteId);
        if (e != GodotError.OK) {
            pc.close();
            out.accept(OperatorAction.failed(remoteId, op, "addPeer(" + remoteId + ") failed with " + e + ": "
                    + reason(p.getLastFailure())));
            return null;
        }
        return pc;
    }

    /** What this peer is and expects now, for checking a paste. {@code null} when nothing is created. */
    PasteExpectation expectation(int assumedSender) {
        WebRtcMultiplayerPeer p = peer.get();
        if (p.getConnectionStatus() == ConnectionStatus.DISCONNECTED) {
            return null;
        }
        return SessionState.expectation(p.getUniqueId(), p.getNetworkMode(), p.getChannelModes(), pendingOffers(),
                assumedSender);
    }

    private Set<Integer> pendingOffers() {
        Set<Integer> ids = new HashSet<>();
        for (Entry e : pending.values()) {
            if (e.signal.weOffered() && e.signal.stage() != PendingSignal.Stage.FAILED) {
                ids.add(e.signal.peerId());
            }
        }
        return ids;
    }

    /** Applies a pasted blob (or SDP): an offer is answered, an answer completes our offer. */
    void applyPaste(String text, int assumedSender) {
        String op = "apply paste";
        PasteExpectation x = expectation(assumedSender);
        if (x == null) {
            out.accept(OperatorAction.failed(0, op, "create a server, client or mesh first: a paste is checked "
                    + "against this peer's id and mode."));
            return;
        }
        PasteResult r = BlobCodec.decode(text, x);
        if (!r.ok()) {
            out.accept(OperatorAction.failed(0, op, "refused (" + r.problem() + "): " + r.message()));
            return;
        }
        Paste paste = r.paste();
        for (String w : r.warnings()) {
            out.accept(OperatorAction.ok(paste.from(), op, "note: " + w));
        }
        if (paste.kind() == DescriptionKind.OFFER) {
            answerOffer(paste);
        } else {
            completeOffer(paste);
        }
    }

    private void answerOffer(Paste paste) {
        String op = "apply offer";
        int from = paste.from();
        WebRtcMultiplayerPeer p = peer.get();
        if (p.hasPeer(from)) {
            out.accept(OperatorAction.failed(from, op, "peer " + from + " is already in get_peers(); cancel or remove it "
                    + "before applying a new offer from it."));
            return;
        }
        WebRtcPeerConnection pc = newConnection(from, op);
        if (pc == null) {
            return;
        }
        GodotError e = pc.setRemoteDescription("offer", paste.sdp());
        if (e != GodotError.OK) {
            p.removePeer(from);
            out.accept(OperatorAction.failed(from, op, "setRemoteDescription(offer) failed with " + e + ": "
                    + reason(pc.getLastFailure())));
            return;
        }
        pending.put(from, new Entry(pc, new PendingSignal(from, false, PendingSignal.Stage.GATHERING,
                System.currentTimeMillis(), "")));
        out.accept(OperatorAction.ok(from, op, "applied " + paste.summary() + "; making the answer blob..."));
    }

    private void completeOffer(Paste paste) {
        String op = "apply answer";
        int from = paste.from();
        Entry e = pending.get(from);
        if (e == null || !e.signal.weOffered()) {
            out.accept(OperatorAction.failed(from, op, "the offer to peer " + from + " no longer exists (cancelled, or "
                    + "the peer was closed since): Add peer " + from + " again and give it the new offer."));
            return;
        }
        GodotError r = e.connection.setRemoteDescription("answer", paste.sdp());
        if (r != GodotError.OK) {
            out.accept(OperatorAction.failed(from, op, "setRemoteDescription(answer) failed with " + r + ": "
                    + reason(e.connection.getLastFailure()) + " The offer is still pending."));
            return;
        }
        e.signal = e.signal.with(PendingSignal.Stage.CONNECTING, e.signal.blob());
        out.accept(OperatorAction.ok(from, op, "applied " + paste.summary() + "; connecting..."));
    }

    /** Cancels the exchange with {@code remoteId}: the peer is removed and its connection closed. */
    void cancel(int remoteId) {
        Entry e = pending.remove(remoteId);
        if (e == null) {
            out.accept(OperatorAction.failed(remoteId, "cancel", "nothing is pending with peer " + remoteId + "."));
            return;
        }
        WebRtcMultiplayerPeer p = peer.get();
        if (p.hasPeer(remoteId)) {
            p.removePeer(remoteId);
        } else {
            e.connection.close();
        }
        out.accept(OperatorAction.ok(remoteId, "cancel", "cancelled the exchange with peer " + remoteId
                + " and closed its connection."));
    }

    /** Follows the exchanges from the peer's events: blobs when gathering completes, removal when connected. */
    void onEvent(MeshEvent ev) {
        Entry e = pending.get(ev.peerId());
        if (e == null) {
            return;
        }
        int id = ev.peerId();
        if (ev instanceof MeshEvent.GatheringStateChanged g && g.to() == GatheringState.COMPLETE
                && e.signal.stage() == PendingSignal.Stage.GATHERING) {
            makeBlob(id, e);
        } else if (ev instanceof MeshEvent.PeerConnected) {
            pending.remove(id);
            out.accept(OperatorAction.ok(id, "manual signaling", "peer " + id + " connected: exchange complete."));
        } else if (ev instanceof MeshEvent.PeerRemoved pr) {
            pending.remove(id);
            out.accept(OperatorAction.failed(id, "manual signaling", "peer " + id + " was removed before it "
                    + "connected (" + pr.reason() + "); add it again to retry."));
        } else if (ev instanceof MeshEvent.ConnectionStateChanged c && c.to() == ConnectionState.FAILED) {
            e.signal = e.signal.with(PendingSignal.Stage.FAILED, e.signal.blob());
        } else if (ev instanceof MeshEvent.ErrorRaised err && e.signal.stage() != PendingSignal.Stage.FAILED
                && err.step().endsNegotiation()) {
            // Any offer/answer step (createOffer, createAnswer, setLocal/RemoteDescription, also asynchronous ones)
            // ends this exchange at once, named by its step, instead of waiting for the gathering timeout.
            e.signal = e.signal.with(PendingSignal.Stage.FAILED, e.signal.blob());
            out.accept(OperatorAction.failed(id, "manual signaling", err.operation() + " failed for peer " + id + ": "
                    + err.reason()));
        }
    }

    private void makeBlob(int id, Entry e) {
        WebRtcMultiplayerPeer p = peer.get();
        boolean offer = e.signal.weOffered();
        String op = offer ? "offer blob" : "answer blob";
        try {
            String blob = BlobCodec.encode(new Blob(offer ? DescriptionKind.OFFER : DescriptionKind.ANSWER,
                    p.getUniqueId(), id, p.getNetworkMode(), SessionState.extras(p.getChannelModes()),
                    e.connection.getLocalDescription()));
            e.signal = e.signal.with(offer ? PendingSignal.Stage.AWAITING_ANSWER : PendingSignal.Stage.ANSWER_READY, blob);
            out.accept(OperatorAction.ok(id, op, (offer ? "offer" : "answer") + " blob for peer " + id + " is ready ("
                    + blob.length() + " chars): copy it to peer " + id + (offer ? " and paste its answer here." : ".")));
        } catch (IllegalArgumentException ex) {
            e.signal = e.signal.with(PendingSignal.Stage.FAILED, "");
            out.accept(OperatorAction.failed(id, op, "could not make the blob: " + ex.getMessage()));
        }
    }

    /** Marks exchanges whose gathering never completed as failed. */
    void tick() {
        long now = System.nanoTime();
        for (Map.Entry<Integer, Entry> me : pending.entrySet()) {
            Entry e = me.getValue();
            if (e.signal.stage() == PendingSignal.Stage.GATHERING && now - e.startNanos > GATHER_TIMEOUT_NANOS) {
                e.signal = e.signal.with(PendingSignal.Stage.FAILED, "");
                out.accept(OperatorAction.failed(me.getKey(), "manual signaling", "ICE gathering for peer " + me.getKey()
                        + " did not complete in " + TimeUnit.NANOSECONDS.toSeconds(GATHER_TIMEOUT_NANOS) + " s: check "
                        + "that this machine has a non-loopback network interface and that the ICE servers answer; "
                        + "cancel and try again."));
            }
        }
    }

    /** Forgets every exchange (the peer was closed, which closed their connections). */
    void clear() {
        pending.clear();
    }

    /** The pending exchanges, oldest first. */
    List<PendingSignal> list() {
        List<PendingSignal> l = new ArrayList<>(pending.size());
        for (Entry e : pending.values()) {
            l.add(e.signal);
        }
        return l;
    }

    private static String reason(Failure f) {
        return f == null ? "no reason recorded" : f.reason();
    }
}
