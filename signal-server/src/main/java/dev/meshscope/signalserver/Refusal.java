// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

/**
 * A client message the server refuses: the sender is closed with 4000 and {@link #reason()} (a {@link CloseReasons}
 * string, the Node server's words), and the log gets {@link #detail()}, which says what exactly was wrong. Made and
 * caught on the thread that judges the message.
 */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    Refusal(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** The close reason sent to the peer. */
    String reason() {
        return reason;
    }

    /** What was wrong, for the log. */
    String detail() {
        return String.valueOf(getMessage());
    }
}
