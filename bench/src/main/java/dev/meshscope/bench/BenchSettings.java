// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.util.List;

/**
 * How big each workload is. Immutable; {@link #full()} is what {@code ./meshscope bench} runs, {@link #tiny()}
 * a seconds-long sanity run (the smoke tests use it).
 *
 * @param rounds                     measured rounds per stack (alternating)
 * @param warmupRounds               unmeasured rounds per stack first (JIT, fresh SCTP association)
 * @param connectsPerRound           trickle connects per round (a round's figure is their median)
 * @param nonTrickleConnectsPerRound non-trickle connects per round (each waits ~100 ms for gathering)
 * @param throughputBytes            bytes sent per throughput round
 * @param throughputPacketSizes      packet sizes measured
 * @param roundTrips                 round trips per channel per round
 * @param meshSizes                  peer counts of the full-mesh scenario
 * @param meshRounds                 rounds per stack and mesh size
 * @param packetRateMillis           how long the packet-rate sender sends per round
 * @param timeoutMillis              longest any single workload may take
 */
public record BenchSettings(
        int rounds,
        int warmupRounds,
        int connectsPerRound,
        int nonTrickleConnectsPerRound,
        long throughputBytes,
        List<Integer> throughputPacketSizes,
        int roundTrips,
        List<Integer> meshSizes,
        int meshRounds,
        long packetRateMillis,
        long timeoutMillis) {

    /** Copies the lists. */
    public BenchSettings {
        throughputPacketSizes = List.copyOf(throughputPacketSizes);
        meshSizes = List.copyOf(meshSizes);
    }

    /** Issue 5's sizes: about three minutes on a 2-core machine. */
    public static BenchSettings full() {
        return new BenchSettings(
                5,
                1,
                10,
                4,
                48L * 1024 * 1024,
                List.of(16 * 1024, 64 * 1024),
                2000,
                List.of(8, 16, 32),
                3,
                1000,
                120_000);
    }

    /** Every workload at a token size: checks that everything runs, measures nothing worth quoting. */
    public static BenchSettings tiny() {
        return new BenchSettings(1, 0, 1, 1, 256 * 1024, List.of(16 * 1024), 20, List.of(3), 1, 100, 30_000);
    }

    /** These settings with {@code n} measured rounds. */
    public BenchSettings withRounds(int n) {
        return new BenchSettings(
                n,
                warmupRounds,
                connectsPerRound,
                nonTrickleConnectsPerRound,
                throughputBytes,
                throughputPacketSizes,
                roundTrips,
                meshSizes,
                n,
                packetRateMillis,
                timeoutMillis);
    }

    /** These settings with {@code n} round trips per channel. */
    public BenchSettings withRoundTrips(int n) {
        return new BenchSettings(
                rounds,
                warmupRounds,
                connectsPerRound,
                nonTrickleConnectsPerRound,
                throughputBytes,
                throughputPacketSizes,
                n,
                meshSizes,
                meshRounds,
                packetRateMillis,
                timeoutMillis);
    }

    /** These settings with other mesh sizes. */
    public BenchSettings withMeshSizes(List<Integer> sizes) {
        return new BenchSettings(
                rounds,
                warmupRounds,
                connectsPerRound,
                nonTrickleConnectsPerRound,
                throughputBytes,
                throughputPacketSizes,
                roundTrips,
                sizes,
                meshRounds,
                packetRateMillis,
                timeoutMillis);
    }
}
