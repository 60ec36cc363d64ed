// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.history.HistoryStates.Counters;
import dev.meshscope.session.record.RecordContents;
import dev.meshscope.session.record.RecordHeader;
import dev.meshscope.session.record.RecordItem;
import dev.meshscope.session.record.RecordReplay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record's history is on the record's clock: the axis starts at the record's first item (years before this run),
 * samples and markers sit at their items' times, rates divide by the time between two items whatever the recording
 * JVM's {@code nanoTime} said, and a peer that leaves departs at the record time of the sample it is missing from.
 * Negative twins: a record without samples has no series (its markers stay), and items fed out of order by a damaged
 * record never make a negative time.
 */
class RecordHistoryTest {
    /** 2020-09-13: a record made long before this test runs, so no time can come from this machine's clock. */
    private static final long T0 = 1_600_000_000_000_000L;
    /** The recording JVM's nanoTime: tiny, and the same in every sample (a clock that means nothing here). */
    private static final long FOREIGN_NANOS = 42;

    private static RecordItem.Stats stats(long at, long bytesIn, boolean withPeer) {
        List<dev.meshscope.core.snapshot.PeerSnapshot> peers = withPeer
                ? List.of(HistoryStates.peer(
                        2, List.of(HistoryStates.channel(0, new Counters(at / 1000, 0, 10, bytesIn, 5, 0, 0)))))
                : List.of();
        return new RecordItem.Stats(
                at,
                HistoryStates.state(FOREIGN_NANOS, peers, List.of(HistoryStates.probe(2, 0, 12.5, 13.0, 0, 0)))
                        .mesh(),
                "{  }",
                List.of(HistoryStates.probe(2, 0, 12.5 + at % 7, 13.0, 0, 0)));
    }

    private static RecordReplay replay(List<RecordItem> items) {
        return RecordReplay.of(new RecordContents(RecordHeader.start(T0, "test", null), items, null));
    }

    @Test
    void samplesAndMarkersSitAtTheirRecordTimesAndRatesDivideByRecordTime() {
        List<RecordItem> items = new ArrayList<>();
        items.add(new RecordItem.Event(T0 + 200_000, new MeshEvent.PeerAdded(FOREIGN_NANOS, 0, 2, false)));
        items.add(stats(T0 + 1_000_000, 1000, true));
        items.add(stats(T0 + 2_500_000, 7000, true)); // 6000 B in 1.5 s of record time
        items.add(stats(T0 + 3_500_000, 7500, true)); // 500 B in 1 s
        items.add(new RecordItem.Action(T0 + 3_700_000, OperatorAction.failed(2, "send", "channel 0 not open")));
        items.add(stats(T0 + 4_500_000, 7500, false)); // peer 2 gone
        SessionHistory h = RecordHistory.of(replay(items));

        assertThat(h.originMillis()).isEqualTo((T0 + 200_000) / 1000);
        assertThat(h.samples()).isEqualTo(4);
        PeerHistory p = h.peerHistory(2);
        assertThat(p).isNotNull();
        SampleRing ring = p.channel(0);
        assertThat(ring).isNotNull();
        assertThat(ring.size()).isEqualTo(3);
        assertThat(List.of(ring.timeMs(0), ring.timeMs(1), ring.timeMs(2))).containsExactly(800, 2300, 3300);
        int in = ChannelMetric.BYTES_IN.ordinal();
        assertThat(ring.value(in, 0)).isNaN();
        assertThat((double) ring.value(in, 1)).isCloseTo(6000 / 1.5, within(0.01));
        assertThat((double) ring.value(in, 2)).isCloseTo(500.0, within(0.01));
        assertThat((double) ring.value(ChannelMetric.PROBE_RTT.ordinal(), 1))
                .isCloseTo(12.5 + (T0 + 2_500_000) % 7, within(1e-3));
        assertThat(p.present()).isFalse();
        assertThat(p.departedAtMillis()).isEqualTo((T0 + 4_500_000) / 1000);
        assertThat(h.markers())
                .extracting(HistoryMarker::timeMs, HistoryMarker::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, HistoryMarker.Kind.PEER),
                        org.assertj.core.groups.Tuple.tuple(3500, HistoryMarker.Kind.ERROR));
        // Nothing of it is on this machine's clock (the record is years old).
        assertThat(System.currentTimeMillis() - h.originMillis()).isGreaterThan(365L * 24 * 3600 * 1000);
    }

    @Test
    void aRecordWithoutSamplesHasNoSeriesButKeepsItsMarkers() {
        List<RecordItem> items = List.of(
                new RecordItem.Event(T0 + 10, new MeshEvent.PeerAdded(FOREIGN_NANOS, 0, 2, false)),
                new RecordItem.Event(T0 + 2_000_010, new MeshEvent.PeerRemoved(FOREIGN_NANOS, 0, 2, true, "gone")));
        SessionHistory h = RecordHistory.of(replay(items));
        assertThat(h.samples()).isZero();
        assertThat(h.peers()).isEmpty();
        assertThat(h.markers()).extracting(HistoryMarker::timeMs).containsExactly(0, 2000);
        assertThat(h.originMillis()).isEqualTo((T0 + 10) / 1000);

        // And an empty record: an empty history, not an exception.
        SessionHistory none = RecordHistory.of(replay(List.of()));
        assertThat(none.samples()).isZero();
        assertThat(none.markers()).isEmpty();
    }

    @Test
    void samplesCloserThanAPeriodOnTheRecordClockAreSkippedAndAnEarlierItemNeverGoesNegative() {
        SessionHistory h = new SessionHistory(8);
        assertThat(h.onRecordedState(RecordHistory.state(stats(T0 + 1_000_000, 0, true)), T0 + 1_000_000))
                .isTrue();
        // 0.5 s later on the record's clock: not due, whatever nanoTime the recording JVM wrote.
        assertThat(h.onRecordedState(RecordHistory.state(stats(T0 + 1_500_000, 100, true)), T0 + 1_500_000))
                .isFalse();
        assertThat(h.onRecordedState(RecordHistory.state(stats(T0 + 2_000_000, 200, true)), T0 + 2_000_000))
                .isTrue();
        // An event stamped before the origin (clock skew in a damaged record) clamps to 0.
        h.onRecordedEvent(new MeshEvent.PeerAdded(FOREIGN_NANOS, 0, 3, false), T0);
        assertThat(h.markers())
                .singleElement()
                .extracting(HistoryMarker::timeMs)
                .isEqualTo(0);
        SampleRing ring = h.peerHistory(2).channel(0);
        assertThat(ring.timeMs(1)).isEqualTo(1000);
        assertThat((double) ring.value(ChannelMetric.BYTES_IN.ordinal(), 1)).isCloseTo(200.0, within(0.01));
    }
}
