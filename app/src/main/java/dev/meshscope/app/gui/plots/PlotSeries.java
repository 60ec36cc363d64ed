// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

import java.util.Objects;

/**
 * One line of a plot. {@code x} is wall-clock seconds since the epoch (the time axis), {@code y} the value (NaN: a
 * gap). The arrays belong to this record once built: nobody writes them afterwards.
 *
 * @param name the legend's words, with the unit
 * @param x    sample times, ascending
 * @param y    values, as many as times
 */
public record PlotSeries(String name, double[] x, double[] y) {
    /** Checks the arrays match. */
    public PlotSeries {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " times but " + y.length + " values");
        }
    }

    /** Points in the series. */
    public int size() {
        return x.length;
    }
}
