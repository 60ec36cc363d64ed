// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.meshscope.signaling.message.ModeNames;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A peer's presence file, {@code peers/<id>.json}, rewritten at every heartbeat. Staleness is judged by
 * {@code beat} changing on the reader's own clock, so machines with skewed clocks still agree; {@code time}
 * (the writer's clock) only decides whether a file found at start-up is a leftover. Immutable; any thread.
 *
 * <p>Read from a file, {@code mode}, {@code channels}, {@code instance} or {@code host} may be missing (Jackson
 * leaves it {@code null}): {@link #problem} refuses such a presence, and only presences it accepts are used.
 *
 * @param id       the peer id (must match the file name)
 * @param mode     "server", "client" or "mesh"
 * @param channels the extra channel configuration as Godot transfer mode ints
 * @param instance a random token of this run of the peer; messages carry it so old ones are recognised
 * @param pid      the writer's process id, to tell an operator which process holds an id
 * @param host     the writer's host name
 * @param beat     the heartbeat counter
 * @param time     the writer's wall clock at this beat, epoch milliseconds
 * @param pidns    the writer's PID namespace ("pid:[4026531836]" on Linux), or {@code null}: two containers may share
 *                 a host name but not their process ids, so a pid is checked only within the same namespace
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "mode", "channels", "instance", "pid", "host", "beat", "time", "pidns"})
record Presence(
        int id,
        String mode,
        List<Integer> channels,
        String instance,
        long pid,
        String host,
        long beat,
        long time,
        @Nullable String pidns) {

    /** A presence whose PID namespace is unknown (its pid is never checked against this host's processes). */
    Presence(
            int id, String mode, List<Integer> channels, String instance, long pid, String host, long beat, long time) {
        this(id, mode, channels, instance, pid, host, beat, time, null);
    }

    /** What an instance token looks like: MeshScope writes 16 hex digits; other writers get some latitude. */
    private static final Pattern INSTANCE = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    /** A host name (or the JVM's "pid@host" fallback) that is safe to show in a notice. */
    private static final Pattern HOST = Pattern.compile("[0-9A-Za-z._@:-]{1,255}");
    /** How Linux names a PID namespace. */
    private static final Pattern PIDNS = Pattern.compile("pid:\\[[0-9]{1,20}\\]");

    /**
     * What is wrong with a presence read from a file named for {@code fileId}, or {@code null}. The answer never
     * quotes the file's content (only validated numbers), so it is safe in a notice or a {@code .reason} file.
     */
    @Nullable
    String problem(int fileId) {
        if (id != fileId) {
            return "the file is named for peer " + fileId + " but says it is peer " + id;
        }
        if (ModeNames.parse(mode) == null) {
            return "its mode is not server, client or mesh";
        }
        if (channels == null || channels.stream().anyMatch(c -> c == null || c < 0 || c > 2)) {
            return "its channel list is not a list of transfer modes 0, 1, 2";
        }
        if (instance == null || !INSTANCE.matcher(instance).matches()) {
            return "it has no valid instance token";
        }
        if (host == null || !HOST.matcher(host).matches()) {
            return "its host is not a host name";
        }
        if (pidns != null && !PIDNS.matcher(pidns).matches()) {
            return "its PID namespace is not one";
        }
        if (pid < 0 || beat < 0) {
            return "its pid or heartbeat counter is negative";
        }
        return null;
    }

    /**
     * Whether this presence was written on {@code ownHost}, in this process's PID namespace {@code ownPidns}, by a
     * process that is no longer running. Unknown namespaces (another OS, an older writer) are never judged.
     */
    boolean deadOn(String ownHost, @Nullable String ownPidns) {
        return ownHost.equals(host)
                && ownPidns != null
                && ownPidns.equals(pidns)
                && pid > 0
                && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** This process's PID namespace as Linux names it, or {@code null} where there is none to read. */
    static @Nullable String ownPidNamespace() {
        try {
            String ns = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid"))
                    .toString();
            return PIDNS.matcher(ns).matches() ? ns : null;
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** The next heartbeat of the same presence. */
    Presence next(long now) {
        return new Presence(id, mode, channels, instance, pid, host, beat + 1, now, pidns);
    }
}
