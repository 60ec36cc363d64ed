// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on a paste: either a {@link Paste} (with warnings worth showing) or a {@link PasteProblem} with a
 * message that says what is wrong and what to do. Immutable; any thread. Producing it changed nothing.
 *
 * @param paste    the accepted paste, or {@code null} when refused
 * @param warnings things to show even though the paste is accepted (e.g. "no channel configuration to check")
 * @param problem  why it was refused, or {@code null} when accepted
 * @param message  the problem in words with what to do, or the accepted paste's summary
 */
public record PasteResult(
        @Nullable Paste paste,
        List<String> warnings,
        @Nullable PasteProblem problem,
        String message) {

    /** Copies the warnings; exactly one of paste and problem is set. */
    public PasteResult {
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(message, "message");
        if ((paste == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of paste and problem must be set");
        }
    }

    /** An accepted paste. */
    static PasteResult accepted(Paste paste, List<String> warnings) {
        return new PasteResult(paste, warnings, null, paste.summary());
    }

    /** A refused paste. */
    static PasteResult refused(PasteProblem problem, String message) {
        return new PasteResult(null, List.of(), problem, message);
    }

    /** True when the paste was accepted. */
    public boolean ok() {
        return problem == null;
    }
}
