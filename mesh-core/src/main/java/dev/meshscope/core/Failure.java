// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.util.Objects;

/**
 * Why a call did not return {@link GodotError#OK}: the code Godot would return, the operation, and a
 * sentence that says what was wrong and, where there is one, what to do about it.
 *
 * @param code      the Godot error code returned by the call
 * @param operation the API operation, e.g. {@code "addPeer"}
 * @param reason    a sentence for the event log and the status line
 */
public record Failure(GodotError code, String operation, String reason) {
    /** Checks that every part is present. */
    public Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return operation + ": " + code + " (" + code.code() + "): " + reason;
    }
}
