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
import java.util.ArrayList;
import java.util.List;

/** Scenario 3: 32-byte probe ping/pong on each channel, one in flight: median and p99 round trip. */
public final class RoundTripScenario implements Scenario {
    /** Issue 5: a round trip through mesh-core may take at most 10 % longer (median). */
    static final Target TARGET = Target.atMost(1.10);

    @Override
    public String id() {
        return "roundtrip";
    }

    @Override
    public String title() {
        return "32-byte ping/pong (ProbePacket) on each of the three channels: median and p99";
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
                Alternation.Sides<RoundTrips> sides = Alternation.run(ctx, "round trip " + label, pairs.baseline(),
                        pairs.meshCore(), ctx.settings().warmupRounds(), ctx.settings().rounds(),
                        (BenchPair p) -> p.roundTrips(channel, count, timeout),
                        r -> ResultTable.number(r.medianMicros()) + " us (p99 " + ResultTable.number(r.p99Micros())
                                + ", lost " + r.lost() + ")");
                rows.add(Comparison.of(id(), label + ": median of " + count, "us", false,
                        Values.of(sides.baseline(), RoundTrips::medianMicros),
                        Values.of(sides.meshCore(), RoundTrips::medianMicros), TARGET));
                rows.add(Comparison.of(id(), label + ": p99 of " + count, "us", false,
                        Values.of(sides.baseline(), RoundTrips::p99Micros),
                        Values.of(sides.meshCore(), RoundTrips::p99Micros), null));
            }
        }
        return rows;
    }
}
