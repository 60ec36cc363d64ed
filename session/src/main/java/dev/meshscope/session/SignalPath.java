// SPDX-License-Identifier: MIT
package dev.meshscope.session;

/** How the session's connections are signaled at the moment. */
public enum SignalPath {
    /** Nothing created and no lobby joined. */
    NONE,
    /** Created by hand (Create): connections are signaled by pasting blobs (the manual exchange). */
    MANUAL,
    /** A shared signaling folder (the folder lobby created the peer). */
    FOLDER,
    /** A WebSocket lobby server speaking the Godot demo protocol (the lobby created the peer). */
    WEBSOCKET
}
