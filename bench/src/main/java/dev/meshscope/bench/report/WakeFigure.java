// SPDX-License-Identifier: MIT
package dev.meshscope.bench.report;

import java.util.List;

/**
 * How often mesh-core's owner threads ({@code MeshThread}) were woken during one workload, per round and per unit
 * of work (a round trip, a mesh), for the "wake only the owner" figures. Immutable.
 *
 * @param scenario      the scenario id
 * @param workload      what ran (e.g. "reliable round trips", "N=16 mesh until connected")
 * @param ownerThreads  owner threads involved (their wake-ups are summed)
 * @param unit          what one unit of work is ("round trip", "mesh")
 * @param unitsPerRound units of work per round
 * @param wakeups       summed wake-ups of each measured round, in round order
 * @param perUnit       the median round's wake-ups divided by {@code unitsPerRound}
 */
public record WakeFigure(
        String scenario,
        String workload,
        int ownerThreads,
        String unit,
        long unitsPerRound,
        List<Long> wakeups,
        double perUnit) {
    /** Copies the list. */
    public WakeFigure {
        wakeups = List.copyOf(wakeups);
    }

    /** The figure of rounds that woke the owner threads {@code wakeups} times each, {@code unitsPerRound} units each. */
    public static WakeFigure of(
            String scenario, String workload, int ownerThreads, String unit, long unitsPerRound, List<Long> wakeups) {
        List<Double> asDouble = wakeups.stream().map(Long::doubleValue).toList();
        double median = Figures.of(asDouble).median();
        return new WakeFigure(
                scenario,
                workload,
                ownerThreads,
                unit,
                unitsPerRound,
                wakeups,
                unitsPerRound <= 0 ? Double.NaN : median / unitsPerRound);
    }

    /** One line for the printed report. */
    public String describe() {
        return workload + ": " + ResultTable.number(perUnit) + " wake-ups per " + unit + " (" + ownerThreads
                + " owner thread" + (ownerThreads == 1 ? "" : "s") + ", rounds " + wakeups + ")";
    }
}
