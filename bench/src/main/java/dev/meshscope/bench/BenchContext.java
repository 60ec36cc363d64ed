// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import dev.meshscope.bench.report.WakeFigure;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario runs with: both stacks, the sizes, where progress lines go, and where owner-thread wake-up
 * figures are collected.
 *
 * @param baseline the raw webrtc-java stack
 * @param meshCore the mesh-core stack
 * @param settings the sizes
 * @param progress one line per round (standard error)
 * @param wakeups  wake-up figures the scenarios add (benchmark thread only)
 */
public record BenchContext(
        BenchStack baseline,
        BenchStack meshCore,
        BenchSettings settings,
        PrintWriter progress,
        List<WakeFigure> wakeups) {
    /** A context that collects wake-up figures in a fresh list. */
    public BenchContext(BenchStack baseline, BenchStack meshCore, BenchSettings settings, PrintWriter progress) {
        this(baseline, meshCore, settings, progress, new ArrayList<>());
    }
}
