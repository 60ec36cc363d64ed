// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Whether a path can serve as a signaling folder, checked before a peer starts so that a typo or a read-only
 * share is a clear start-up error instead of a peer that waits for nobody. A missing folder is created only when
 * asked: a mistyped path must not silently become a lobby of one.
 */
public final class FolderCheck {
    private FolderCheck() {}

    /**
     * Why {@code dir} cannot be used, in one sentence with what to do, or {@code null} when it can. With
     * {@code create} a missing folder (and its parents) is created first.
     */
    public static @Nullable String problem(Path dir, boolean create) {
        Path d = dir.toAbsolutePath().normalize();
        if (Files.exists(d) && !Files.isDirectory(d)) {
            return d + " is a file, not a folder: give the path of the shared folder every peer uses.";
        }
        if (!Files.exists(d)) {
            if (!create) {
                return d + " does not exist: create it (the agent: add --create), or check the path, and give every "
                        + "peer the same folder.";
            }
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                return "cannot create " + d + " (" + reason(e) + "): create it by hand or use another folder.";
            }
        }
        Path probe = d.resolve(
                FolderLayout.TEMP_PREFIX + "check-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.delete(probe);
        } catch (IOException e) {
            return d + " is not writable (" + reason(e) + "): every peer writes its presence and its messages there. "
                    + "Fix its permissions, or use another folder.";
        }
        return null;
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException f && f.getReason() != null
                ? f.getReason()
                : e.getClass().getSimpleName();
    }
}
