// SPDX-License-Identifier: MIT
package dev.meshscope.bench.scenario;

import dev.meshscope.bench.Alternation;
import dev.meshscope.bench.BenchContext;
import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchPair;
import dev.meshscope.bench.PacketRate;
import dev.meshscope.bench.Scenario;
import dev.meshscope.bench.report.Comparison;
import dev.meshscope.bench.report.ResultTable;
import dev.meshscope.bench.report.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Scenario 5: 64-byte packets on the unreliable channel as fast as back-pressure allows: delivered per second. */
public final class PacketRateScenario implements Scenario {
    /** Issue 5: mesh-core must deliver at least 90 % of the raw packet rate. */
    static final Target TARGET = Target.atLeast(0.9);

    @Override
    public String id() {
        return "packetrate";
    }

    @Override
    public String title() {
        return "64-byte packets on the unreliable channel, packets per second delivered";
    }

    @Override
    public List<Comparison> run(BenchContext ctx) throws BenchException {
        long sendMillis = ctx.settings().packetRateMillis();
        long timeout = ctx.settings().timeoutMillis();
        List<Comparison> rows = new ArrayList<>();
        try (PairOfPairs pairs = PairOfPairs.open(ctx)) {
            Alternation.Sides<PacketRate> sides = Alternation.run(
                    ctx,
                    "packet rate",
                    pairs.baseline(),
                    pairs.meshCore(),
                    ctx.settings().warmupRounds(),
                    ctx.settings().rounds(),
                    (BenchPair p) -> p.packetRate(sendMillis, timeout),
                    r -> ResultTable.number(r.deliveredPerSecond()) + " pkt/s (sent "
                            + ResultTable.number(r.sentPerSecond()) + "/s, lost " + ResultTable.number(r.lossPercent())
                            + " %)");
            rows.add(row(
                    sides, "64 B unreliable: delivered", "packets/s", true, PacketRate::deliveredPerSecond, TARGET));
            rows.add(row(sides, "64 B unreliable: sent", "packets/s", true, PacketRate::sentPerSecond, null));
            rows.add(row(sides, "64 B unreliable: lost", "%", false, PacketRate::lossPercent, null));
        }
        return rows;
    }

    private Comparison row(
            Alternation.Sides<PacketRate> sides,
            String metric,
            String unit,
            boolean higher,
            ToDoubleFunction<PacketRate> f,
            Target target) {
        return Comparison.of(
                id(), metric, unit, higher, Values.of(sides.baseline(), f), Values.of(sides.meshCore(), f), target);
    }
}
