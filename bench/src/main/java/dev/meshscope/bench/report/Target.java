// SPDX-License-Identifier: MIT
package dev.meshscope.bench.report;

import java.util.Locale;

/**
 * A target for the ratio mesh-core / baseline (issue 5). Immutable.
 *
 * @param relation "&gt;=" or "&lt;="
 * @param bound    the ratio bound
 */
public record Target(String relation, double bound) {
    /** The ratio must be at least {@code bound} (higher is better: throughput, packet rate). */
    public static Target atLeast(double bound) {
        return new Target(">=", bound);
    }

    /** The ratio must be at most {@code bound} (lower is better: times). */
    public static Target atMost(double bound) {
        return new Target("<=", bound);
    }

    /** Whether {@code ratio} meets the target. */
    public boolean metBy(double ratio) {
        return ">=".equals(relation) ? ratio >= bound : ratio <= bound;
    }

    /** For tables: "&gt;= 0.95". */
    public String text() {
        return relation + " " + String.format(Locale.ROOT, "%.2f", bound);
    }
}
