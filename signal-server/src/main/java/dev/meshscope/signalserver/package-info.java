// SPDX-License-Identifier: MIT
/**
 * A WebSocket lobby server for Godot's demo signaling protocol (godot-demo-projects networking/webrtc_signaling),
 * behaving as the demo's Node server does, with the differences {@link dev.meshscope.signalserver.LobbyServer}
 * lists. Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.meshscope.signalserver;

import org.jspecify.annotations.NullMarked;
