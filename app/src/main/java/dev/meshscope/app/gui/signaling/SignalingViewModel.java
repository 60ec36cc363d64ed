// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.session.PendingSignal;
import dev.meshscope.session.SessionCommands;
import dev.meshscope.session.SessionState;
import dev.meshscope.signaling.blob.PasteResult;
import dev.meshscope.signaling.session.PasteJudge;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Manual (copy/paste) signaling: the remote id for Add peer, the local blob to hand over (with its progress
 * while candidates are gathered), the paste box checked on every edit with signaling-file's specific message,
 * and the pending exchanges. FX thread; plain Java. Checking a paste changes nothing; applying it is a
 * command to the mesh thread, which checks it again against the live peer.
 */
public final class SignalingViewModel {
    private final SessionCommands commands;
    private final StringProperty remoteId = new SimpleStringProperty(this, "remoteId", "");
    private final ReadOnlyStringWrapper remoteIdProblem = new ReadOnlyStringWrapper(this, "remoteIdProblem", "");
    private final IntegerProperty shownPeer = new SimpleIntegerProperty(this, "shownPeer", 0);
    private final ReadOnlyStringWrapper localBlob = new ReadOnlyStringWrapper(this, "localBlob", "");
    /** The blob caption while no exchange is shown. */
    static final String NO_BLOB_CAPTION =
            "Add a peer to make an offer blob, or paste an offer below to make the answer " + "blob.";

    private final ReadOnlyStringWrapper localBlobCaption =
            new ReadOnlyStringWrapper(this, "localBlobCaption", NO_BLOB_CAPTION);
    private final ReadOnlyBooleanWrapper gathering = new ReadOnlyBooleanWrapper(this, "gathering", false);
    private final StringProperty paste = new SimpleStringProperty(this, "paste", "");
    private final ReadOnlyStringWrapper pasteProblem = new ReadOnlyStringWrapper(this, "pasteProblem", "");
    private final ReadOnlyStringWrapper pasteSummary = new ReadOnlyStringWrapper(this, "pasteSummary", "");
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply", false);
    private final ObservableList<PendingSignal> pending = FXCollections.observableArrayList();
    private SessionState state = SessionState.initial();

    /** A panel sending through {@code commands}. */
    public SignalingViewModel(SessionCommands commands) {
        this.commands = Objects.requireNonNull(commands);
        remoteId.addListener((o, a, b) -> {
            validateRemoteId();
            checkPaste();
        });
        paste.addListener((o, a, b) -> checkPaste());
        shownPeer.addListener((o, a, b) -> showBlob());
        validateRemoteId();
        checkPaste();
    }

