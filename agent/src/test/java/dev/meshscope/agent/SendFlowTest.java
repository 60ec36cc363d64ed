// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The summary arithmetic of one flow: every packet gets one outcome, and each fault is counted where it belongs. */
class SendFlowTest {
    private static final long MS = 1_000_000L;
    private static final int SIZE = 100;

    /** A reliable flow of {@code n} binary packets, sent 1 ms apart from t = 0. */
    private static SendFlow sent(int n, boolean ordered) {
        SendFlow f = new SendFlow(1, 0, ordered, n);
        for (int i = 0; i < n; i++) {
            f.onSent(i * MS);
        }
        return f;
    }

    private static void back(SendFlow f, long seq, long atNanos) {
        f.onReply(seq, true, 0, false, false, SIZE, atNanos);
    }

    @Test
    void everyPacketBackInOrderIsAllBackWithItsRoundTripsAndThroughput() {
        SendFlow f = sent(100, true);
        for (int i = 0; i < 100; i++) {
            back(f, i, i * MS + (i < 99 ? 2 * MS : 10 * MS)); // 99 round trips of 2 ms, one of 10 ms
        }
        FlowSummary s = f.summary("reliable");
        assertThat(s.allBack()).isTrue();
        assertThat(s.back()).isEqualTo(100);
        assertThat(s.lost() + s.duplicates() + s.reordered() + s.wrongChannel() + s.wrongForm() + s.corrupted())
                .isZero();
        assertThat(s.rttMedianMs()).isEqualTo(2.0);
        assertThat(s.rttP99Ms()).isEqualTo(2.0);
        assertThat(s.bytesBack()).isEqualTo(100L * SIZE);
        assertThat(s.durationMs()).isEqualTo(109.0); // first send at 0, last reply at 99 + 10 ms
        assertThat(s.throughputMBps()).isCloseTo(10_000 / 0.109 / 1e6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theSlowestPercentShowsInP99() {
        SendFlow f = sent(100, true);
        for (int i = 0; i < 100; i++) {
            back(f, i, i * MS + (i < 98 ? 2 * MS : 10 * MS));
        }
        assertThat(f.summary("reliable").rttP99Ms()).isEqualTo(10.0);
    }

    @Test
    void missingRepliesAreLostAndNotAllBack() {
        SendFlow f = sent(10, true);
        for (int i = 0; i < 7; i++) {
            back(f, i, 5 * MS);
        }
        assertThat(f.outstanding()).isEqualTo(3);
        FlowSummary s = f.summary("reliable");
        assertThat(s.lost()).isEqualTo(3);
        assertThat(s.back()).isEqualTo(7);
        assertThat(s.allBack()).isFalse();
    }

    @Test
    void aSecondReplyIsADuplicateNotASecondBack() {
        SendFlow f = sent(3, true);
        back(f, 0, MS);
        back(f, 0, MS);
        back(f, 1, MS);
        back(f, 2, MS);
        FlowSummary s = f.summary("reliable");
        assertThat(s.back()).isEqualTo(3);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.allBack()).isFalse();
    }

    @Test
    void reorderingIsAFaultOnlyWhereTheChannelIsOrdered() {
        for (boolean ordered : new boolean[] {true, false}) {
            SendFlow f = sent(3, ordered);
            back(f, 0, MS);
            back(f, 2, MS);
            back(f, 1, MS);
            FlowSummary s = f.summary("x");
            assertThat(s.reordered()).isEqualTo(1);
            assertThat(s.back()).isEqualTo(3);
            assertThat(s.allBack()).as("ordered " + ordered).isEqualTo(!ordered);
        }
    }

    @Test
    void wrongChannelWrongFormAndDamageAreEachCountedOnceAndNotBack() {
        SendFlow f = sent(4, true);
        f.onReply(0, true, 2, false, false, SIZE, MS); // exact, on channel 2 instead of 0
        f.onReply(1, true, 0, true, false, SIZE, MS); // exact, right channel, text for binary
        f.onReply(2, false, 0, false, false, SIZE, MS); // a changed byte
        f.onReply(-1, false, 0, false, false, SIZE, MS); // a damaged header: no packet to pin it on
        back(f, 3, MS);
        FlowSummary s = f.summary("reliable");
        assertThat(s.wrongChannel()).isEqualTo(1);
        assertThat(s.wrongForm()).isEqualTo(1);
        assertThat(s.corrupted()).isEqualTo(2);
        assertThat(s.back()).isEqualTo(1);
        assertThat(s.lost()).as("every packet had a reply of some kind").isZero();
        assertThat(s.bytesBack()).isEqualTo(SIZE);
        assertThat(s.allBack()).isFalse();
    }

    @Test
    void textSentAndTextBackIsTheRightForm() {
        SendFlow f = new SendFlow(1, 0, true, 1);
        f.onSent(0);
        f.onReply(0, true, 0, true, true, SIZE, MS);
        assertThat(f.summary("reliable").allBack()).isTrue();
    }

    @Test
    void packetsNeverSentAreNotSentAndNothingBackHasNoRoundTrip() {
        SendFlow f = new SendFlow(1, 0, true, 5);
        f.onSent(0);
        f.onSent(MS);
        f.stopSending();
        assertThat(f.sendingFinished()).isTrue();
        FlowSummary s = f.summary("reliable");
        assertThat(s.notSent()).isEqualTo(3);
        assertThat(s.lost()).isEqualTo(2);
        assertThat(s.rttMedianMs()).isNaN();
        assertThat(s.throughputMBps()).isZero();
        assertThat(s.allBack()).isFalse();
    }
}
