// SPDX-License-Identifier: MIT
package dev.meshscope.bench.scenario;

import dev.meshscope.bench.BenchContext;
import dev.meshscope.bench.BenchException;
import dev.meshscope.bench.BenchPair;

/**
 * A connected pair on each stack, kept for every round of a data-plane scenario and closed at its end.
 *
 * @param baseline the raw pair
 * @param meshCore the mesh-core pair
 */
record PairOfPairs(BenchPair baseline, BenchPair meshCore) implements AutoCloseable {
    /** Connects both pairs (the baseline first). */
    static PairOfPairs open(BenchContext ctx) throws BenchException {
        long timeout = ctx.settings().timeoutMillis();
        BenchPair b = ctx.baseline().openPair(timeout);
        try {
            return new PairOfPairs(b, ctx.meshCore().openPair(timeout));
        } catch (BenchException | RuntimeException e) {
            b.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            meshCore.close();
        } finally {
            baseline.close();
        }
    }
}
