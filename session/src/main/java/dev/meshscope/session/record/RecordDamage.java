// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

/**
 * Where and how a record is damaged. Immutable.
 *
 * @param line      the 1-based line where reading stopped (every line before it was read)
 * @param truncated true when the file simply ends early (still being written, a crash, a cut copy); false when its
 *                  bytes are corrupt (bad compressed data, a line that is not a record item)
 * @param message   what is wrong, where, and what was kept, in words
 */
public record RecordDamage(long line, boolean truncated, String message) {}
