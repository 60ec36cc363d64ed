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
        dir.addListener((o, a, b) -> problem.set(""));
    }

    /** Joins the folder; false (with the reason in {@link #problemProperty()}) when the form is not ready. */
    public boolean join() {
        String t = dir.get() == null ? "" : dir.get().trim();
        if (t.isEmpty()) {
            problem.set("Type or choose the shared folder every peer uses (local disk, NFS or SMB).");
            return false;
        }
        Path p;
        try {
            p = Path.of(t);
        } catch (InvalidPathException e) {
            problem.set("\"" + t + "\" is not a usable path: " + e.getReason() + ".");
            return false;
        }
        if (create.createdProperty().get()) {
            problem.set("The peer is already created: press Close first (joining creates it with the folder's lobby).");
            return false;
        }
        CreateRequest r = create.formRequest();
        if (r == null) {
            problem.set("Fix the Create form first (mode and id are used to join): " + create.idProblemProperty().get()
                    + create.iceProblemProperty().get());
            return false;
        }
        problem.set("");
        commands.joinFolder(p, r);
        return true;
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
