// SPDX-License-Identifier: MIT
package dev.meshscope.bench.soak;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A least-squares line through points: how much y grows per unit of x (heap bytes per received message). Immutable.
 *
 * @param perUnit the slope: change in y per unit of x, or NaN with fewer than two distinct x values
 * @param points  how many points it was fitted to
 */
public record Slope(double perUnit, int points) {
    /** The least-squares slope of {@code y} over {@code x} for {@code items}. */
    public static <T> Slope fit(List<T> items, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
        int n = items.size();
        double sx = 0;
        double sy = 0;
        for (T t : items) {
            sx += x.applyAsDouble(t);
            sy += y.applyAsDouble(t);
        }
        double mx = sx / Math.max(1, n);
        double my = sy / Math.max(1, n);
        double sxx = 0;
        double sxy = 0;
        for (T t : items) {
            double dx = x.applyAsDouble(t) - mx;
            sxx += dx * dx;
            sxy += dx * (y.applyAsDouble(t) - my);
        }
        return new Slope(n < 2 || sxx == 0 ? Double.NaN : sxy / sxx, n);
    }
}
