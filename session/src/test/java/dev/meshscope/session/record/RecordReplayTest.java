// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The state at time T: peers appear with their configured channels on PeerAdded, states follow the events after the
 * last sample, counters come from the last sample, departed peers keep when and why, the log is the prefix up to T,
 * and drops are counted where they happened.
 */
class RecordReplayTest {
    private static final long T0 = 1_800_000_000_000_000L;

    private static RecordItem.Event ev(long at, MeshEvent e) {
        return new RecordItem.Event(at, e);
    }

    private static RecordReplay replay() {
        List<RecordItem> items = new ArrayList<>();
        items.add(new RecordItem.Config(
                T0 + 5, "server", 1, List.of("RELIABLE", "UNRELIABLE_ORDERED", "UNRELIABLE"), List.of()));
        items.add(ev(T0 + 1, new MeshEvent.Created(1, 1, NetworkMode.SERVER, 1, 0)));
        items.add(ev(
                T0 + 2, new MeshEvent.StatusChanged(2, 1, ConnectionStatus.DISCONNECTED, ConnectionStatus.CONNECTED)));
        items.add(ev(T0 + 10, new MeshEvent.PeerAdded(10, 1, 2, false)));
        items.add(ev(
                T0 + 20,
                new MeshEvent.ConnectionStateChanged(20, 1, 2, ConnectionState.NEW, ConnectionState.CONNECTING)));
        items.add(new RecordItem.Action(T0 + 25, OperatorAction.ok(2, "add peer", "offered to 2")));
        items.add(new RecordItem.Stats(T0 + 1000, RecordSamples.mesh(1000, 40), RecordSamples.DICTIONARY, List.of()));
        items.add(ev(
                T0 + 1100,
                new MeshEvent.ChannelStateChanged(1100, 1, 2, 1, "ordered", ChannelState.OPEN, ChannelState.CLOSING)));
        items.add(new RecordItem.Dropped(T0 + 1150, 7, 7));
        items.add(ev(T0 + 1200, new MeshEvent.PeerRemoved(1200, 1, 2, true, "the connection failed")));
        items.add(new RecordItem.Stats(T0 + 2000, RecordSamples.mesh(2000, 50), "{  }", List.of()));
        return RecordReplay.of(new RecordContents(RecordHeader.start(T0, "test", null), items, null));
    }

    @Test
    void beforeTheFirstSampleThePeerComesFromEventsWithItsConfiguredChannels() {
        ReplayState s = replay().at(T0 + 20);
        assertThat(s.config().uniqueId()).isEqualTo(1);
        assertThat(s.mesh().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(s.mesh().peer(2).connection()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(s.mesh().peer(2).channels())
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(ChannelState.CONNECTING));
        assertThat(s.sampledAt()).isZero();
        assertThat(s.dictionary()).isEqualTo("{  }");
        assertThat(s.log())
                .extracting(ReplayState.LogEntry::kind)
                .containsExactly("Created", "StatusChanged", "PeerAdded", "ConnectionStateChanged");
    }

    @Test
    void afterASampleCountersAreTheSamplesAndStatesFollowLaterEvents() {
        ReplayState s = replay().at(T0 + 1100);
        assertThat(s.sampledAt()).isEqualTo(T0 + 1000);
        assertThat(s.dictionary()).isEqualTo(RecordSamples.DICTIONARY);
        assertThat(s.mesh().peer(2).channels().get(0).messagesSent()).isEqualTo(40);
        assertThat(s.mesh().peer(2).channels().get(1).state()).isEqualTo(ChannelState.CLOSING);
        assertThat(s.mesh().peer(2).connected()).isFalse();
        assertThat(s.dropped()).isZero();
        assertThat(s.log()).last().extracting(ReplayState.LogEntry::kind).isEqualTo("ChannelStateChanged");
        assertThat(s.log()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("action: add peer"));
    }

    @Test
    void aDepartedPeerKeepsWhenAndWhyAndDropsAreCountedWhereTheyHappened() {
        RecordReplay r = replay();
        ReplayState s = r.at(T0 + 1500);
        assertThat(s.mesh().peer(2)).isNull();
        assertThat(s.departed()).singleElement().satisfies(d -> {
            assertThat(d.peerId()).isEqualTo(2);
            assertThat(d.at()).isEqualTo(T0 + 1200);
            assertThat(d.reason()).isEqualTo("the connection failed");
        });
        assertThat(s.dropped()).isEqualTo(7);
        assertThat(s.log()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("dropped");
            assertThat(e.failed()).isTrue();
        });
        assertThat(r.at(T0 + 2000).mesh().peer(2).channels().get(0).messagesSent())
                .isEqualTo(50);
        assertThat(r.series(2, 0, RecordReplay.Measure.MESSAGES_SENT))
                .extracting(RecordReplay.Point::value)
                .containsExactly(40.0, 50.0);
        assertThat(r.startsAt()).isEqualTo(T0);
        assertThat(r.endsAt()).isEqualTo(T0 + 2000);
        assertThat(r.at(T0 - 1).log()).isEmpty();
    }
}
