// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.io.PrintStream;

/**
 * Human-readable status lines on stderr ("meshscope agent 3: ..."), so stdout stays machine-readable (one
 * description per line in manual mode). Thread-safe: PrintStream lines do not interleave.
 */
final class Status {
    private final PrintStream err;
    private final String prefix;

    Status(PrintStream err, int id) {
        this.err = err;
        this.prefix = "meshscope agent " + id + ": ";
    }

    /** Prints one status line. */
    void say(String line) {
        err.println(prefix + line);
        err.flush();
    }
}
