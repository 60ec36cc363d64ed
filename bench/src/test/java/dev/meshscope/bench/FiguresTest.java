// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meshscope.bench.report.Comparison;
import dev.meshscope.bench.report.Figures;
import dev.meshscope.bench.report.Target;
import dev.meshscope.bench.report.WakeFigure;
import dev.meshscope.bench.soak.Slope;
import dev.meshscope.bench.soak.SoakRun;
import dev.meshscope.bench.soak.SoakSample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic behind every row: medians, spread, ratios, targets and percentiles. */
class FiguresTest {
    @Test
    void theMedianOfAnOddCountIsTheMiddleValueAndTheSpreadIsRelative() {
        Figures f = Figures.of(List.of(30.0, 10.0, 20.0));

        assertThat(f.median()).isEqualTo(20.0);
        assertThat(f.min()).isEqualTo(10.0);
        assertThat(f.max()).isEqualTo(30.0);
        assertThat(f.spread()).isCloseTo(1.0, within(1e-9));
        assertThat(f.values()).containsExactly(30.0, 10.0, 20.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Figures.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void noRoundsCannotBeSummarised() {
        assertThatThrownBy(() -> Figures.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRatioIsMeshCoreOverBaselineAndTargetsPointTheRightWay() {
        Comparison faster =
                Comparison.of("throughput", "x", "MB/s", true, List.of(100.0), List.of(96.0), Target.atLeast(0.95));
        Comparison slower =
                Comparison.of("roundtrip", "y", "us", false, List.of(100.0), List.of(111.0), Target.atMost(1.10));

        assertThat(faster.ratio()).isCloseTo(0.96, within(1e-9));
        assertThat(faster.met()).isTrue();
        assertThat(slower.ratio()).isCloseTo(1.11, within(1e-9));
        assertThat(slower.met()).isFalse();
    }

    @Test
    void aMetricWithoutTargetIsNeitherMetNorMissed() {
        Comparison info = Comparison.of("mesh", "fds", "fds", false, List.of(10.0), List.of(10.0), null);

        assertThat(info.met()).isNull();
        assertThat(info.ratio()).isEqualTo(1.0);
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1000L; // 1..100 us, reversed: the record sorts them.
        }
        RoundTrips r = new RoundTrips(nanos, 2);

        assertThat(r.medianMicros()).isEqualTo(50.0);
        assertThat(r.p99Micros()).isEqualTo(99.0);
        assertThat(r.lost()).isEqualTo(2);
    }

    @Test
    void theAppRoundTripIsKeptBesideTheProbeRoundTripAndEqualsItWhereTheAppReadsInTheCallback() {
        PingLoop loop = new PingLoop(0, 2);
        byte[] ping = loop.nextPing();
        long sent = dev.meshscope.core.probe.ProbePacket.decode(ping).sendNanos();

        boolean taken = loop.onPong(dev.meshscope.core.probe.ProbePacket.pongFor(ping), sent + 100_000, sent + 130_000);
        RoundTrips r = loop.result();

        assertThat(taken).isTrue();
        assertThat(r.medianMicros()).isEqualTo(100.0);
        assertThat(r.appMedianMicros()).isEqualTo(130.0);
        assertThat(new RoundTrips(new long[] {5000, 7000, 6000}, 0).appMedianMicros())
                .isEqualTo(6.0);
    }

    @Test
    void aPongReadBeforeItsArrivalStampCountsTheArrivalAsTheAppRoundTrip() {
        PingLoop loop = new PingLoop(1, 1);
        byte[] ping = loop.nextPing();
        long sent = dev.meshscope.core.probe.ProbePacket.decode(ping).sendNanos();

        loop.onPong(dev.meshscope.core.probe.ProbePacket.pongFor(ping), sent + 50_000, sent + 40_000);

        assertThat(loop.result().appMedianMicros()).isEqualTo(50.0);
    }

    @Test
    void wakeUpsPerUnitAreTheMedianRoundOverTheUnitsOfARound() {
        WakeFigure w = WakeFigure.of("roundtrip", "reliable", 2, "round trip", 100, List.of(400L, 200L, 300L));

        assertThat(w.perUnit()).isEqualTo(3.0);
        assertThat(w.describe()).contains("3.00 wake-ups per round trip").contains("2 owner threads");
    }

    @Test
    void theSoakSlopeIsTheLeastSquaresHeapGrowthPerMessage() {
        List<SoakSample> samples = List.of(
                new SoakSample(0, 0, 1_000_000, 100_000),
                new SoakSample(5, 100_000, 1_000_000 + 8_800_000 + 1000, 100_000 + 1024),
                new SoakSample(10, 200_000, 1_000_000 + 17_600_000 - 1000, 100_000 + 2048));

        SoakRun run = SoakRun.of("mesh-core", samples, 17_600_000, 3);

        assertThat(run.heapBytesPerMessage()).isCloseTo(88.0, within(0.05));
        assertThat(run.rssBytesPerMessage()).isCloseTo(1024 * 1024.0 / 100_000, within(1e-6));
        assertThat(run.messagesPerSecond()).isCloseTo(20_000.0, within(1e-6));
        assertThat(Slope.fit(List.of(samples.get(0)), SoakSample::messages, SoakSample::heapAfterGcBytes)
                        .perUnit())
                .isNaN();
    }

    @Test
    void theBurnerUsesAllCoresButOneAndStopsWhenClosed() {
        assertThat(CpuBurner.threadsFor(1)).isEqualTo(1);
        assertThat(CpuBurner.threadsFor(2)).isEqualTo(1);
        assertThat(CpuBurner.threadsFor(8)).isEqualTo(7);

        CpuBurner b = CpuBurner.start();
        assertThat(b.isBurning()).isTrue();
        b.close();

        assertThat(b.isBurning()).isFalse();
    }

    @Test
    void noAnsweredPingsGiveNoFigureRatherThanZero() {
        assertThat(new RoundTrips(new long[0], 5).medianMicros()).isNaN();
    }
}
