// SPDX-License-Identifier: MIT
package dev.meshscope.session;

/**
 * Progress of the current test-packet burst. Immutable.
 *
 * @param active   a burst is being sent
 * @param sent     packets handed to the channels so far in this burst
 * @param planned  packets the burst sends in all (count x peers x channels when it started)
 * @param refused  packets a channel refused (not open, too large, send queue full)
 * @param waiting  packets held back because a send buffer was above the back-pressure threshold
 */
public record TrafficStatus(boolean active, long sent, long planned, long refused, long waiting) {
    /** Nothing sent yet. */
    public static final TrafficStatus IDLE = new TrafficStatus(false, 0, 0, 0, 0);
}
