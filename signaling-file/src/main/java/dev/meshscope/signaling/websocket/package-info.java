// SPDX-License-Identifier: MIT
/** Null-checked by NullAway: nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.meshscope.signaling.websocket;

import org.jspecify.annotations.NullMarked;
