// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import dev.meshscope.bench.report.Comparison;
import java.util.List;

/** One benchmark scenario of issue 5: runs its workloads on both stacks and returns one row per metric. */
public interface Scenario {
    /** The name {@code --scenario} takes. */
    String id();

    /** One line saying what it measures. */
    String title();

    /** Runs on the benchmark thread. */
    List<Comparison> run(BenchContext ctx) throws BenchException;
}
