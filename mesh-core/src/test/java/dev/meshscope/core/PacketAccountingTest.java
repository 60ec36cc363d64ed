// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RuntimeExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every packet is read under the channel, mode and form it really came in on, checked against what the packet
 * itself says (the channel index and sequence written inside it by the sender).
 */
@Tag("native")
class PacketAccountingTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    /** Packets per channel per burst, and bursts: enough interleaving for arrivals to land between reads. */
    private static final int BURST = 40;

    private static final int BURSTS = 25;

    private static byte[] tagged(int channel, int seq) {
        return ByteBuffer.allocate(8).putInt(channel).putInt(seq).array();
    }

    private static void sendOn(WebRtcMultiplayerPeer p, int to, int channel, byte[] data) {
        assertThat(p.putPacketOn(to, channel, WriteMode.BINARY, data)).isEqualTo(GodotError.OK);
    }

    @Test
    void aFloodOnEveryChannelIsReadUnderTheChannelEachPacketCameIn() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 1, 2);
        WebRtcMultiplayerPeer reader = mesh.get(0);
        WebRtcMultiplayerPeer remote = mesh.get(1);
        long runtimeBefore = RT.get().messagesReceived();
        int[] perChannel = new int[3];
        int[] seqs = new int[3];
        List<String> mismatches = new ArrayList<>();
        for (int burst = 0; burst < BURSTS; burst++) {
            // Highest-priority channel last, so it keeps arriving while the reader serves the lower ones.
            for (int i = 0; i < BURST; i++) {
                for (int ch = 2; ch >= 0; ch--) {
                    sendOn(remote, 1, ch, tagged(ch, seqs[ch]++));
                }
            }
            for (int reads = 0; reads < 4 * BURST; reads++) {
                reader.poll();
                while (reader.getAvailablePacketCount() > 0) {
                    int announced = reader.getPacketChannelIndex();
                    TransferMode mode = reader.getPacketMode();
                    byte[] data = reader.getPacket();
                    assertThat(reader.getPacketError()).isEqualTo(GodotError.OK);
                    int written = ByteBuffer.wrap(data).getInt(0);
                    if (written != announced || mode != reader.getChannelModes().get(written)) {
                        mismatches.add("written " + written + ", announced " + announced + " " + mode);
                    }
                    perChannel[written]++;
                }
            }
        }
        int sentReliable = seqs[0];
        Pump.until(
                "every reliable packet read",
                () -> {
                    while (reader.getAvailablePacketCount() > 0) {
                        int announced = reader.getPacketChannelIndex();
                        int written = ByteBuffer.wrap(reader.getPacket()).getInt(0);
                        if (written != announced) {
                            mismatches.add("written " + written + ", announced " + announced);
                        }
                        perChannel[written]++;
                    }
                    return perChannel[0] == sentReliable;
                },
                reader::poll,
                remote::poll);
        assertThat(mismatches).as("packets read under another channel's label").isEmpty();
        assertThat(perChannel[0]).isEqualTo(BURST * BURSTS);
        WebRtcDataChannel in = reader.getPeer(2).channels().get(0);
        assertThat(in.messagesReceived())
                .as("the channel counter agrees with the packets read")
                .isEqualTo(perChannel[0]);
        long channelTotal = 0;
        for (WebRtcDataChannel ch : reader.getPeer(2).channels()) {
            channelTotal += ch.messagesReceived();
        }
        for (WebRtcDataChannel ch : remote.getPeer(1).channels()) {
            channelTotal += ch.messagesReceived();
        }
        assertThat(RT.get().messagesReceived() - runtimeBefore)
                .as("the runtime's count (behind the leak estimate) agrees with every channel's own count")
                .isEqualTo(channelTotal);
        assertThat(RT.get().leakEstimateBytes())
                .isEqualTo(RT.get().messagesReceived() * WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE);
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    /**
     * The race made certain: the reader is told the next packet is on "unreliable", then a reliable packet arrives
     * before it reads. It must still get the announced unreliable packet; the reliable one comes next.
     */
    @Test
    void aPacketArrivingBetweenTheAnnouncementAndTheReadDoesNotTakeTheAnnouncedPlace() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 11, 12);
        WebRtcMultiplayerPeer reader = mesh.get(0);
        WebRtcMultiplayerPeer remote = mesh.get(1);
        WebRtcDataChannel unreliableIn = reader.getPeer(12).channels().get(2);
        WebRtcDataChannel reliableIn = reader.getPeer(12).channels().get(0);
        sendOn(remote, 11, 2, tagged(2, 0));
        Pump.until("unreliable packet queued", () -> unreliableIn.getAvailablePacketCount() == 1, remote::poll);
        reader.poll();
        assertThat(reader.getPacketChannelIndex()).isEqualTo(2);
        assertThat(reader.getPacketMode()).isEqualTo(TransferMode.UNRELIABLE);
        sendOn(remote, 11, 0, tagged(0, 0));
        Pump.until("reliable packet queued meanwhile", () -> reliableIn.getAvailablePacketCount() == 1, remote::poll);
        assertThat(ByteBuffer.wrap(reader.getPacket()).getInt(0))
                .as("the announced packet")
                .isEqualTo(2);
        assertThat(reader.getPacketChannelIndex())
                .as("then the reliable one is announced")
                .isZero();
        assertThat(reader.getPacketMode()).isEqualTo(TransferMode.RELIABLE);
        assertThat(ByteBuffer.wrap(reader.getPacket()).getInt(0)).isZero();
        assertThat(reader.getAvailablePacketCount()).isZero();
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void textStaysTextAndBinaryStaysBinaryWhenEchoedOnTheChannelItCameIn() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 3, 4);
        WebRtcMultiplayerPeer echo = mesh.get(0);
        WebRtcMultiplayerPeer sender = mesh.get(1);
        Runnable poll = Loopback.pollAll(mesh);
        for (int ch = 0; ch < 3; ch++) {
            assertThat(sender.putPacketOn(3, ch, WriteMode.TEXT, ("text " + ch).getBytes()))
                    .isEqualTo(GodotError.OK);
            assertThat(sender.putPacketOn(3, ch, WriteMode.BINARY, new byte[] {(byte) ch}))
                    .isEqualTo(GodotError.OK);
        }
        List<String> echoed = new ArrayList<>();
        Pump.until(
                "six packets echoed",
                () -> {
                    while (echo.getAvailablePacketCount() > 0) {
                        int from = echo.getPacketPeer();
                        int ch = echo.getPacketChannelIndex();
                        byte[] data = echo.getPacket();
                        WriteMode form = echo.wasStringPacket() ? WriteMode.TEXT : WriteMode.BINARY;
                        assertThat(echo.putPacketOn(from, ch, form, data)).isEqualTo(GodotError.OK);
                        echoed.add(ch + ":" + form);
                    }
                    return echoed.size() == 6;
                },
                poll);
        List<String> back = new ArrayList<>();
        Pump.until(
                "six replies",
                () -> {
                    while (sender.getAvailablePacketCount() > 0) {
                        int ch = sender.getPacketChannelIndex();
                        byte[] data = sender.getPacket();
                        boolean text = sender.wasStringPacket();
                        back.add(ch + ":" + (text ? "TEXT " + new String(data) : "BINARY " + data[0]));
                    }
                    return back.size() == 6;
                },
                poll);
        assertThat(back)
                .containsExactlyInAnyOrder(
                        "0:TEXT text 0", "0:BINARY 0", "1:TEXT text 1", "1:BINARY 1", "2:TEXT text 2", "2:BINARY 2");
        assertThat(sender.putPacketOn(3, 3, WriteMode.TEXT, new byte[1]))
                .as("no channel 3 without extras")
                .isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(sender.putPacketOn(99, 0, WriteMode.TEXT, new byte[1])).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void probePingsAreAnsweredWhereTheyArriveWithoutTheOwnerPolling() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 5, 6);
        WebRtcMultiplayerPeer pinger = mesh.get(0);
        WebRtcMultiplayerPeer answerer = mesh.get(1);
        answerer.setAnswerProbesOnArrival(true);
        ProbeTracker tracker = new ProbeTracker();
        int rounds = 20;
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < rounds; i++) {
                sendOn(pinger, 6, ch, tracker.nextPacket(6, ch, ProbePacket.Kind.PING, new byte[16]));
            }
        }
        // Only the pinger is polled: the answerer's owner never runs, so every pong comes from the callback.
        Pump.until(
                "pongs on every channel",
                () -> {
                    while (pinger.getAvailablePacketCount() > 0) {
                        int from = pinger.getPacketPeer();
                        int ch = pinger.getPacketChannelIndex();
                        tracker.onReceived(from, ch, pinger.getPacket(), pinger.getLastPacketArrivalNanos());
                    }
                    return tracker.stats().stream()
                                    .mapToLong(ProbeStats::received)
                                    .sum()
                            >= 3L * rounds - lossAllowance();
                },
                pinger::poll);
        for (ProbeStats s : tracker.stats()) {
            assertThat(s.wrongChannel()).as("channel %d", s.channel()).isZero();
            assertThat(s.duplicates()).isZero();
        }
        assertThat(tracker.stats().get(0).received())
                .as("reliable: all answered")
                .isEqualTo(rounds);
        WebRtcDataChannel reliable = answerer.getPeer(5).channels().get(0);
        assertThat(reliable.pongsSentOnArrival()).isEqualTo(rounds);
        assertThat(reliable.messagesSent()).as("pongs count as sent").isEqualTo(rounds);
        assertThat(reliable.messagesReceived()).isEqualTo(rounds);
        answerer.poll();
        assertThat(answerer.getAvailablePacketCount())
                .as("answered pings are not queued")
                .isZero();
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void withoutTheOptionPingsWaitForTheOwner() {
        List<WebRtcMultiplayerPeer> mesh = Loopback.connectedMesh(RT.get(), 7, 8);
        WebRtcMultiplayerPeer pinger = mesh.get(0);
        WebRtcMultiplayerPeer other = mesh.get(1);
        ProbeTracker tracker = new ProbeTracker();
        sendOn(pinger, 8, 0, tracker.nextPacket(8, 0, ProbePacket.Kind.PING, new byte[16]));
        WebRtcDataChannel in = other.getPeer(7).channels().get(0);
        Pump.until("ping queued", () -> in.getAvailablePacketCount() == 1, pinger::poll);
        Pump.during(Duration.ofMillis(200), pinger::poll);
        assertThat(pinger.getAvailablePacketCount())
                .as("no pong without the option")
                .isZero();
        assertThat(in.pongsSentOnArrival()).isZero();
        other.poll();
        assertThat(ProbePacket.decode(other.getPacket()).kind()).isEqualTo(ProbePacket.Kind.PING);
        mesh.forEach(WebRtcMultiplayerPeer::close);
    }

    @Test
    void aLifetimeAboveTheWireLimitIsAcceptedAndClampedAsGodotAcceptsIt() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.createMesh(9)).isEqualTo(GodotError.OK);
        WebRtcPeerConnection c = new WebRtcPeerConnection(RT.get());
        assertThat(p.addPeer(c, 10, 70_000)).isEqualTo(GodotError.OK);
        assertThat(p.getPeer(10).channels().get(1).getMaxPacketLifeTime()).isEqualTo(65535);
        assertThat(p.getPeer(10).channels().get(2).getMaxPacketLifeTime()).isEqualTo(65535);
        WebRtcPeerConnection d = new WebRtcPeerConnection(RT.get());
        assertThat(p.addPeer(d, 11, -1)).as("negative twin").isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(d.getChannels()).as("refused before touching the connection").isEmpty();
        d.close();
        p.close();
    }

    /** Unreliable channels (1 ms lifetime) may lose a few pongs on a loaded machine; reliable ones may not. */
    private static int lossAllowance() {
        return 4;
    }
}
