// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The burst's progress in words: what was sent, what was refused and why, and whether it was stopped. */
class TrafficStatusTest {
    @Test
    void saysWhyPacketsWereRefusedWithCounts() {
        TrafficStatus s = new TrafficStatus(false, false, 280, 300, 12, 7, 1, 0);
        assertThat(s.refused()).isEqualTo(20);
        assertThat(s.describe())
                .isEqualTo("done: 280 of 300 sent, 20 refused (12 send queue full, "
                        + "7 channel closed or peer gone, 1 refused by the channel, reason in the log)");
    }

    @Test
    void saysStoppedAndHowManyWereNotSent() {
        assertThat(new TrafficStatus(false, true, 40, 300, 0, 0, 0, 3).describe())
                .isEqualTo("stopped: 40 of 300 sent, 260 not sent");
    }

    @Test
    void saysSendingWhileItRuns() {
        assertThat(new TrafficStatus(true, false, 120, 300, 0, 0, 0, 4).describe())
                .isEqualTo("sending: 120 of 300 sent, waited 4x for buffers");
        assertThat(TrafficStatus.IDLE.describe()).isEqualTo("idle");
    }
}
