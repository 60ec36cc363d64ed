// SPDX-License-Identifier: MIT
package dev.meshscope.app.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The benchmarks; being written under issue 5 (this entry exists so the jar builds meanwhile). */
@Command(name = "bench", description = "Run the benchmarks.")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("meshscope bench: not built yet in this revision.");
        return 2;
    }
}
