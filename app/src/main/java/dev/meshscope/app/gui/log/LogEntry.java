// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.log;

/**
 * One line of the event log. Immutable.
 *
 * @param atMillis wall clock
 * @param peerId   the remote peer it concerns, or 0
 * @param kind     the event's record name ("PeerConnected", "ErrorRaised", ...) or "Action" for operator commands
 * @param text     the one-line description
 * @param failed   shown highlighted: an error, a drop, a failed state or a failed command
 * @param detail   the original event or action record, exported with the line
 */
public record LogEntry(long atMillis, int peerId, String kind, String text, boolean failed, Object detail) {}
