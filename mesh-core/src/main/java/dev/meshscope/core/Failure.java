// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.util.Objects;

/**
 * Why a call did not return {@link GodotError#OK}: the code Godot would return, the operation, and a
 * sentence that says what was wrong and, where there is one, what to do about it.
 *
 * @param code   the Godot error code returned by the call
 * @param step   the step that failed
 * @param reason a sentence for the event log and the status line
 */
public record Failure(GodotError code, Step step, String reason) {
    /** Checks that every part is present. */
    public Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
    }

    /** The step's API name, e.g. {@code "addPeer"}. */
    public String operation() {
        return step.apiName();
    }

    @Override
    public String toString() {
        return step.apiName() + ": " + code + " (" + code.code() + "): " + reason;
    }
}
