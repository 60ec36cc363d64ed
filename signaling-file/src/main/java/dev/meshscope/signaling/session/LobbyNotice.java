// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import java.util.Objects;

/**
 * Something the signaling layer wants an operator to know: a peer arrived or went stale, a file was moved
 * aside, a message was ignored. Immutable; any thread.
 *
 * @param level  how much it matters
 * @param peerId the remote peer it concerns, or 0
 * @param text   one sentence saying what happened (and, for problems, what to do)
 */
public record LobbyNotice(Level level, int peerId, String text) {

    /** How much a notice matters. */
    public enum Level {
        /** Normal progress (joined, peer arrived). */
        INFO,
        /** Something was ignored or moved aside; the session goes on. */
        WARNING,
        /** The session cannot go on (duplicate id, sealed lobby, unusable folder). */
        ERROR
    }

    /** Requires a level and a text. */
    public LobbyNotice {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }

    /** An INFO notice. */
    public static LobbyNotice info(int peerId, String text) {
        return new LobbyNotice(Level.INFO, peerId, text);
    }

    /** A WARNING notice. */
    public static LobbyNotice warning(int peerId, String text) {
        return new LobbyNotice(Level.WARNING, peerId, text);
    }

    /** An ERROR notice. */
    public static LobbyNotice error(int peerId, String text) {
        return new LobbyNotice(Level.ERROR, peerId, text);
    }

    /** "[WARNING] peer 3: text", for logs. */
    public String describe() {
        return "[" + level + "] " + (peerId != 0 ? "peer " + peerId + ": " : "") + text;
    }
}
