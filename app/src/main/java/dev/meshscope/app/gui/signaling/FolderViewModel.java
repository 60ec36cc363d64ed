// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import dev.meshscope.app.gui.create.CreateViewModel;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.SessionCommands;
import dev.meshscope.session.SessionState;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Shared-folder signaling: the folder path, Join (with the mode, id and extra channels of the Create form) and
 * Leave, and the lobby status. FX thread; plain Java.
 */
public final class FolderViewModel {
    private final SessionCommands commands;
    private final CreateViewModel create;
    private final StringProperty dir = new SimpleStringProperty(this, "dir", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "not in a folder");
    private final ReadOnlyBooleanWrapper joined = new ReadOnlyBooleanWrapper(this, "joined", false);

    /** A panel that joins with {@code create}'s form values through {@code commands}. */
    public FolderViewModel(SessionCommands commands, CreateViewModel create) {
        this.commands = Objects.requireNonNull(commands);
        this.create = Objects.requireNonNull(create);
        // A refusal stays only while its reason does: re-judged when the folder, the peer or the Create form changes.
        dir.addListener((o, a, b) -> recheck());
        create.createdProperty().addListener((o, a, b) -> recheck());
        create.idProblemProperty().addListener((o, a, b) -> recheck());
        create.iceProblemProperty().addListener((o, a, b) -> recheck());
        create.relayProblemProperty().addListener((o, a, b) -> recheck());
    }

    /** Joins the folder; false (with the reason in {@link #problemProperty()}) when the form is not ready. */
    public boolean join() {
        CreateRequest r = create.formRequest();
        String why = refusal(r);
        problem.set(why);
        if (!why.isEmpty()) {
            return false;
        }
        commands.joinFolder(Path.of(dir.get().trim()), r);
        return true;
    }

    /** Why Join cannot go ahead with {@code form} (the Create form's request, or null), or "". */
    private String refusal(CreateRequest form) {
        String t = dir.get() == null ? "" : dir.get().trim();
        if (t.isEmpty()) {
            return "Type or choose the shared folder every peer uses (local disk, NFS or SMB).";
        }
        try {
            Path unused = Path.of(t); // Only to see whether the text is a path at all.
        } catch (InvalidPathException e) {
            return "\"" + t + "\" is not a usable path: " + e.getReason() + ".";
        }
        if (create.createdProperty().get()) {
            return "The peer is already created: press Close first (joining creates it with the folder's lobby).";
        }
        if (form == null) {
            return "Fix the Create form first (mode and id are used to join): "
                    + create.idProblemProperty().get()
                    + create.iceProblemProperty().get()
                    + create.relayProblemProperty().get();
        }
        return "";
    }

    /** Clears or updates a shown refusal once its condition changed; shows nothing new before Join is pressed. */
    private void recheck() {
        if (!problem.get().isEmpty()) {
            problem.set(refusal(create.peekRequest()));
        }
    }

    /** Leaves the folder (before the seal, the other peers then drop this one). */
    public void leave() {
        commands.leaveFolder();
    }

    /** Applies the newest state. */
    public void onState(SessionState s) {
        joined.set(!s.folder().isEmpty());
        status.set(s.folder().isEmpty() ? "not in a folder" : s.folder());
    }

    /** The folder path. */
    public StringProperty dirProperty() {
        return dir;
    }

    /** Why Join was refused, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The lobby status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while in a folder. */
    public ReadOnlyBooleanProperty joinedProperty() {
        return joined.getReadOnlyProperty();
    }
}
