// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RecordingListener;
import dev.meshscope.core.testing.RuntimeExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** put_packet routing (0, n, -n), round-robin fairness and the cursor rules of get_packet (spec 3.7, 3.8). */
@Tag("native")
class PacketRoutingTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(WebRtcMultiplayerPeer p) {
        List<String> got = new ArrayList<>();
        while (p.getAvailablePacketCount() > 0) {
            int from = p.getPacketPeer();
            got.add(from + ":" + new String(p.getPacket(), StandardCharsets.UTF_8));
        }
        return got;
    }

    @Test
    void meshOfEightConnectsAndRoutesBroadcastUnicastAndExclusion() {
        int[] ids = {1, 2, 3, 4, 5, 6, 7, 8};
        List<WebRtcMultiplayerPeer> mesh = Loopback.mesh(RT.get(), ids);
        List<RecordingListener> rec = new ArrayList<>();
        for (WebRtcMultiplayerPeer p : mesh) {
            RecordingListener r = new RecordingListener();
            p.addListener(r);
            rec.add(r);
        }
        Runnable poll = Loopback.pollAll(mesh);
        Pump.until("8-peer mesh connected", () -> Loopback.fullyConnected(mesh), poll);
        for (RecordingListener r : rec) {
            assertThat(r.signals).hasSize(7).allMatch(s -> s.startsWith("connected:"));
        }
        WebRtcMultiplayerPeer one = mesh.get(0);
        one.setTargetPeer(0);
        assertThat(one.putPacket(text("all"))).isEqualTo(GodotError.OK);
        one.setTargetPeer(-3);
        assertThat(one.putPacket(text("not3"))).isEqualTo(GodotError.OK);
        one.setTargetPeer(5);
        assertThat(one.putPacket(text("only5"))).isEqualTo(GodotError.OK);
        Pump.until(
                "delivered",
                () -> mesh.get(4).getAvailablePacketCount() == 3
                        && mesh.get(2).getAvailablePacketCount() == 1
                        && mesh.get(7).getAvailablePacketCount() == 2,
                poll);
        assertThat(drain(mesh.get(4))).containsExactly("1:all", "1:not3", "1:only5");
        assertThat(drain(mesh.get(2))).containsExactly("1:all");
        for (int i : new int[] {1, 3, 5, 6, 7}) {
            assertThat(drain(mesh.get(i))).as("peer %d", i + 1).containsExactly("1:all", "1:not3");
        }
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void packetsAreServedRoundRobinAcrossPeersAndByChannelPriorityWithinOne() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 10, 11, 12);
        WebRtcMultiplayerPeer a = mesh.get(0);
        WebRtcMultiplayerPeer b = mesh.get(1);
        WebRtcMultiplayerPeer c = mesh.get(2);
        List<Integer> order = new ArrayList<>(a.getPeers().keySet());
        assertThat(order).containsExactly(11, 12);
        b.setTargetPeer(10);
        c.setTargetPeer(10);
        b.setTransferMode(TransferMode.UNRELIABLE);
        b.putPacket(text("u1"));
        b.putPacket(text("u2"));
        b.setTransferMode(TransferMode.RELIABLE);
        for (String s : List.of("r1", "r2", "r3")) {
            b.putPacket(text(s));
        }
        for (String s : List.of("r1", "r2")) {
            c.putPacket(text(s));
        }
        PeerInfo fromB = a.getPeer(11);
        PeerInfo fromC = a.getPeer(12);
        // Only the senders are polled while the packets arrive: a poll of a would choose the next packet from
        // whatever had arrived at that moment (as in Godot), and the order below assumes a choice made with
        // everything queued.
        Pump.until(
                "all queued",
                () -> fromB.channels().get(0).getAvailablePacketCount() == 3
                        && fromB.channels().get(2).getAvailablePacketCount() == 2
                        && fromC.channels().get(0).getAvailablePacketCount() == 2,
                b::poll,
                c::poll);
        a.poll();
        List<String> got = new ArrayList<>();
        while (a.getAvailablePacketCount() > 0) {
            int from = a.getPacketPeer();
            int channel = a.getPacketChannel();
            TransferMode mode = a.getPacketMode();
            got.add(from + ":" + new String(a.getPacket(), StandardCharsets.UTF_8) + ":" + channel + ":" + mode);
        }
        assertThat(got)
                .containsExactly(
                        "11:r1:0:RELIABLE",
                        "12:r1:0:RELIABLE",
                        "11:r2:0:RELIABLE",
                        "12:r2:0:RELIABLE",
                        "11:r3:0:RELIABLE",
                        "11:u1:0:UNRELIABLE",
                        "11:u2:0:UNRELIABLE");
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void packetsArrivingAfterTheCursorWentToZeroWaitForTheNextPoll() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 20, 21);
        WebRtcMultiplayerPeer a = mesh.get(0);
        assertThat(a.getAvailablePacketCount()).isZero();
        mesh.get(1).putPacket(text("late"));
        WebRtcDataChannel in = a.getPeer(21).channels().get(0);
        Pump.until("queued on the channel", () -> in.getAvailablePacketCount() == 1);
        assertThat(a.getAvailablePacketCount())
                .as("invisible while the cursor is 0")
                .isZero();
        assertThat(a.getPacket()).isEmpty();
        assertThat(a.getPacketError()).isEqualTo(GodotError.ERR_UNAVAILABLE);
        a.poll();
        assertThat(a.getAvailablePacketCount()).isEqualTo(1);
        assertThat(new String(a.getPacket(), StandardCharsets.UTF_8)).isEqualTo("late");
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void zeroLengthPacketsAreRealPackets() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 30, 31);
        Runnable poll = Loopback.pollAll(mesh);
        assertThat(mesh.get(0).putPacket(new byte[0])).isEqualTo(GodotError.OK);
        Pump.until("arrived", () -> mesh.get(1).getAvailablePacketCount() == 1, poll);
        assertThat(mesh.get(1).getPacket()).isEmpty();
        assertThat(mesh.get(1).getPacketError()).isEqualTo(GodotError.OK);
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void stringMessagesAreReportedAsStringPackets() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 40, 41);
        Runnable poll = Loopback.pollAll(mesh);
        WebRtcDataChannel out = mesh.get(0).getPeer(41).channels().get(0);
        WebRtcDataChannel in = mesh.get(1).getPeer(40).channels().get(0);
        out.setWriteMode(WriteMode.TEXT);
        out.putPacket(text("hi"));
        out.setWriteMode(WriteMode.BINARY);
        out.putPacket(text("bin"));
        Pump.until("arrived", () -> in.getAvailablePacketCount() == 2, poll);
        in.getPacket();
        assertThat(in.wasStringPacket()).isTrue();
        in.getPacket();
        assertThat(in.wasStringPacket()).isFalse();
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }
}
