// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleRingTest {
    @Test
    void keepsTheNewestCapacitySamplesOldestFirst() {
        SampleRing r = new SampleRing(4, 2);
        for (int i = 0; i < 10; i++) {
            r.append(i * 1000, new float[] {i, -i});
        }
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.appended()).isEqualTo(10);
        for (int i = 0; i < 4; i++) {
            assertThat(r.timeMs(i)).isEqualTo((6 + i) * 1000);
            assertThat(r.value(0, i)).isEqualTo(6f + i);
            assertThat(r.value(1, i)).isEqualTo(-6f - i);
        }
    }

    @Test
    void beforeItIsFullIndexZeroIsTheFirstSample() {
        SampleRing r = new SampleRing(5, 1);
        r.append(10, new float[] {1});
        r.append(20, new float[] {Float.NaN});
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.timeMs(0)).isEqualTo(10);
        assertThat(r.value(0, 1)).isNaN();
        assertThatThrownBy(() -> r.timeMs(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesRowsOfTheWrongWidthAndTimeGoingBackwardsAndChangesNothing() {
        SampleRing r = new SampleRing(3, 2);
        r.append(100, new float[] {1, 2});
        assertThatThrownBy(() -> r.append(200, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values");
        assertThatThrownBy(() -> r.append(50, new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backwards");
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.value(1, 0)).isEqualTo(2f);
        assertThatThrownBy(() -> new SampleRing(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memoryIsFixedByCapacityAndColumnsWhateverIsAppended() {
        SampleRing r = new SampleRing(1860, 12);
        long before = r.bytes();
        for (int i = 0; i < 5000; i++) {
            r.append(i, new float[12]);
        }
        assertThat(r.bytes()).isEqualTo(before).isEqualTo(1860L * (4 + 12 * 4));
        r.clear();
        assertThat(r.size()).isZero();
        assertThat(r.bytes()).isEqualTo(before);
    }
}
