// SPDX-License-Identifier: MIT
package dev.meshscope.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One stack's figures for one metric over its rounds. Immutable.
 *
 * @param median the median of the round values (the mean of the middle two for an even count)
 * @param min    the smallest round value
 * @param max    the largest round value
 * @param spread (max - min) / median: how much the rounds disagreed (0.1 = 10 %)
 * @param values every round's value, in the order the rounds ran
 */
public record Figures(double median, double min, double max, double spread, List<Double> values) {
    /** Copies the values. */
    public Figures {
        values = List.copyOf(values);
    }

    /** The figures of {@code values} (at least one). */
    public static Figures of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no rounds to summarise");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        double min = sorted.get(0);
        double max = sorted.get(n - 1);
        double spread = median == 0 ? 0 : (max - min) / Math.abs(median);
        return new Figures(median, min, max, spread, values);
    }
}
