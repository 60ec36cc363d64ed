// SPDX-License-Identifier: MIT
/**
 * The read-only replay of a session record: the Record menu's actions (open, export for sharing, merge), the replay
 * window's model (a time slider driving the window's own views from {@code RecordReplay.at(t)}) and its views. FX
 * thread.
 */
@NullMarked
package dev.meshscope.app.gui.replay;

import org.jspecify.annotations.NullMarked;
