// SPDX-License-Identifier: MIT
package dev.meshscope.bench.soak;

import java.util.List;

/**
 * One stack's soak: its samples and the slopes fitted to them. Immutable.
 *
 * @param stack                "baseline" or "mesh-core"
 * @param samples              the readings, first one after the warm-up chunk
 * @param heapBytesPerMessage  heap after GC, least-squares slope over messages read
 * @param rssBytesPerMessage   resident memory, least-squares slope over messages read (NaN where unknown)
 * @param messagesPerSecond    messages read per second over the run
 * @param runtimeLeakEstimate  for mesh-core: {@code WebRtcRuntime.leakEstimateBytes()} grown over the run (the
 *                             runtime's count times 88 B); -1 for the baseline
 * @param heldPeak             for mesh-core: the most packets its receive queues held at any reading (bounded by
 *                             {@code WebRtcDataChannel.MAX_QUEUED_PACKETS}); -1 for the baseline
 */
public record SoakRun(
        String stack,
        List<SoakSample> samples,
        double heapBytesPerMessage,
        double rssBytesPerMessage,
        double messagesPerSecond,
        long runtimeLeakEstimate,
        long heldPeak) {
    /** Copies the samples. */
    public SoakRun {
        samples = List.copyOf(samples);
    }

    /** Fits the slopes to {@code samples}. */
    public static SoakRun of(String stack, List<SoakSample> samples, long runtimeLeakEstimate, long heldPeak) {
        double heap = Slope.fit(samples, SoakSample::messages, SoakSample::heapAfterGcBytes)
                .perUnit();
        boolean rssKnown = samples.stream().allMatch(s -> s.rssKib() >= 0);
        double rss = rssKnown
                ? Slope.fit(samples, SoakSample::messages, s -> s.rssKib() * 1024.0)
                        .perUnit()
                : Double.NaN;
        double rate = Double.NaN;
        if (samples.size() >= 2) {
            SoakSample first = samples.get(0);
            SoakSample last = samples.get(samples.size() - 1);
            rate = (last.messages() - first.messages()) / Math.max(1e-9, last.seconds() - first.seconds());
        }
        return new SoakRun(stack, samples, heap, rss, rate, runtimeLeakEstimate, heldPeak);
    }
}
