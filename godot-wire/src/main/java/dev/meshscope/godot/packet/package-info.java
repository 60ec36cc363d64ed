// SPDX-License-Identifier: MIT
/** Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.meshscope.godot.packet;

import org.jspecify.annotations.NullMarked;
