// SPDX-License-Identifier: MIT
package dev.meshscope.session;

/**
 * One operator command and how it went, or a problem the session found by itself, for the event log and the
 * status line. Immutable.
 *
 * @param atMillis wall clock when it happened
 * @param peerId   the remote peer it concerns, or 0
 * @param kind     a short command name ("create", "add peer", "apply paste", "send", ...)
 * @param text     what happened, in words an operator understands
 * @param failed   true when the command failed (the text then says why and what to do)
 */
public record OperatorAction(long atMillis, int peerId, String kind, String text, boolean failed) {
    /** A successful action now. */
    public static OperatorAction ok(int peerId, String kind, String text) {
        return new OperatorAction(System.currentTimeMillis(), peerId, kind, text, false);
    }

    /** A failed action now. */
    public static OperatorAction failed(int peerId, String kind, String text) {
        return new OperatorAction(System.currentTimeMillis(), peerId, kind, text, true);
    }
}
