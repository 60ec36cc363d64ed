// SPDX-License-Identifier: MIT
package dev.meshscope.core.probe;

/**
 * Probe results for one (peer, channel) at one moment. Immutable. Times in milliseconds; NaN when there is
 * no sample yet.
 *
 * @param peerId       the remote peer
 * @param channel      the internal channel index
 * @param sent         pings and data packets sent
 * @param received     unique pongs (for pings) answered within the late threshold, or data packets received
 * @param lost         pings unanswered after {@link ProbeTracker#LOSS_TIMEOUT_NANOS}
 * @param duplicates   pongs or data packets whose sequence number had already arrived
 * @param reordered    arrivals with a sequence number below the highest seen so far
 * @param wrongChannel pongs or data packets that arrived on another channel than the one written inside them
 * @param rttMedianMs  median round trip over the recent window
 * @param rttP99Ms     99th percentile round trip over the recent window
 * @param rttMinMs     smallest round trip in the window
 * @param rttMaxMs     largest round trip in the window
 * @param appRttMedianMs median round trip up to when the owner read the pong (probe RTT plus the application's
 *                     loop), over the same window
 * @param samples      round-trip samples in the window
 * @param late         pongs that came back after the late threshold ({@link ProbeTracker#setLateThreshold}), plus
 *                     pings unanswered longer than it now and not yet lost: not counted as received
 * @param outstanding  pings sent and not answered yet (neither received, late-answered nor lost)
 */
public record ProbeStats(
        int peerId,
        int channel,
        long sent,
        long received,
        long lost,
        long duplicates,
        long reordered,
        long wrongChannel,
        double rttMedianMs,
        double rttP99Ms,
        double rttMinMs,
        double rttMaxMs,
        double appRttMedianMs,
        int samples,
        long late,
        long outstanding) {
    /** Lost over sent, 0 when nothing was sent. */
    public double lossRatio() {
        return sent == 0 ? 0 : (double) lost / sent;
    }
}
