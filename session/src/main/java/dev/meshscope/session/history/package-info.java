// SPDX-License-Identifier: MIT
/**
 * Bounded history of a session for plots: per peer and per channel time series sampled once a second from the
 * session's states, in primitive ring buffers, and the events to mark on the same time axis. No JavaFX.
 */
@NullMarked
package dev.meshscope.session.history;

import org.jspecify.annotations.NullMarked;
