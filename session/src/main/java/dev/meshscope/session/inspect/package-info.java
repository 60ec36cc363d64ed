// SPDX-License-Identifier: MIT
/**
 * The packet inspector and the network profiler behind the window: a bounded tap of every packet the session reads
 * and sends, decoded as Godot SceneMultiplayer traffic, and the per-node, per-synchronizer and per-peer aggregates.
 */
@NullMarked
package dev.meshscope.session.inspect;

import org.jspecify.annotations.NullMarked;
