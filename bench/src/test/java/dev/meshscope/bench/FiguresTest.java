// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meshscope.bench.report.Comparison;
import dev.meshscope.bench.report.Figures;
import dev.meshscope.bench.report.Target;
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
        Comparison faster = Comparison.of("throughput", "x", "MB/s", true, List.of(100.0), List.of(96.0),
                Target.atLeast(0.95));
        Comparison slower = Comparison.of("roundtrip", "y", "us", false, List.of(100.0), List.of(111.0),
                Target.atMost(1.10));

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
    void noAnsweredPingsGiveNoFigureRatherThanZero() {
        assertThat(new RoundTrips(new long[0], 5).medianMicros()).isNaN();
    }
}
