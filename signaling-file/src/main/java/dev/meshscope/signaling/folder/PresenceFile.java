// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.meshscope.signaling.message.SignalJson;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads and validates one presence file without acting on it and without following a link: the caller decides
 * (keep the last good presence, move the file aside later, rewrite its own). Problems are described without quoting
 * the file's content, so nothing a link or a hostile writer put there is ever shown. Pure apart from the read.
 */
final class PresenceFile {
    /**
     * One read.
     *
     * @param presence the valid presence, or {@code null}
     * @param problem  why it is not valid (content-free), or {@code null}
     * @param vanished the file disappeared before it could be read (a clean leave, or another peer moved it)
     */
    record Read(@Nullable Presence presence, @Nullable String problem, boolean vanished) {}

    private PresenceFile() {}

    /** Reads {@code f}, the presence file named for {@code id}. */
    static Read read(Path f, int id) {
        String text;
        try {
            text = FolderLayout.readLimited(f, FolderTransport.MAX_PRESENCE_BYTES);
        } catch (NoSuchFileException e) {
            return new Read(null, null, true);
        } catch (IOException e) {
            return new Read(null, "it could not be read (" + e.getClass().getSimpleName() + ")", false);
        }
        if (text == null) {
            return new Read(
                    null, "larger than " + FolderTransport.MAX_PRESENCE_BYTES + " bytes: not a presence file", false);
        }
        Presence p;
        try {
            p = SignalJson.MAPPER.readValue(text, Presence.class);
        } catch (JsonProcessingException e) {
            return new Read(null, "not a presence file: " + jsonProblem(e), false);
        }
        if (p == null) {
            return new Read(null, "not a presence file: it is empty", false);
        }
        String problem = p.problem(id);
        return problem != null
                ? new Read(null, "not a valid presence file: " + problem, false)
                : new Read(p, null, false);
    }

    /**
     * What is wrong with a file Jackson could not read, by position only: Jackson's own messages quote the offending
     * text (e.g. the first word of /etc/passwd), which must never reach a notice or a {@code .reason} file.
     */
    static String jsonProblem(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return (e instanceof JsonParseException ? "not valid JSON" : "a field is missing or of the wrong type") + where;
    }
}
