// SPDX-License-Identifier: MIT
package dev.meshscope.bench.scenario;

import dev.meshscope.bench.Alternation;
import dev.meshscope.bench.BenchContext;
import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchStack;
import dev.meshscope.bench.Scenario;
import dev.meshscope.bench.report.Comparison;
import dev.meshscope.bench.report.Figures;
import dev.meshscope.bench.report.ResultTable;
import dev.meshscope.bench.report.Target;
import java.util.ArrayList;
import java.util.List;

/** Scenario 1: one pair, from createOffer until all three channels are open on both sides. */
public final class ConnectScenario implements Scenario {
    /** Issue 5: connecting through mesh-core may take at most 20 % longer. */
    static final Target TARGET = Target.atMost(1.2);

    @Override
    public String id() {
        return "connect";
    }

    @Override
    public String title() {
        return "one pair, createOffer to all channels open (trickle and non-trickle)";
    }

    @Override
    public List<Comparison> run(BenchContext ctx) throws BenchException {
        List<Comparison> rows = new ArrayList<>();
        rows.add(measure(ctx, true, ctx.settings().connectsPerRound()));
        rows.add(measure(ctx, false, ctx.settings().nonTrickleConnectsPerRound()));
        return rows;
    }

    private Comparison measure(BenchContext ctx, boolean trickle, int perRound) throws BenchException {
        String kind = trickle ? "trickle" : "non-trickle";
        long timeout = ctx.settings().timeoutMillis();
        Alternation.Sides<Double> sides = Alternation.run(
                ctx,
                "connect " + kind,
                ctx.baseline(),
                ctx.meshCore(),
                ctx.settings().warmupRounds(),
                ctx.settings().rounds(),
                (BenchStack s) -> {
                    List<Double> ms = new ArrayList<>();
                    for (int i = 0; i < perRound; i++) {
                        ms.add(s.connectNanos(trickle, timeout) / 1e6);
                    }
                    return Figures.of(ms).median();
                },
                v -> ResultTable.number(v) + " ms");
        return Comparison.of(
                id(),
                kind + ": createOffer to all channels open (median of " + perRound + ")",
                "ms",
                false,
                sides.baseline(),
                sides.meshCore(),
                TARGET);
    }
}
