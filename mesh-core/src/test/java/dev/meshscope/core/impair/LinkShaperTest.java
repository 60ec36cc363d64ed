// SPDX-License-Identifier: MIT
package dev.meshscope.core.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The shaper's decisions, checked against the impairment's own numbers (no network involved). */
class LinkShaperTest {
    private static final long MS = 1_000_000L;

    @Test
    void aDelayAloneDelaysEveryPacketByExactlyThatMuch() {
        LinkShaper s = new LinkShaper(Impairment.delay(40), 1);
        for (long t = 0; t < 100 * MS; t += 7 * MS) {
            assertThat(s.admit(t, 1200)).isEqualTo(t + 40 * MS);
        }
        assertThat(s.dropped()).isZero();
    }

    @Test
    void lossDropsTheStatedShareOfPacketsWithinSamplingError() {
        LinkShaper s = new LinkShaper(new Impairment(0, 0, 10, 0, false), 42);
        int n = 100_000;
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            if (s.admit(i, 100) == LinkShaper.DROP) {
                dropped++;
            }
        }
        // Binomial(100000, 0.1): standard deviation ~95, so 5 sigma is under 0.5 percentage points.
        assertThat(dropped / (double) n).isCloseTo(0.10, within(0.005));
        assertThat(s.dropped()).isEqualTo(dropped);
    }

    @Test
    void jitterStaysWithinItsBoundsAndIsNeverNegative() {
        LinkShaper s = new LinkShaper(new Impairment(10, 15, 0, 0, false), 7);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long d = s.admit(1_000 * MS, 10) - 1_000 * MS;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isZero(); // 10 - 15 ms is clamped to 0
        assertThat(max).isBetween(24 * MS, 25 * MS);
    }

    @Test
    void aBandwidthCapSpacesPacketsBySizeOverRate() {
        LinkShaper s = new LinkShaper(new Impairment(0, 0, 0, 10_000, false), 1);
        long first = s.admit(0, 1000);
        long second = s.admit(0, 1000);
        long third = s.admit(0, 500);
        assertThat(first).isEqualTo(100 * MS); // 1000 B at 10 kB/s
        assertThat(second).isEqualTo(200 * MS);
        assertThat(third).isEqualTo(250 * MS);
        assertThat(s.admit(1_000 * MS, 1000))
                .as("an idle link starts again from now")
                .isEqualTo(1_100 * MS);
    }

    @Test
    void impossibleImpairmentsAreRefusedWithWhatToWrite() {
        assertThat(new Impairment(-1, 0, 0, 0, false).problem()).contains("delay must be 0 to 60000 ms");
        assertThat(new Impairment(0, 70_000, 0, 0, false).problem()).contains("jitter");
        assertThat(new Impairment(0, 0, 150, 0, false).problem()).contains("percentage from 0 to 100");
        assertThat(new Impairment(0, 0, Double.NaN, 0, false).problem()).contains("percentage");
        assertThat(new Impairment(0, 0, 0, 10, false).problem()).contains("at least 1000 bytes/s");
        assertThat(new Impairment(40, 5, 10, 64_000, true).problem()).isNull();
        assertThat(Impairment.NONE.isNone()).isTrue();
        assertThat(new Impairment(40, 5, 10, 64_000, true).describe()).isEqualTo("40±5 ms, 10% loss, 64 KB/s, paused");
        assertThat(new Impairment(0, 0, 2.5, 0, false).describe()).isEqualTo("2.5% loss");
    }
}
