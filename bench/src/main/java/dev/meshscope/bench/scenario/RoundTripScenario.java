// SPDX-License-Identifier: MIT
package dev.meshscope.bench.scenario;

import dev.meshscope.bench.Alternation;
import dev.meshscope.bench.BenchContext;
import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchPair;
import dev.meshscope.bench.RoundTrips;
import dev.meshscope.bench.Scenario;
import dev.meshscope.bench.Workload;
import dev.meshscope.bench.report.Comparison;
import dev.meshscope.bench.report.ResultTable;
import dev.meshscope.bench.report.Target;
import dev.meshscope.bench.report.WakeFigure;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 3: 32-byte probe ping/pong on each channel, one in flight. On both stacks the pinger builds and sends
 * each ping on an application thread (mesh-core's owner thread; a raw application thread) and the echo answers
 * where the ping arrives (the raw echo inside {@code onMessage}, mesh-core with {@code setAnswerProbesOnArrival}).
 * Figures per channel: the probe round trip, until the pong arrived (the receive callback's timestamp), which is
 * what MeshScope's probe table shows and what issue 8's target is about; the app round trip, until the pinging
 * application read the pong (inside the callback for the raw stack; after the owner thread's {@code poll()} for
 * mesh-core), whose difference is the cost of the application's loop; and, for reference, mesh-core against
 * the raw floor, a raw pinger that sends each next ping from inside the callback (no thread hop at all).
 */
public final class RoundTripScenario implements Scenario {
    /** Issue 8: the probe round trip through mesh-core may take at most 5 % longer (median). */
    static final Target TARGET = Target.atMost(1.05);

    /**
     * One round: its round trips, the owner-thread wake-ups they took (-1 without owner threads), and, for the
     * raw stack, the same run pinging from inside the callback (the floor; null for mesh-core).
     */
    private record Round(RoundTrips trips, long wakeups, RoundTrips floor) {}

    @Override
    public String id() {
        return "roundtrip";
    }

    @Override
    public String title() {
        return "32-byte ping/pong (ProbePacket) on each channel, answered on arrival: probe RTT and app RTT";
    }

    @Override
    public List<Comparison> run(BenchContext ctx) throws BenchException {
        List<Comparison> rows = new ArrayList<>();
        int count = ctx.settings().roundTrips();
        long timeout = ctx.settings().timeoutMillis();
        try (PairOfPairs pairs = PairOfPairs.open(ctx)) {
            for (int ch = 0; ch < Workload.CHANNELS; ch++) {
                int channel = ch;
                String label = Workload.CHANNEL_LABELS[ch];
                Alternation.Sides<Round> sides = Alternation.run(
                        ctx,
                        "round trip " + label,
                        pairs.baseline(),
                        pairs.meshCore(),
                        ctx.settings().warmupRounds(),
                        ctx.settings().rounds(),
                        (BenchPair p) -> {
                            long w0 = p.ownerWakeups();
                            RoundTrips r = p.roundTrips(channel, count, timeout);
                            long w = w0 < 0 ? -1 : p.ownerWakeups() - w0;
                            return new Round(r, w, p.roundTripsPingingFromCallback(channel, count, timeout));
                        },
                        r -> ResultTable.number(r.trips().medianMicros()) + " us (app "
                                + ResultTable.number(r.trips().appMedianMicros()) + ", p99 "
                                + ResultTable.number(r.trips().p99Micros())
                                + ", lost " + r.trips().lost() + ")");
                List<RoundTrips> b = Values.map(sides.baseline(), Round::trips);
                List<RoundTrips> m = Values.map(sides.meshCore(), Round::trips);
                rows.add(Comparison.of(
                        id(),
                        label + ": probe RTT median of " + count,
                        "us",
                        false,
                        Values.of(b, RoundTrips::medianMicros),
                        Values.of(m, RoundTrips::medianMicros),
                        TARGET));
                rows.add(Comparison.of(
                        id(),
                        label + ": probe RTT p99 of " + count,
                        "us",
                        false,
                        Values.of(b, RoundTrips::p99Micros),
                        Values.of(m, RoundTrips::p99Micros),
                        null));
                rows.add(Comparison.of(
                        id(),
                        label + ": app RTT median of " + count,
                        "us",
                        false,
                        Values.of(b, RoundTrips::appMedianMicros),
                        Values.of(m, RoundTrips::appMedianMicros),
                        null));
                rows.add(Comparison.of(
                        id(),
                        label + ": probe RTT median, raw pinging inside the callback",
                        "us",
                        false,
                        Values.of(Values.map(sides.baseline(), Round::floor), RoundTrips::medianMicros),
                        Values.of(m, RoundTrips::medianMicros),
                        null));
                ctx.wakeups()
                        .add(WakeFigure.of(
                                id(),
                                label + " round trips (pinger A and echo B)",
                                2,
                                "round trip",
                                count,
                                Values.map(sides.meshCore(), Round::wakeups)));
            }
        }
        return rows;
    }
}
