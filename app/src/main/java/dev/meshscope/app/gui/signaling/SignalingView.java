// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import atlantafx.base.theme.Styles;
import dev.meshscope.app.gui.Forms;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.session.PendingSignal;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Manual signaling: {@code remotePeerIdField}, {@code addPeerButton}, {@code remotePeerIdError}, the local blob
 * ({@code localBlobCaption}, {@code gatheringIndicator}, {@code localBlobArea}, {@code blobQrCode},
 * {@code copyBlobButton}), the paste box ({@code pasteArea}, {@code pasteError}, {@code pasteSummary},
 * {@code applyPasteButton}) and the pending exchanges ({@code pendingList}, one {@code cancelPending-<id>}
 * button each). FX thread.
 */
public final class SignalingView extends VBox {
    /** Shown QR size in pixels: readable by a phone camera off a laptop screen. */
    private static final double QR_SIZE = 132;

    /** A panel for {@code vm}. */
    public SignalingView(SignalingViewModel vm) {
        TextField remote = new TextField();
        remote.setId("remotePeerIdField");
        remote.setPromptText("remote peer id");
        remote.textProperty().bindBidirectional(vm.remoteIdProperty());
        vm.remoteIdProblemProperty()
                .addListener((o, a, b) -> remote.pseudoClassStateChanged(Styles.STATE_DANGER, !b.isEmpty()));
        HBox.setHgrow(remote, Priority.ALWAYS);
        Button add = Icons.button("Add peer", Icons.ADD);
        add.setId("addPeerButton");
        add.setOnAction(e -> vm.addPeer());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("gatheringIndicator");
        progress.setPrefSize(16, 16);
        progress.setMaxSize(16, 16);
        progress.visibleProperty().bind(vm.gatheringProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label caption = new Label();
        caption.setId("localBlobCaption");
        caption.setWrapText(true);
        caption.getStyleClass().add("hint");
        caption.textProperty().bind(vm.localBlobCaptionProperty());

        TextArea blob = new TextArea();
        blob.setId("localBlobArea");
        blob.setEditable(false);
        blob.setWrapText(true);
        blob.setPrefRowCount(6);
        blob.getStyleClass().add("mono");
        blob.setPromptText("the blob to send appears here");
        blob.textProperty().bind(vm.localBlobProperty());
        HBox.setHgrow(blob, Priority.ALWAYS);
        ImageView qr = new ImageView();
        qr.setId("blobQrCode");
        qr.setFitWidth(QR_SIZE);
        qr.setFitHeight(QR_SIZE);
        qr.setSmooth(false);
        qr.setPreserveRatio(true);
        StackPane qrFrame = new StackPane(qr);
        qrFrame.getStyleClass().add("qr-frame");
        qrFrame.setMaxSize(QR_SIZE + 8, QR_SIZE + 8);
        qrFrame.visibleProperty().bind(qr.imageProperty().isNotNull());
        qrFrame.managedProperty().bind(qrFrame.visibleProperty());
        vm.localBlobProperty().addListener((o, a, b) -> qr.setImage(QrCodes.render(b, 2)));
        Button copy = Icons.button("Copy blob", Icons.COPY);
        copy.setId("copyBlobButton");
        copy.disableProperty().bind(vm.localBlobProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.localBlobProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });

        TextArea paste = new TextArea();
        paste.setId("pasteArea");
        paste.setWrapText(true);
        paste.setPrefRowCount(3);
        paste.getStyleClass().add("mono");
        paste.setPromptText("paste the other peer's blob (MSB1:...), an SDP, or a browser {\"type\",\"sdp\"} here");
        paste.textProperty().bindBidirectional(vm.pasteProperty());
        vm.pasteProblemProperty()
                .addListener((o, a, b) -> paste.pseudoClassStateChanged(Styles.STATE_DANGER, !b.isEmpty()));
        Label ok = new Label();
        ok.setId("pasteSummary");
        ok.getStyleClass().add("blob-ready");
        ok.setWrapText(true);
        ok.textProperty().bind(vm.pasteSummaryProperty());
        ok.visibleProperty().bind(ok.textProperty().isNotEmpty());
        ok.setMinHeight(Region.USE_PREF_SIZE);
        // The refusal and the summary share one slot below Apply (never both at once), reserved while empty.
        Label pasteError = Forms.errorLine("pasteError", vm.pasteProblemProperty());
        StackPane pasteVerdict = new StackPane(pasteError, ok);
        pasteVerdict.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        Button apply = Icons.button("Apply", Icons.APPLY);
        apply.setId("applyPasteButton");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.setOnAction(e -> vm.applyPaste());

        ListView<PendingSignal> pending = new ListView<>(vm.pending());
        pending.setId("pendingList");
        pending.setPrefHeight(74);
        pending.setPlaceholder(new Label("no half-signaled connections"));
        pending.setCellFactory(lv -> new PendingCell(vm));
        pending.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.shownPeerProperty().set(b.peerId());
            }
        });

        getChildren()
                .add(Forms.card(
                        "Manual signaling",
                        Icons.icon(Icons.LINK),
                        Forms.row(new Label("Remote peer"), remote, add),
                        Forms.errorLine("remotePeerIdError", vm.remoteIdProblemProperty()),
                        Forms.row(progress, caption),
                        new HBox(6, blob, qrFrame),
                        Forms.row(copy),
                        paste,
                        Forms.row(apply),
                        pasteVerdict,
                        new Label("Pending"),
                        pending));
    }

    /** A pending exchange: what it waits for, and a Cancel button. */
    private static final class PendingCell extends ListCell<PendingSignal> {
        private final SignalingViewModel vm;

        PendingCell(SignalingViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(PendingSignal p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label text = new Label("peer " + p.peerId() + " · " + (p.weOffered() ? "we offered" : "we answer") + " · "
                    + p.stage().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            if (p.stage() == PendingSignal.Stage.FAILED) {
                text.getStyleClass().add("field-error");
            }
            Button cancel = Icons.button("", Icons.CANCEL);
            cancel.setId("cancelPending-" + p.peerId());
            cancel.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            cancel.setOnAction(e -> vm.cancel(p.peerId()));
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox row = new HBox(6, text, grow, cancel);
            row.setStyle("-fx-alignment: center-left;");
            setText(null);
            setGraphic(row);
        }
    }
}
