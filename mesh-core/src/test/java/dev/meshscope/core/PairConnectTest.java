// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RecordingListener;
import dev.meshscope.core.testing.RuntimeExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two real webrtc-java peers in one process: connect, exchange on every channel, disconnect. */
@Tag("native")
class PairConnectTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    @Test
    void meshPairConnectsAndSignalsOnce() {
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer b = new WebRtcMultiplayerPeer();
        RecordingListener ra = new RecordingListener();
        RecordingListener rb = new RecordingListener();
        a.addListener(ra);
        b.addListener(rb);
        a.createMesh(2);
        b.createMesh(3);
        Loopback.wire(RT.get(), a, 2, b, 3);
        Runnable poll = Loopback.pollAll(List.of(a, b));
        Pump.until("pair connected", () -> ra.signals.size() == 1 && rb.signals.size() == 1, poll);
        assertThat(ra.signals).containsExactly("connected:3");
        assertThat(rb.signals).containsExactly("connected:2");
        PeerInfo info = a.getPeer(3);
        assertThat(info.connected()).isTrue();
        assertThat(info.connection().getConnectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(info.channels()).extracting(WebRtcDataChannel::getReadyState).containsOnly(ChannelState.OPEN);
        Pump.during(java.time.Duration.ofMillis(100), poll);
        assertThat(ra.signals).as("peer_connected fires exactly once").hasSize(1);
        a.close();
        b.close();
    }

    @Test
    void packetsFlowBothWaysOnEveryChannelWithTheirPeerChannelAndMode() {
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer b = new WebRtcMultiplayerPeer();
        a.createMesh(10, List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE, TransferMode.UNRELIABLE_ORDERED));
        b.createMesh(20, List.of(2, 0, 1));
        Loopback.wire(RT.get(), a, 10, b, 20);
        Runnable poll = Loopback.pollAll(List.of(a, b));
        Pump.until(
                "connected",
                () -> a.getPeers().size() == 1
                        && a.getPeer(20).connected()
                        && b.getPeers().size() == 1
                        && b.getPeer(10).connected(),
                poll);

        record Send(TransferMode mode, int channel, int expectChannel, TransferMode expectMode) {}
        List<Send> sends = List.of(
                new Send(TransferMode.RELIABLE, 0, 0, TransferMode.RELIABLE),
                new Send(TransferMode.UNRELIABLE_ORDERED, 0, 0, TransferMode.UNRELIABLE_ORDERED),
                new Send(TransferMode.UNRELIABLE, 0, 0, TransferMode.UNRELIABLE),
                new Send(TransferMode.UNRELIABLE, 1, 1, TransferMode.RELIABLE),
                new Send(TransferMode.RELIABLE, 2, 2, TransferMode.UNRELIABLE),
                new Send(TransferMode.RELIABLE, 3, 3, TransferMode.UNRELIABLE_ORDERED));
        for (WebRtcMultiplayerPeer[] dir :
                List.of(new WebRtcMultiplayerPeer[] {a, b}, new WebRtcMultiplayerPeer[] {b, a})) {
            WebRtcMultiplayerPeer from = dir[0];
            WebRtcMultiplayerPeer to = dir[1];
            int fromId = from == a ? 10 : 20;
            for (Send s : sends) {
                from.setTargetPeer(to == a ? 10 : 20);
                from.setTransferMode(s.mode());
                from.setTransferChannel(s.channel());
                byte[] payload = (s.mode() + "/" + s.channel()).getBytes(StandardCharsets.UTF_8);
                assertThat(from.putPacket(payload)).isEqualTo(GodotError.OK);
                Pump.until("packet " + s, () -> to.getAvailablePacketCount() > 0, poll);
                assertThat(to.getPacketPeer()).isEqualTo(fromId);
                assertThat(to.getPacketChannel()).isEqualTo(s.expectChannel());
                assertThat(to.getPacketMode()).isEqualTo(s.expectMode());
                assertThat(new String(to.getPacket(), StandardCharsets.UTF_8)).isEqualTo(s.mode() + "/" + s.channel());
                assertThat(to.getPacketError()).isEqualTo(GodotError.OK);
            }
        }
        List<WebRtcDataChannel> chs = a.getPeer(20).channels();
        assertThat(chs).extracting(WebRtcDataChannel::getId).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(chs)
                .extracting(WebRtcDataChannel::getLabel)
                .containsExactly("reliable", "ordered", "unreliable", "4", "5", "6");
        assertThat(chs).extracting(WebRtcDataChannel::messagesSent).containsExactly(1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(chs).extracting(WebRtcDataChannel::messagesReceived).containsExactly(1L, 1L, 1L, 1L, 1L, 1L);
        a.close();
        b.close();
    }

    @Test
    void removingAPeerClosesItsChannelsAndTheRemoteSignalsDisconnect() {
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer b = new WebRtcMultiplayerPeer();
        RecordingListener rb = new RecordingListener();
        b.addListener(rb);
        a.createMesh(5);
        b.createMesh(6);
        Loopback.wire(RT.get(), a, 5, b, 6);
        Runnable poll = Loopback.pollAll(List.of(a, b));
        Pump.until("connected", () -> rb.signals.contains("connected:5"), poll);
        b.addEventListener(rb);
        a.removePeer(6);
        assertThat(a.hasPeer(6)).isFalse();
        Pump.until("remote sees the channels close", () -> !b.hasPeer(5), poll);
        assertThat(rb.signals).containsExactly("connected:5", "disconnected:5");
        assertThat(rb.of(MeshEvent.PeerRemoved.class))
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("CLOS"));
        a.close();
        b.close();
    }

    @Test
    void clientIsConnectingUntilTheServerConnectsAndDisconnectedWhenItGoes() {
        WebRtcMultiplayerPeer server = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer client = new WebRtcMultiplayerPeer();
        RecordingListener rc = new RecordingListener();
        client.addListener(rc);
        server.createServer();
        client.createClient(7);
        assertThat(client.getConnectionStatus()).isEqualTo(ConnectionStatus.CONNECTING);
        Loopback.wire(RT.get(), server, 1, client, 7);
        Runnable poll = Loopback.pollAll(List.of(server, client));
        Pump.until("client connected", () -> client.getConnectionStatus() == ConnectionStatus.CONNECTED, poll);
        assertThat(rc.signals).containsExactly("connected:1");
        server.close();
        Pump.until(
                "client sees the server go", () -> client.getConnectionStatus() == ConnectionStatus.DISCONNECTED, poll);
        assertThat(rc.signals).containsExactly("connected:1", "disconnected:1");
        client.close();
    }

    @Test
    void closeAndForcedDisconnectDropPeersWithoutSignals() {
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer b = new WebRtcMultiplayerPeer();
        RecordingListener ra = new RecordingListener();
        a.addListener(ra);
        a.createMesh(40);
        b.createMesh(41);
        Loopback.wire(RT.get(), a, 40, b, 41);
        Runnable poll = Loopback.pollAll(List.of(a, b));
        Pump.until("connected", () -> ra.signals.size() == 1, poll);
        a.disconnectPeer(41, true);
        assertThat(a.hasPeer(41)).isFalse();
        Pump.during(java.time.Duration.ofMillis(50), poll);
        assertThat(ra.signals).containsExactly("connected:41");
        a.close();
        assertThat(a.getConnectionStatus()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(a.getNetworkMode()).isEqualTo(NetworkMode.NONE);
        b.close();
    }

    @Test
    void aGracefulDisconnectRemovesThePeerOnTheNextPollWithTheSignal() {
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer b = new WebRtcMultiplayerPeer();
        RecordingListener ra = new RecordingListener();
        a.addListener(ra);
        a.createMesh(50);
        b.createMesh(51);
        Loopback.wire(RT.get(), a, 50, b, 51);
        Runnable poll = Loopback.pollAll(List.of(a, b));
        Pump.until("connected", () -> ra.signals.size() == 1, poll);
        a.disconnectPeer(51, false);
        assertThat(a.hasPeer(51)).as("still there until the next poll").isTrue();
        a.poll();
        assertThat(a.hasPeer(51)).isFalse();
        assertThat(ra.signals).containsExactly("connected:51", "disconnected:51");
        a.close();
        b.close();
    }

    @Test
    void aClientWhoseServerFailsBeforeConnectingStaysConnectingSilently() {
        WebRtcMultiplayerPeer client = new WebRtcMultiplayerPeer();
        RecordingListener rc = new RecordingListener();
        client.addListener(rc);
        client.addEventListener(rc);
        client.createClient(9);
        WebRtcPeerConnection toServer = new WebRtcPeerConnection(RT.get());
        client.addPeer(toServer, 1);
        toServer.close();
        client.poll();
        assertThat(client.hasPeer(1)).isFalse();
        assertThat(client.getConnectionStatus())
                .as("Godot G5: no failure is signalled")
                .isEqualTo(ConnectionStatus.CONNECTING);
        assertThat(rc.signals).isEmpty();
        assertThat(rc.of(MeshEvent.PeerRemoved.class))
                .singleElement()
                .satisfies(e -> assertThat(e.signalled()).isFalse());
        client.close();
    }

    @Test
    void inBandChannelsArriveThroughDataChannelReceived() {
        WebRtcPeerConnection a = new WebRtcPeerConnection(RT.get());
        WebRtcPeerConnection b = new WebRtcPeerConnection(RT.get());
        List<WebRtcDataChannel> received = new java.util.ArrayList<>();
        b.addListener(new WebRtcPeerConnection.Listener() {
            @Override
            public void dataChannelReceived(WebRtcDataChannel channel) {
                received.add(channel);
            }
        });
        a.createDataChannel("fixed", DataChannelOptions.negotiated(0));
        b.createDataChannel("fixed", DataChannelOptions.negotiated(0));
        WebRtcDataChannel chat = a.createDataChannel("chat", DataChannelOptions.inBand());
        assertThat(chat.getId()).as("unknown before negotiation").isEqualTo(-1);
        Loopback.link(a, b);
        Loopback.link(b, a);
        a.createOffer();
        Pump.until(
                "channel received and open",
                () -> received.size() == 1
                        && received.get(0).getReadyState() == ChannelState.OPEN
                        && chat.getReadyState() == ChannelState.OPEN,
                a::poll,
                b::poll);
        assertThat(received.get(0).getLabel()).isEqualTo("chat");
        assertThat(received.get(0).isNegotiated()).isFalse();
        assertThat(chat.getId())
                .as("the creator reads the live stream id once open, as Godot does")
                .isNotNegative()
                .isEqualTo(received.get(0).getId());
        assertThat(a.getChannels().get(0).getId())
                .as("negative twin: a negotiated id is the one given")
                .isZero();
        assertThat(chat.putPacket("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(GodotError.OK);
        Pump.until("message", () -> received.get(0).getAvailablePacketCount() == 1, a::poll, b::poll);
        assertThat(new String(received.get(0).getPacket(), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        a.close();
        b.close();
    }
}
