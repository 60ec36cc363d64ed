// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.io.PrintStream;

/**
 * Human-readable status lines on stderr ("meshscope agent 3: ..."), so stdout stays machine-readable (one
 * description per line in manual mode). Thread-safe: PrintStream lines do not interleave, and the prefix is
 * volatile.
 */
final class Status {
    private final PrintStream err;
    private volatile String prefix;

    /** Lines prefixed with {@code id}, or with no id while a WebSocket lobby has not assigned one (0). */
    Status(PrintStream err, int id) {
        this.err = err;
        setId(id);
    }

    /** The id to name from now on (a WebSocket lobby assigns it after the start). Any thread. */
    void setId(int id) {
        this.prefix = id > 0 ? "meshscope agent " + id + ": " : "meshscope agent: ";
    }

    /** Prints one status line. */
    void say(String line) {
        err.println(prefix + line);
        err.flush();
    }
}
