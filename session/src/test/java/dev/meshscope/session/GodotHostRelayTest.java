// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.MultiplayerPeer;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketReader;
import dev.meshscope.godot.packet.PacketWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MeshScope as a Godot host (id 1) of a real client/server mesh: the two clients behave as SceneMultiplayer clients
 * do on the wire (they wrap packets for each other in SYS RELAY and read ADD_PEER/DEL_PEER); every packet is checked
 * by decoding it with godot-wire, independently of the relay's own counters.
 */
@Tag("native")
class GodotHostRelayTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    private static final PacketReader READER = new PacketReader(DecodeOptions.DEFAULTS);

    private record Got(int from, int channel, Packet packet) {}

    private final WebRtcMultiplayerPeer server = new WebRtcMultiplayerPeer();
    private final WebRtcMultiplayerPeer c2 = new WebRtcMultiplayerPeer();
    private final WebRtcMultiplayerPeer c3 = new WebRtcMultiplayerPeer();
    private final List<Got> at2 = new ArrayList<>();
    private final List<Got> at3 = new ArrayList<>();
    private final List<String> hostProcessed = new ArrayList<>();
    private GodotHostRelay relay;
    private Runnable poll;

    @BeforeEach
    void connect() {
        server.createServer();
        c2.createClient(2);
        c3.createClient(3);
        relay = new GodotHostRelay(server);
        server.addListener(new MultiplayerPeer.Listener() {
            @Override
            public void peerConnected(int id) {
                relay.peerConnected(id);
            }

            @Override
            public void peerDisconnected(int id) {
                relay.peerDisconnected(id);
            }
        });
        Loopback.wire(RT.get(), server, 1, c2, 2);
        poll = () -> {
            server.poll();
            c2.poll();
            c3.poll();
            drainServer();
            drain(c2, at2);
            drain(c3, at3);
        };
        Pump.until(
                "client 2 connected",
                () -> c2.getPeer(1) != null && c2.getPeer(1).connected(),
                poll);
        Loopback.wire(RT.get(), server, 1, c3, 3);
        Pump.until(
                "client 3 connected",
                () -> c3.getPeer(1) != null && c3.getPeer(1).connected(),
                poll);
    }

    @AfterEach
    void close() {
        server.close();
        c2.close();
        c3.close();
    }

    @Test
    void eachClientLearnsTheOtherByAddPeerOnTheReliableChannel() {
        Pump.until("ADD_PEER both ways", () -> !at2.isEmpty() && !at3.isEmpty(), poll);
        assertThat(at2).containsExactly(new Got(1, 0, new Packet.SysAddPeer(3)));
        assertThat(at3).containsExactly(new Got(1, 0, new Packet.SysAddPeer(2)));
        assertThat(relay.admitted()).containsExactly(2, 3);
        assertThat(relay.stats().addPeerSent()).isEqualTo(2);
    }

    @Test
    void aRelayToOneClientArrivesFromItsRealSourceOnTheSameChannelWithItsPayloadIntact() {
        Pump.until("admitted", () -> at3.size() == 1, poll);
        byte[] inner = PacketWriter.encode(new Packet.Raw("hello 3".getBytes(StandardCharsets.UTF_8)));
        assertThat(c2.putPacketOn(1, 2, WriteMode.BINARY, PacketWriter.encode(new Packet.SysRelay(3, decode(inner)))))
                .isEqualTo(GodotError.OK);
        Pump.until("relayed to 3", () -> at3.size() == 2, poll);
        Got got = at3.get(1);
        assertThat(got.from()).as("the host sent it").isEqualTo(1);
        assertThat(got.channel()).as("kept the arrival channel (unreliable)").isEqualTo(2);
        assertThat(got.packet()).isEqualTo(new Packet.SysRelay(2, decode(inner)));
        assertThat(hostProcessed)
                .as("a unicast relay is not processed by the host")
                .isEmpty();
        assertThat(at2).hasSize(1);
    }

    @Test
    void aBroadcastRelayReachesEveryOtherClientAndTheHostItselfButAnExclusionSkipsItsPeer() {
        Pump.until("admitted", () -> at2.size() == 1 && at3.size() == 1, poll);
        Packet hi = new Packet.Raw(new byte[] {1, 2, 3});
        c3.putPacketOn(1, 0, WriteMode.BINARY, PacketWriter.encode(new Packet.SysRelay(0, hi)));
        Pump.until("broadcast relayed", () -> at2.size() == 2 && hostProcessed.size() == 1, poll);
        assertThat(at2.get(1).packet()).isEqualTo(new Packet.SysRelay(3, hi));
        assertThat(hostProcessed).containsExactly("from 3: " + hi);

        c3.putPacketOn(1, 0, WriteMode.BINARY, PacketWriter.encode(new Packet.SysRelay(-2, hi)));
        Pump.until("the exclusion is processed by the host", () -> hostProcessed.size() == 2, poll);
        Pump.during(java.time.Duration.ofMillis(200), poll);
        assertThat(at2).as("peer 2 was excluded").hasSize(2);
        assertThat(at3).as("the sender never gets its own relay").hasSize(1);
    }

    @Test
    void aClientLeavingIsAnnouncedWithDelPeer() {
        Pump.until("admitted", () -> at2.size() == 1, poll);
        c3.close();
        Pump.until("DEL_PEER", () -> at2.size() == 2, poll);
        assertThat(at2.get(1)).isEqualTo(new Got(1, 0, new Packet.SysDelPeer(3)));
        assertThat(relay.admitted()).containsExactly(2);
    }

    @Test
    void relaysToAnUnknownPeerOrWithoutPayloadAreDroppedAsGodotDropsThem() {
        Pump.until("admitted", () -> at2.size() == 1 && at3.size() == 1, poll);
        c2.putPacketOn(
                1, 0, WriteMode.BINARY, PacketWriter.encode(new Packet.SysRelay(77, new Packet.Raw(new byte[] {9}))));
        Pump.until("dropped", () -> relay.stats().dropped() == 1, poll);
        assertThat(relay.lastDrop()).contains("to peer 77, which is not admitted");
        c2.putPacketOn(1, 0, WriteMode.BINARY, new byte[] {0x07, 0x03, 3, 0, 0, 0});
        Pump.until("dropped", () -> relay.stats().dropped() == 2, poll);
        assertThat(relay.lastDrop()).contains("no payload");
        Pump.during(java.time.Duration.ofMillis(200), poll);
        assertThat(at3).hasSize(1);
        assertThat(relay.stats().relayed()).isZero();
    }

    @Test
    void withRelayOffNothingIsAnnouncedOrForwarded() {
        Pump.until("admitted", () -> at2.size() == 1, poll);
        relay.setEnabled(false);
        byte[] wrapped = PacketWriter.encode(new Packet.SysRelay(3, new Packet.Raw(new byte[] {5})));
        assertThat(relay.onPacket(2, 0, wrapped)).isEqualTo(GodotHostRelay.Verdict.NOT_RELAY);
        assertThat(relay.stats().relayed()).isZero();
    }

    private void drainServer() {
        while (server.getAvailablePacketCount() > 0) {
            int from = server.getPacketPeer();
            int channel = server.getPacketChannelIndex();
            byte[] data = server.getPacket();
            GodotHostRelay.Verdict v = relay.onPacket(from, channel, data);
            if (v == GodotHostRelay.Verdict.CONSUMED_AND_LOCAL) {
                hostProcessed.add("from " + relay.lastSource() + ": " + decode(relay.lastPayload()));
            } else if (v == GodotHostRelay.Verdict.NOT_RELAY) {
                hostProcessed.add("direct from " + from + ": " + decode(data));
            }
        }
    }

    private static void drain(WebRtcMultiplayerPeer p, List<Got> into) {
        while (p.getAvailablePacketCount() > 0) {
            int from = p.getPacketPeer();
            int channel = p.getPacketChannelIndex();
            into.add(new Got(from, channel, decode(p.getPacket())));
        }
    }

    private static Packet decode(byte @org.jspecify.annotations.Nullable [] data) {
        if (data == null) {
            throw new AssertionError("no payload");
        }
        return READER.decode(data).value();
    }
}
