// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same round on both stacks in alternating order (baseline first in even rounds, mesh-core first
 * in odd ones), so drift in machine load and the cost of going first or second fall on both alike.
 */
public final class Alternation {
    private Alternation() {}

    /** One round on one side (a stack or a connected pair). */
    @FunctionalInterface
    public interface Round<S, T> {
        T run(S side) throws BenchException;
    }

    /**
     * The values of both sides, index by index.
     *
     * @param baseline the baseline's round values, in round order
     * @param meshCore mesh-core's round values, in round order
     */
    public record Sides<T>(List<T> baseline, List<T> meshCore) {}

    /**
     * Runs {@code warmup} unmeasured rounds on each side, then {@code rounds} measured ones, alternating.
     *
     * @param what     names the rounds in progress lines
     * @param describe renders one round's value for the progress line
     */
    public static <S, T> Sides<T> run(
            BenchContext ctx,
            String what,
            S baseline,
            S meshCore,
            int warmup,
            int rounds,
            Round<S, T> round,
            java.util.function.Function<T, String> describe)
            throws BenchException {
        for (int w = 0; w < warmup; w++) {
            round.run(w % 2 == 0 ? baseline : meshCore);
            round.run(w % 2 == 0 ? meshCore : baseline);
        }
        List<T> b = new ArrayList<>();
        List<T> m = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            T vb;
            T vm;
            if (r % 2 == 0) {
                vb = round.run(baseline);
                vm = round.run(meshCore);
            } else {
                vm = round.run(meshCore);
                vb = round.run(baseline);
            }
            b.add(vb);
            m.add(vm);
            ctx.progress()
                    .printf(
                            "  %-40s round %d/%d  baseline %s | mesh-core %s%n",
                            what, r + 1, rounds, describe.apply(vb), describe.apply(vm));
            ctx.progress().flush();
        }
        return new Sides<>(b, m);
    }
}
