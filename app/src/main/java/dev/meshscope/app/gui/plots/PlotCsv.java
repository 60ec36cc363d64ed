// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the visible part of a plot as CSV: a comment line saying what it is, a header ({@code time} as an ISO-8601
 * instant, {@code epoch_s}, one column per series named as in the legend), then one row per sample time in the
 * visible range, ascending; an empty cell where a series has no value (NaN or no sample at that time). Plain Java.
 */
public final class PlotCsv {
    private PlotCsv() {}

    /**
     * Writes the points of {@code plot} with {@code fromX <= x <= toX} (epoch seconds: the time axis's visible range)
     * to {@code file} (replaced). Returns the rows written. Any thread.
     */
    public static int write(Plot plot, double fromX, double toX, Path file) throws IOException {
        int cols = plot.series().size();
        Map<Double, double[]> rows = new TreeMap<>();
        for (int s = 0; s < cols; s++) {
            PlotSeries ps = plot.series().get(s);
            for (int i = 0; i < ps.size(); i++) {
                double x = ps.x()[i];
                if (x < fromX || x > toX) {
                    continue;
                }
                double[] row = rows.computeIfAbsent(x, k -> newRow(cols));
                row[s] = ps.y()[i];
            }
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# MeshScope plot: " + plot.kind().title() + ", peer " + plot.peerId() + ", "
                    + (plot.channel() == PlotData.ALL_CHANNELS ? "every channel" : "channel " + plot.channel())
                    + ", " + rows.size() + " samples\n");
            StringBuilder h = new StringBuilder("time,epoch_s");
            for (PlotSeries ps : plot.series()) {
                h.append(',').append(quote(ps.name()));
            }
            w.write(h.append('\n').toString());
            for (Map.Entry<Double, double[]> e : rows.entrySet()) {
                StringBuilder line = new StringBuilder();
                double x = e.getKey();
                line.append(Instant.ofEpochMilli(Math.round(x * 1000)))
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.3f", x));
                for (double v : e.getValue()) {
                    line.append(',');
                    if (!Double.isNaN(v)) {
                        line.append(number(v));
                    }
                }
                w.write(line.append('\n').toString());
            }
        }
        return rows.size();
    }

    private static double[] newRow(int cols) {
        double[] r = new double[cols];
        java.util.Arrays.fill(r, Double.NaN);
        return r;
    }

    /** A value as written: shortest round-trip form of the float it came from (no exponent for plain rates). */
    static String number(double v) {
        float f = (float) v;
        if (f == Math.rint(f) && Math.abs(f) < 1e15) {
            return Long.toString((long) f);
        }
        return Float.toString(f);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
