// SPDX-License-Identifier: MIT
package dev.meshscope.bench.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints results as a Markdown table (readable in a terminal, pastable into README.md): median with
 * [min-max] per stack, the ratio, the target and whether it was met.
 */
public final class ResultTable {
    private static final String[] HEADER = {
        "scenario", "metric", "unit", "baseline median [min-max]", "mesh-core median [min-max]", "ratio", "target"
    };

    private ResultTable() {}

    /** Writes the table of {@code rows} to {@code out}. */
    public static void print(List<Comparison> rows, PrintWriter out) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Comparison c : rows) {
            cells.add(new String[] {
                c.scenario(),
                c.metric(),
                c.unit(),
                figures(c.baseline()),
                figures(c.meshCore()),
                Double.isNaN(c.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.3f", c.ratio()),
                target(c)
            });
        }
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            out.println(line(cells.get(r), width));
            if (r == 0) {
                String[] rule = new String[width.length];
                for (int i = 0; i < width.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                out.println(line(rule, width));
            }
        }
        out.flush();
    }

    /** A figure with about three significant digits. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    private static String figures(Figures f) {
        return number(f.median()) + " [" + number(f.min()) + "-" + number(f.max()) + "]";
    }

    private static String target(Comparison c) {
        if (c.target() == null) {
            return "(info)";
        }
        return c.target().text() + (Boolean.TRUE.equals(c.met()) ? " met" : " MISSED");
    }

    private static String line(String[] row, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < row.length; i++) {
            b.append(' ')
                    .append(row[i])
                    .append(" ".repeat(width[i] - row[i].length()))
                    .append(" |");
        }
        return b.toString();
    }
}
