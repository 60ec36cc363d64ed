// SPDX-License-Identifier: MIT
package dev.meshscope.bench.scenario;

import dev.meshscope.bench.Alternation;
import dev.meshscope.bench.BenchContext;
import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchPair;
import dev.meshscope.bench.Scenario;
import dev.meshscope.bench.report.Comparison;
import dev.meshscope.bench.report.ResultTable;
import dev.meshscope.bench.report.Target;
import java.util.ArrayList;
import java.util.List;

/** Scenario 2: bulk data on the reliable channel with back-pressure by buffered amount, MB/s received. */
public final class ThroughputScenario implements Scenario {
    /** Issue 5: mesh-core must carry at least 95 % of raw throughput. */
    static final Target TARGET = Target.atLeast(0.95);

    @Override
    public String id() {
        return "throughput";
    }

    @Override
    public String title() {
        return "reliable channel, 16 and 64 KiB packets, back-pressure by buffered amount, MB/s received";
    }

    @Override
    public List<Comparison> run(BenchContext ctx) throws BenchException {
        List<Comparison> rows = new ArrayList<>();
        long timeout = ctx.settings().timeoutMillis();
        long bytes = ctx.settings().throughputBytes();
        try (PairOfPairs pairs = PairOfPairs.open(ctx)) {
            for (int size : ctx.settings().throughputPacketSizes()) {
                String kib = size / 1024 + " KiB";
                Alternation.Sides<Double> sides = Alternation.run(
                        ctx,
                        "throughput " + kib,
                        pairs.baseline(),
                        pairs.meshCore(),
                        ctx.settings().warmupRounds(),
                        ctx.settings().rounds(),
                        (BenchPair p) -> p.throughput(size, bytes, timeout) / 1e6,
                        v -> ResultTable.number(v) + " MB/s");
                rows.add(Comparison.of(
                        id(),
                        kib + " packets, reliable, " + bytes / 1024 + " KiB per round",
                        "MB/s",
                        true,
                        sides.baseline(),
                        sides.meshCore(),
                        TARGET));
            }
        }
        return rows;
    }
}
