// SPDX-License-Identifier: MIT
/**
 * Plots over time (the window's Plots tab): the session's history drawn with chartfx per peer and channel, with
 * events marked on the time axis, zoom, pan, hover values, pause and CSV export.
 */
@NullMarked
package dev.meshscope.app.gui.plots;

import org.jspecify.annotations.NullMarked;
