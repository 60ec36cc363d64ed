// SPDX-License-Identifier: MIT
package dev.meshscope.app.bench.scenario;

import dev.meshscope.app.bench.Alternation;
import dev.meshscope.app.bench.BenchContext;
import dev.meshscope.app.bench.BenchException;
import dev.meshscope.app.bench.BenchStack;
import dev.meshscope.app.bench.Scenario;
import dev.meshscope.app.bench.report.Comparison;
import dev.meshscope.app.bench.report.Figures;
import dev.meshscope.app.bench.report.ResultTable;
import dev.meshscope.app.bench.report.Target;
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
        Alternation.Sides<Double> sides = Alternation.run(ctx, "connect " + kind, ctx.baseline(), ctx.meshCore(),
                ctx.settings().warmupRounds(), ctx.settings().rounds(), (BenchStack s) -> {
                    List<Double> ms = new ArrayList<>();
                    for (int i = 0; i < perRound; i++) {
                        ms.add(s.connectNanos(trickle, timeout) / 1e6);
                    }
                    return Figures.of(ms).median();
                }, v -> ResultTable.number(v) + " ms");
        return Comparison.of(id(), kind + ": createOffer to all channels open (median of " + perRound + ")", "ms",
                false, sides.baseline(), sides.meshCore(), TARGET);
    }
}
