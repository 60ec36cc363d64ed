// SPDX-License-Identifier: MIT
package dev.meshscope.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Turns per-round results into the numbers one metric row summarises. */
final class Values {
    private Values() {}

    /** {@code f} of every round result, in round order. */
    static <T> List<Double> of(List<T> rounds, ToDoubleFunction<T> f) {
        List<Double> out = new ArrayList<>();
        for (T r : rounds) {
            out.add(f.applyAsDouble(r));
        }
        return out;
    }

    /** {@code f} of every round result, in round order, as objects. */
    static <T, R> List<R> map(List<T> rounds, Function<T, R> f) {
        List<R> out = new ArrayList<>();
        for (T r : rounds) {
            out.add(f.apply(r));
        }
        return out;
    }
}
