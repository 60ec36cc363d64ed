// SPDX-License-Identifier: MIT
package dev.meshscope.bench.report;

import java.util.List;

/**
 * One row of the results: one metric of one scenario, both stacks' figures and their ratio. Immutable.
 *
 * @param scenario   the scenario id (connect, throughput, roundtrip, mesh, packetrate)
 * @param metric     what was measured
 * @param unit       the unit of the figures
 * @param better     "higher" or "lower"
 * @param rounds     rounds per stack
 * @param baseline   raw webrtc-java's figures
 * @param meshCore   mesh-core's figures
 * @param ratio      mesh-core median / baseline median
 * @param target     the target for the ratio, or null when the metric is informative only
 * @param met        whether the ratio meets the target, or null without a target
 */
public record Comparison(
        String scenario,
        String metric,
        String unit,
        String better,
        int rounds,
        Figures baseline,
        Figures meshCore,
        double ratio,
        Target target,
        Boolean met) {

    /** Builds a row from both stacks' round values. */
    public static Comparison of(
            String scenario,
            String metric,
            String unit,
            boolean higherIsBetter,
            List<Double> baseline,
            List<Double> meshCore,
            Target target) {
        Figures b = Figures.of(baseline);
        Figures m = Figures.of(meshCore);
        double ratio = b.median() == 0 ? Double.NaN : m.median() / b.median();
        Boolean met = target == null ? null : target.metBy(ratio);
        return new Comparison(
                scenario, metric, unit, higherIsBetter ? "higher" : "lower", baseline.size(), b, m, ratio, target, met);
    }
}
