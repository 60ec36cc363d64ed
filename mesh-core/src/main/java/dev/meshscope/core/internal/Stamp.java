// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

/**
 * When something was observed: monotonic nanos for measuring, wall millis for showing. Immutable.
 *
 * @param nanos  {@link System#nanoTime()}
 * @param millis {@link System#currentTimeMillis()}
 */
public record Stamp(long nanos, long millis) {
    /** Now. */
    public static Stamp now() {
        return new Stamp(System.nanoTime(), System.currentTimeMillis());
    }
}
