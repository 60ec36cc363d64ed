// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

/**
 * One full-mesh round.
 *
 * @param connectNanos from the first createOffer until every peer reported every other connected
 * @param rssBeforeKib resident memory before the connections were made (VmRSS, KiB), or -1 where unknown
 * @param rssAfterKib  resident memory once connected, or -1
 * @param fdsBefore    open file descriptors before, or -1
 * @param fdsAfter     open file descriptors once connected, or -1
 * @param ownerWakeups wake-ups of the peers' owner threads from the first offer until all connected, summed
 *                     over the peers, or -1 for a stack without owner threads (the raw baseline)
 */
public record MeshRound(
        long connectNanos, long rssBeforeKib, long rssAfterKib, int fdsBefore, int fdsAfter, long ownerWakeups) {
    /** Resident memory growth in MiB, or NaN where unknown. */
    public double rssGrowthMib() {
        return rssBeforeKib < 0 || rssAfterKib < 0 ? Double.NaN : (rssAfterKib - rssBeforeKib) / 1024.0;
    }

    /** Descriptors opened, or NaN where unknown. */
    public double fdGrowth() {
        return fdsBefore < 0 || fdsAfter < 0 ? Double.NaN : fdsAfter - fdsBefore;
    }
}
