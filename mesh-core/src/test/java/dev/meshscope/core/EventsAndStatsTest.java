// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RecordingListener;
import dev.meshscope.core.testing.RuntimeExtension;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a debugger sees: the event stream, snapshots for late subscribers, counters, wire stats. */
@Tag("native")
class EventsAndStatsTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    @Test
    void eventsTellTheWholeConnectStoryInOrder() {
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer b = new WebRtcMultiplayerPeer();
        RecordingListener r = new RecordingListener();
        a.addEventListener(r);
        a.createMesh(3);
        b.createMesh(2);
        Loopback.wire(RT.get(), a, 3, b, 2);
        List<WebRtcMultiplayerPeer> both = List.of(a, b);
        Pump.until("connected", () -> Loopback.fullyConnected(both), Loopback.pollAll(both));
        assertThat(r.events.get(0)).isInstanceOf(MeshEvent.Snapshot.class);
        assertThat(r.of(MeshEvent.PeerAdded.class))
                .extracting(MeshEvent::peerId)
                .containsExactly(2);
        assertThat(r.of(MeshEvent.DescriptionCreated.class))
                .singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo("offer"));
        assertThat(r.of(MeshEvent.RemoteDescriptionApplied.class))
                .singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo("answer"));
        assertThat(r.of(MeshEvent.CandidateCreated.class)).isNotEmpty();
        assertThat(r.of(MeshEvent.ConnectionStateChanged.class))
                .extracting(MeshEvent.ConnectionStateChanged::to)
                .endsWith(ConnectionState.CONNECTED);
        assertThat(r.of(MeshEvent.ChannelStateChanged.class))
                .filteredOn(e -> e.to() == ChannelState.OPEN)
                .extracting(MeshEvent.ChannelStateChanged::channelIndex)
                .containsExactlyInAnyOrder(0, 1, 2);
        int opened = r.events.indexOf(r.of(MeshEvent.ChannelStateChanged.class).get(2));
        int connected = r.events.indexOf(r.of(MeshEvent.PeerConnected.class).get(0));
        assertThat(connected).as("peer_connected after the last channel opened").isGreaterThan(opened);
        for (int i = 1; i < r.events.size(); i++) {
            assertThat(r.events.get(i).atNanos())
                    .isGreaterThanOrEqualTo(r.events.get(0).atNanos());
            assertThat(r.events.get(i).describe()).isNotBlank();
        }
        a.close();
        b.close();
    }

    @Test
    void aLateSubscriberGetsTheCurrentStateFirstWithCounters() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 5, 6);
        Runnable poll = Loopback.pollAll(mesh);
        WebRtcMultiplayerPeer a = mesh.get(0);
        a.setTargetPeer(6);
        for (int i = 0; i < 10; i++) {
            a.putPacket(new byte[100]);
        }
        a.setTransferMode(TransferMode.UNRELIABLE);
        a.putPacket(new byte[7]);
        WebRtcMultiplayerPeer b = mesh.get(1);
        Pump.until(
                "arrived",
                () -> b.getPeer(5).channels().get(0).messagesReceived() == 10
                        && b.getPeer(5).channels().get(2).messagesReceived() == 1,
                poll);
        RecordingListener late = new RecordingListener();
        a.addEventListener(late);
        MeshSnapshot s = ((MeshEvent.Snapshot) late.events.get(0)).snapshot();
        assertThat(s.uniqueId()).isEqualTo(5);
        assertThat(s.mode()).isEqualTo(NetworkMode.MESH);
        PeerSnapshot p = s.peer(6);
        assertThat(p.connected()).isTrue();
        assertThat(p.openChannels()).isEqualTo(3);
        ChannelSnapshot rel = p.channels().get(0);
        assertThat(rel.messagesSent()).isEqualTo(10);
        assertThat(rel.bytesSent()).isEqualTo(1000);
        assertThat(rel.label()).isEqualTo("reliable");
        assertThat(rel.streamId()).isEqualTo(1);
        assertThat(p.channels().get(2).messagesSent()).isEqualTo(1);
        assertThat(p.channels().get(2).ordered()).isFalse();
        assertThat(p.channels().get(2).maxPacketLifeTime()).isEqualTo(1);
        ChannelSnapshot in = b.snapshot().peer(5).channels().get(0);
        assertThat(in.messagesReceived()).isEqualTo(10);
        assertThat(in.bytesReceived()).isEqualTo(1000);
        assertThat(in.queued()).isEqualTo(10);
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void packetEventsAreEmittedOnlyWhenAskedFor() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 7, 8);
        Runnable poll = Loopback.pollAll(mesh);
        RecordingListener ra = new RecordingListener();
        RecordingListener rb = new RecordingListener();
        mesh.get(0).addEventListener(ra);
        mesh.get(1).addEventListener(rb);
        mesh.get(0).putPacket(new byte[3]);
        mesh.get(0).setPacketEventsEnabled(true);
        mesh.get(1).setPacketEventsEnabled(true);
        mesh.get(0).putPacket(new byte[4]);
        Pump.until("arrived", () -> mesh.get(1).getAvailablePacketCount() == 2, poll);
        mesh.get(1).getPacket();
        mesh.get(1).getPacket();
        assertThat(ra.of(MeshEvent.PacketSent.class)).singleElement().satisfies(e -> {
            assertThat(e.size()).isEqualTo(4);
            assertThat(e.peerId()).isEqualTo(8);
        });
        assertThat(rb.of(MeshEvent.PacketReceived.class))
                .extracting(MeshEvent.PacketReceived::size)
                .containsExactly(3, 4);
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void wireStatsReportTheSelectedPairItsRttAndBytes() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 9, 10);
        Runnable poll = Loopback.pollAll(mesh);
        mesh.get(0).putPacket(new byte[500]);
        RecordingListener r = new RecordingListener();
        mesh.get(0).addEventListener(r);
        assertThat(mesh.get(0).requestWireStats(10)).isEqualTo(GodotError.OK);
        Pump.until("stats", () -> !r.of(MeshEvent.WireStatsUpdated.class).isEmpty(), poll);
        var stats = r.of(MeshEvent.WireStatsUpdated.class).get(0).stats();
        assertThat(stats.selectedPair()).contains("host udp").contains("->");
        assertThat(stats.bytesSent()).isGreaterThan(500);
        assertThat(stats.dtlsState()).isEqualTo("connected");
        assertThat(stats.channels()).extracting(c -> c.streamId()).contains(1, 2, 3);
        assertThat(stats.summary()).contains("rtt");
        assertThat(mesh.get(0).requestWireStats(99)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        RecordingListener r = new RecordingListener();
        p.addEventListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        p.addEventListener(r);
        p.createMesh(2);
        assertThat(r.of(MeshEvent.Created.class)).hasSize(1);
    }
}
