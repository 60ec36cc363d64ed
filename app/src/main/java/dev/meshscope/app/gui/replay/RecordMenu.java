// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.replay;

import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.record.RecordSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The live window's Record menu ({@code recordMenu}): {@code openRecordMenuItem} (Open record…, a replay window),
 * {@code exportRecordMenuItem} (Export record for sharing…, anonymized unless {@code exportVerbatimCheck} is ticked)
 * and {@code mergeRecordsMenuItem} (Merge records…, the offsets in a {@link MergeWindow}). The file dialogs are
 * here; what they lead to is {@link RecordActions}. Outcomes go to the event log (kind {@code record}). FX thread.
 */
public final class RecordMenu {
    private static final FileChooser.ExtensionFilter RECORDS =
            new FileChooser.ExtensionFilter("MeshScope session records", "*.msrec.jsonl.gz");
    private static final FileChooser.ExtensionFilter ANY = new FileChooser.ExtensionFilter("Any file", "*");

    private final Supplier<@Nullable Window> owner;
    private final Consumer<OperatorAction> log;

    private RecordMenu(Supplier<@Nullable Window> owner, Consumer<OperatorAction> log) {
        this.owner = owner;
        this.log = log;
    }

    /**
     * The menu.
     *
     * @param owner the live window (for the dialogs), when it is shown
     * @param log   where outcomes and refusals go (the event log)
     */
    public static Menu create(Supplier<@Nullable Window> owner, Consumer<OperatorAction> log) {
        RecordMenu m = new RecordMenu(owner, log);
        MenuItem open = new MenuItem("Open record…");
        open.setId("openRecordMenuItem");
        open.setOnAction(e -> m.open());
        MenuItem export = new MenuItem("Export record for sharing…");
        export.setId("exportRecordMenuItem");
        export.setOnAction(e -> m.export());
        MenuItem merge = new MenuItem("Merge records…");
        merge.setId("mergeRecordsMenuItem");
        merge.setOnAction(e -> m.merge());
        Menu menu = new Menu("Record", null, open, export, merge);
        menu.setId("recordMenu");
        return menu;
    }

    private FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(RECORDS, ANY);
        Path dir = RecordSettings.fromSystem().directory();
        if (dir != null && Files.isDirectory(dir)) {
            c.setInitialDirectory(dir.toFile());
        }
        return c;
    }

    private void open() {
        File f = chooser("Open a session record (read-only replay)").showOpenDialog(owner.get());
        if (f != null) {
            openFile(f.toPath(), log, owner.get());
        }
    }

    /**
     * Opens {@code file} in a replay window, or says in the log why not; a damaged record opens with its banner and
     * a log line saying where it stops. Returns the window, or {@code null} when refused.
     */
    public static @Nullable ReplayWindow openFile(Path file, Consumer<OperatorAction> log, @Nullable Window owner) {
        RecordActions.Opened o = RecordActions.open(file);
        ReplayViewModel vm = o.replay();
        if (vm == null) {
            log.accept(OperatorAction.failed(0, "record", o.message()));
            return null;
        }
        log.accept(
                o.message().isEmpty()
                        ? OperatorAction.ok(0, "record", "replaying " + file)
                        : OperatorAction.failed(0, "record", "replaying what was read: " + o.message()));
        return ReplayWindow.open(vm, owner);
    }

    private void export() {
        File in = chooser("Export which record?").showOpenDialog(owner.get());
        if (in == null) {
            return;
        }
        CheckBox verbatim = new CheckBox("Verbatim: keep addresses, ICE credentials, fingerprints and host names");
        verbatim.setId("exportVerbatimCheck");
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner.get());
        d.setTitle("Export record for sharing");
        d.getDialogPane()
                .setContent(new VBox(
                        8,
                        new Label("Anonymized by default: every address, port, ICE ufrag/pwd, DTLS fingerprint and host"
                                + " name is replaced consistently (docs/records.md)."),
                        verbatim));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (d.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return;
        }
        FileChooser save = chooser("Save the exported record as");
        String name = in.getName().replace(".msrec.jsonl.gz", "");
        save.setInitialFileName(name + (verbatim.isSelected() ? "-copy" : "-shared") + ".msrec.jsonl.gz");
        File out = save.showSaveDialog(owner.get());
        if (out == null) {
            return;
        }
        RecordActions.Exported r = RecordActions.export(in.toPath(), out.toPath(), verbatim.isSelected());
        log.accept(
                r.ok() ? OperatorAction.ok(0, "record", r.message()) : OperatorAction.failed(0, "record", r.message()));
    }

    private void merge() {
        List<File> files = chooser("Merge records (choose one per peer)").showOpenMultipleDialog(owner.get());
        if (files == null || files.isEmpty()) {
            return;
        }
        RecordActions.Merged m =
                RecordActions.merge(files.stream().map(File::toPath).toList());
        if (!m.message().isEmpty()) {
            log.accept(OperatorAction.failed(0, "record", m.message()));
        }
        MergeWindow.show(m, owner.get());
    }
}
