// SPDX-License-Identifier: MIT
/** Godot-shaped test packets typed by the operator: Variant literals and the "Godot RPC" payload. Pure Java. */
@NullMarked
package dev.meshscope.app.gui.godot;

import org.jspecify.annotations.NullMarked;