    private Integer remoteIdValue() {
        try {
            long v = Long.parseLong(remoteId.get().trim());
            return v >= 1 && v <= Integer.MAX_VALUE ? (int) v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void validateRemoteId() {
        String t = remoteId.get().trim();
        Integer v = remoteIdValue();
        NetworkMode mode = state.mesh().mode();
        String p = "";
        if (t.isEmpty()) {
            p = "";
        } else if (v == null) {
            p = "\"" + t + "\" is not a peer id: a whole number between 1 and 2147483647.";
        } else if (mode == NetworkMode.CLIENT && v != 1) {
            p = "A client connects only to the server, peer 1.";
        } else if (mode == NetworkMode.SERVER && v == 1) {
            p = "1 is this server's own id: enter a client's id.";
        } else if (state.mesh().uniqueId() == v && mode != NetworkMode.NONE) {
            p = v + " is this peer's own id: enter the other peer's id.";
        }
        remoteIdProblem.set(p);
    }

    /** Add peer: the connection, {@code add_peer} and the offer; false (nothing sent) when the id is not valid. */
    public boolean addPeer() {
        validateRemoteId();
        Integer v = remoteIdValue();
        if (v == null || !remoteIdProblem.get().isEmpty()) {
            if (remoteIdProblem.get().isEmpty()) {
                remoteIdProblem.set("Enter the remote peer's id first.");
            }
            return false;
        }
        shownPeer.set(v);
        commands.addManualPeer(v);
        return true;
    }

    private void checkPaste() {
        String text = paste.get();
        if (text == null || text.isBlank()) {
            pasteProblem.set("");
            pasteSummary.set("");
            canApply.set(false);
            return;
        }
        Integer assumed = remoteIdValue();
        PasteJudge.Verdict v = state.judgePaste(text, assumed == null ? 0 : assumed);
        if (v == null) {
            pasteProblem.set(
                    "Create a server, client or mesh first: a paste is checked against this peer's id and mode.");
            pasteSummary.set("");
            canApply.set(false);
            return;
        }
        // The manual exchange's own verdict (checker and exchange rules), so the box says what applying would.
        if (v instanceof PasteJudge.Verdict.Accepted ok) {
            PasteResult r = ok.result();
            pasteProblem.set("");
            pasteSummary.set(
                    "✓ " + r.message() + (r.warnings().isEmpty() ? "" : "\n" + String.join("\n", r.warnings())));
            canApply.set(true);
        } else {
            pasteProblem.set(((PasteJudge.Verdict.Refused) v).text());
            pasteSummary.set("");
            canApply.set(false);
        }
    }

    /** Applies the paste (when it checks out), clears the box, and shows the answer blob it leads to. */
    public boolean applyPaste() {
        checkPaste();
        if (!canApply.get()) {
            return false;
        }
        Integer assumed = remoteIdValue();
        PasteJudge.Verdict v = state.judgePaste(paste.get(), assumed == null ? 0 : assumed);
        commands.applyPaste(paste.get(), assumed == null ? 0 : assumed);
        shownPeer.set(((PasteJudge.Verdict.Accepted) v).result().paste().from());
        paste.set("");
        return true;
    }

    /** Cancels the exchange with {@code peerId}. */
    public void cancel(int peerId) {
        commands.cancelPending(peerId);
    }

    /** Applies the newest state: pending list, the shown blob, and re-checks the paste against the new state. */
    public void onState(SessionState s) {
        boolean identityChanged = s.mesh().uniqueId() != state.mesh().uniqueId()
                || s.mesh().mode() != state.mesh().mode()
                || !s.mesh().channelModes().equals(state.mesh().channelModes())
                || !s.pending().equals(state.pending())
                || !s.exchange().equals(state.exchange());
        boolean closed = s.mesh().status() == ConnectionStatus.DISCONNECTED
                && state.mesh().status() != ConnectionStatus.DISCONNECTED;
        state = s;
        if (closed) {
            // Every exchange died with the multiplayer peer: its blob (and QR code) must not be handed out any more.
            shownPeer.set(0);
            localBlob.set("");
            localBlobCaption.set(NO_BLOB_CAPTION);
            gathering.set(false);
        }
        if (!s.pending().equals(pending)) {
            pending.setAll(s.pending());
        }
        if (identityChanged) {
            validateRemoteId();
            checkPaste();
            showBlob();
        }
    }

    private void showBlob() {
        int id = shownPeer.get();
        PendingSignal p = find(state.pending(), id);
        if (p == null) {
            gathering.set(false);
            if (id != 0 && !localBlob.get().isEmpty()) {
                localBlobCaption.set(
                        "The exchange with peer " + id + " is over (see the log); this was its last blob.");
            }
            return;
        }
        gathering.set(p.stage() == PendingSignal.Stage.GATHERING);
        localBlob.set(p.blob());
        localBlobCaption.set(caption(p));
    }

    private static String caption(PendingSignal p) {
        switch (p.stage()) {
            case GATHERING:
                return "Gathering ICE candidates for peer " + p.peerId() + " (the blob carries them all)...";
            case AWAITING_ANSWER:
                return "Offer for peer " + p.peerId() + ": copy it to that peer, then paste its answer below.";
            case ANSWER_READY:
                return "Answer for peer " + p.peerId() + ": copy it back to that peer; it connects when applied there.";
            case CONNECTING:
                return "Answer from peer " + p.peerId() + " applied: connecting...";
            default:
                return "The exchange with peer " + p.peerId() + " failed (see the log): cancel it and start again.";
        }
    }

    private static PendingSignal find(List<PendingSignal> l, int id) {
        for (PendingSignal p : l) {
            if (p.peerId() == id) {
                return p;
            }
        }
        return null;
    }

    /** The remote peer id for Add peer (also the sender assumed for a raw SDP paste). */
    public StringProperty remoteIdProperty() {
        return remoteId;
    }

    /** Why the remote id cannot be used, or "". */
    public ReadOnlyStringProperty remoteIdProblemProperty() {
        return remoteIdProblem.getReadOnlyProperty();
    }

    /** Which pending exchange's blob is shown. */
    public IntegerProperty shownPeerProperty() {
        return shownPeer;
    }

    /** The blob to hand to the remote peer, or "". */
    public ReadOnlyStringProperty localBlobProperty() {
        return localBlob.getReadOnlyProperty();
    }

    /** What the shown blob is and what to do with it. */
    public ReadOnlyStringProperty localBlobCaptionProperty() {
        return localBlobCaption.getReadOnlyProperty();
    }

    /** True while the shown exchange gathers candidates. */
    public ReadOnlyBooleanProperty gatheringProperty() {
        return gathering.getReadOnlyProperty();
    }

    /** The paste box. */
    public StringProperty pasteProperty() {
        return paste;
    }

    /** Why the paste is refused (signaling-file's message), or "". */
    public ReadOnlyStringProperty pasteProblemProperty() {
        return pasteProblem.getReadOnlyProperty();
    }

    /** What an accepted paste is, or "". */
    public ReadOnlyStringProperty pasteSummaryProperty() {
        return pasteSummary.getReadOnlyProperty();
    }

    /** True when the paste checks out. */
    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    /** The half-signaled exchanges. */
    public ObservableList<PendingSignal> pending() {
        return pending;
    }
}
