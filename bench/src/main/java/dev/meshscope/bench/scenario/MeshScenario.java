// SPDX-License-Identifier: MIT
package dev.meshscope.bench.scenario;

import dev.meshscope.bench.Alternation;
import dev.meshscope.bench.BenchContext;
import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchStack;
import dev.meshscope.bench.MeshRound;
import dev.meshscope.bench.Scenario;
import dev.meshscope.bench.report.Comparison;
import dev.meshscope.bench.report.ResultTable;
import dev.meshscope.bench.report.Target;
import dev.meshscope.bench.report.WakeFigure;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 4: N peers in one process, every pair connected: time until every peer reports every other
 * connected, then resident memory and open descriptors. Each peer has its own thread on both stacks, as one peer
 * per process has: a mesh-core owner {@code MeshThread} (woken only by its own connections), a raw application
 * thread that applies what the peer receives; both stacks share one factory per process.
 */
public final class MeshScenario implements Scenario {
    /** Issue 5: a mesh may take at most 20 % longer to connect through mesh-core. */
    static final Target TARGET = Target.atMost(1.2);

    @Override
    public String id() {
        return "mesh";
    }

    @Override
    public String title() {
        return "N peers in one process: time until all connected, RSS and file descriptors";
    }

    @Override
    public List<Comparison> run(BenchContext ctx) throws BenchException {
        List<Comparison> rows = new ArrayList<>();
        long timeout = ctx.settings().timeoutMillis();
        List<Integer> sizes = ctx.settings().meshSizes();
        for (int i = 0; i < ctx.settings().warmupRounds() && !sizes.isEmpty(); i++) {
            ctx.baseline().mesh(sizes.get(0), timeout); // Warm-up at the smallest size; not measured.
            ctx.meshCore().mesh(sizes.get(0), timeout);
        }
        for (int n : sizes) {
            Alternation.Sides<MeshRound> sides = Alternation.run(
                    ctx,
                    "mesh N=" + n,
                    ctx.baseline(),
                    ctx.meshCore(),
                    0,
                    ctx.settings().meshRounds(),
                    (BenchStack s) -> s.mesh(n, timeout),
                    r -> ResultTable.number(r.connectNanos() / 1e6) + " ms, RSS "
                            + ResultTable.number(r.rssAfterKib() / 1024.0) + " MiB (+"
                            + ResultTable.number(r.rssGrowthMib()) + "), fds " + r.fdsAfter()
                            + " (+" + ResultTable.number(r.fdGrowth()) + ")");
            String name = "N=" + n + " (" + n * (n - 1) / 2 + " connections)";
            rows.add(Comparison.of(
                    id(),
                    name + ": until all connected",
                    "ms",
                    false,
                    Values.of(sides.baseline(), r -> r.connectNanos() / 1e6),
                    Values.of(sides.meshCore(), r -> r.connectNanos() / 1e6),
                    TARGET));
            rows.add(Comparison.of(
                    id(),
                    name + ": RSS after connecting",
                    "MiB",
                    false,
                    Values.of(sides.baseline(), r -> r.rssAfterKib() / 1024.0),
                    Values.of(sides.meshCore(), r -> r.rssAfterKib() / 1024.0),
                    null));
            rows.add(Comparison.of(
                    id(),
                    name + ": RSS added by connecting",
                    "MiB",
                    false,
                    Values.of(sides.baseline(), MeshRound::rssGrowthMib),
                    Values.of(sides.meshCore(), MeshRound::rssGrowthMib),
                    null));
            rows.add(Comparison.of(
                    id(),
                    name + ": file descriptors opened",
                    "fds",
                    false,
                    Values.of(sides.baseline(), MeshRound::fdGrowth),
                    Values.of(sides.meshCore(), MeshRound::fdGrowth),
                    null));
            ctx.wakeups()
                    .add(WakeFigure.of(
                            id(),
                            "N=" + n + " mesh, first offer to all connected",
                            n,
                            "peer",
                            n,
                            Values.map(sides.meshCore(), MeshRound::ownerWakeups)));
        }
        return rows;
    }
}
