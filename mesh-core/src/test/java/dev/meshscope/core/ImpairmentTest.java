// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.core.impair.Impairment;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RecordingListener;
import dev.meshscope.core.testing.RuntimeExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Impairment inside MeshScope's own send and receive path, on a real connected pair: the probes measure the delay
 * and the loss that were set (within the tolerances stated below), the impairment's own drop counter equals the
 * probes' loss exactly, pause holds and releases in order, a bandwidth cap spreads packets out, and bad settings
 * change nothing.
 */
@Tag("native")
class ImpairmentTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    /** Pings per measurement: enough for a loss estimate within ~3.5 standard deviations of 5 points at 10 %. */
    private static final int PINGS = 400;

    private static final int A = 2;
    private static final int B = 3;

    private WebRtcMultiplayerPeer a;
    private WebRtcMultiplayerPeer b;
    private Runnable poll;
    private final ProbeTracker tracker = new ProbeTracker();
    private final List<byte[]> receivedByB = new ArrayList<>();

    @BeforeEach
    void connect() {
        a = new WebRtcMultiplayerPeer();
        b = new WebRtcMultiplayerPeer();
        a.createMesh(A);
        b.createMesh(B);
        b.setAnswerProbesOnArrival(true);
        Loopback.wire(RT.get(), a, A, b, B);
        poll = () -> {
            a.poll();
            b.poll();
            readOnA();
            echoOnB();
        };
        Pump.until(
                "pair connected", () -> a.getPeer(B).connected() && b.getPeer(A).connected(), poll);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void probesMeasureTheDelayAndLossThatWereSetAndTheDropCounterAgreesExactly() {
        ProbeStats base = probe(0, 60);
        Impairment set = new Impairment(40, 0, 10, 0, false);
        assertThat(a.setImpairment(B, -1, ImpairDirection.OUTBOUND, set)).isEqualTo(GodotError.OK);
        ProbeStats impaired = probe(1, PINGS);

        long dropped = channel(a, B, 1).impairedDrops();
        long lost = impaired.sent() - impaired.received();
        double addedMs = impaired.rttMedianMs() - base.rttMedianMs();
        System.err.printf(
                "ImpairmentTest: set 40 ms + 10%% loss; measured +%.2f ms (median %.2f vs %.2f) and %.1f%% loss (%d of %d)%n",
                addedMs, impaired.rttMedianMs(), base.rttMedianMs(), 100.0 * lost / PINGS, lost, PINGS);
        assertThat(lost).as("probe loss equals the impairment's own drop count").isEqualTo(dropped);
        // Binomial(400, 0.1): sd 1.5 points; 4.5 to 16 % is more than 3.5 sd either side.
        assertThat(lost / (double) PINGS).isBetween(0.045, 0.16);
        // The timer wakes the owner within a millisecond or two; a loaded 2-core machine adds a few more.
        assertThat(addedMs).isBetween(38.0, 52.0);
        assertThat(channel(b, A, 1).impairedDrops())
                .as("the remote dropped nothing itself")
                .isZero();
    }

    @Test
    void anInboundDelayLengthensTheRoundTripAsSeenByThisPeerOnly() {
        ProbeStats base = probe(0, 60);
        assertThat(a.setImpairment(B, 0, ImpairDirection.INBOUND, Impairment.delay(30)))
                .isEqualTo(GodotError.OK);
        ProbeStats slow = probe(0, 100);
        double addedMs = slow.rttMedianMs() - base.rttMedianMs();
        System.err.printf("ImpairmentTest: inbound 30 ms measured +%.2f ms%n", addedMs);
        assertThat(addedMs).isBetween(28.0, 42.0);
        assertThat(slow.received()).isEqualTo(100);
        assertThat(a.getImpairment(B, 0, ImpairDirection.INBOUND)).isEqualTo(Impairment.delay(30));
        assertThat(a.getImpairment(B, 1, ImpairDirection.INBOUND)).isEqualTo(Impairment.NONE);
    }

    @Test
    void pauseHoldsEverythingAndReleasesItInOrder() {
        assertThat(a.setImpairment(B, -1, ImpairDirection.OUTBOUND, new Impairment(0, 0, 0, 0, true)))
                .isEqualTo(GodotError.OK);
        for (int i = 0; i < 20; i++) {
            assertThat(a.putPacketOn(B, 0, WriteMode.BINARY, numbered(i))).isEqualTo(GodotError.OK);
        }
        Pump.during(Duration.ofMillis(300), poll);
        assertThat(receivedByB).isEmpty();
        assertThat(channel(a, B, 0).held()).isEqualTo(20);
        assertThat(channel(a, B, 0).messagesSent())
                .as("held packets are not sent yet")
                .isZero();

        assertThat(a.setImpairment(B, -1, ImpairDirection.OUTBOUND, Impairment.NONE))
                .isEqualTo(GodotError.OK);
        Pump.until("released", () -> receivedByB.size() == 20, poll);
        for (int i = 0; i < 20; i++) {
            assertThat(ByteBuffer.wrap(receivedByB.get(i)).getInt()).isEqualTo(i);
        }
        assertThat(channel(a, B, 0).held()).isZero();
        assertThat(channel(a, B, 0).messagesSent()).isEqualTo(20);
    }

    @Test
    void aBandwidthCapSpreadsPacketsBySizeOverRate() {
        // 20 packets of 1000 B at 20 kB/s: the last leaves 19 x 50 ms = 950 ms after the first.
        assertThat(a.setImpairment(B, -1, ImpairDirection.OUTBOUND, new Impairment(0, 0, 0, 20_000, false)))
                .isEqualTo(GodotError.OK);
        List<Long> arrivals = new ArrayList<>();
        Runnable pollAndStamp = () -> {
            int before = receivedByB.size();
            poll.run();
            for (int i = before; i < receivedByB.size(); i++) {
                arrivals.add(System.nanoTime());
            }
        };
        for (int i = 0; i < 20; i++) {
            assertThat(a.putPacketOn(B, 0, WriteMode.BINARY, padded(i, 1000))).isEqualTo(GodotError.OK);
        }
        Pump.until("all 20 through the cap", () -> receivedByB.size() == 20, pollAndStamp);
        double spreadMs = (arrivals.get(19) - arrivals.get(0)) / 1e6;
        System.err.printf("ImpairmentTest: 20 x 1000 B at 20 kB/s spread over %.0f ms (950 expected)%n", spreadMs);
        assertThat(spreadMs).isBetween(900.0, 1100.0);
    }

    @Test
    void badSettingsAreRefusedWithAReasonAndChangeNothing() {
        Impairment kept = Impairment.delay(5);
        assertThat(a.setImpairment(B, 0, ImpairDirection.OUTBOUND, kept)).isEqualTo(GodotError.OK);
        RecordingListener events = new RecordingListener();
        a.addEventListener(events);

        assertThat(a.setImpairment(B, 0, ImpairDirection.OUTBOUND, new Impairment(0, 0, 150, 0, false)))
                .isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(a.getLastFailure().reason()).contains("percentage from 0 to 100");
        assertThat(a.setImpairment(99, -1, ImpairDirection.OUTBOUND, kept)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(a.getLastFailure().reason()).contains("no peer 99");
        assertThat(a.setImpairment(B, 7, ImpairDirection.OUTBOUND, kept)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(a.getLastFailure().reason()).contains("channels 0 to 2");

        assertThat(a.getImpairment(B, 0, ImpairDirection.OUTBOUND)).isEqualTo(kept);
        assertThat(events.of(MeshEvent.ImpairmentChanged.class)).isEmpty();
    }

    @Test
    void packetsHeldWhenTheChannelClosesAreCountedAsDropsWithTheReason() {
        RecordingListener events = new RecordingListener();
        a.addEventListener(events);
        assertThat(a.setImpairment(B, 0, ImpairDirection.OUTBOUND, Impairment.delay(400)))
                .isEqualTo(GodotError.OK);
        for (int i = 0; i < 5; i++) {
            assertThat(a.putPacketOn(B, 0, WriteMode.BINARY, numbered(i))).isEqualTo(GodotError.OK);
        }
        WebRtcDataChannel held = a.getPeer(B).channels().get(0);
        b.removePeer(A);
        Pump.until("the held packets are refused when the channel closes", () -> held.sendDrops() == 5, poll);
        assertThat(receivedByB).isEmpty();
        assertThat(events.of(MeshEvent.PacketDropped.class))
                .hasSize(5)
                .allSatisfy(d -> assertThat(d.reason()).contains("while the impairment held this packet"));
    }

    /** Sends {@code n} pings on internal channel {@code channel}, ~2 ms apart, and waits for every answer due. */
    private ProbeStats probe(int channel, int n) {
        tracker.clear();
        long dropsBefore = channel(a, B, channel).impairedDrops();
        for (int i = 0; i < n; i++) {
            byte[] ping = tracker.nextPacket(B, channel, ProbePacket.Kind.PING, new byte[0]);
            assertThat(a.putPacketOn(B, channel, WriteMode.BINARY, ping)).isEqualTo(GodotError.OK);
            Pump.during(Duration.ofMillis(2), poll);
        }
        Pump.until(
                "every pong not dropped",
                () -> {
                    ProbeStats s = stats(channel);
                    return s.received() + channel(a, B, channel).impairedDrops() - dropsBefore == n;
                },
                poll);
        return stats(channel);
    }

    private ProbeStats stats(int channel) {
        return tracker.stats().stream()
                .filter(s -> s.peerId() == B && s.channel() == channel)
                .findFirst()
                .orElseThrow();
    }

    private void readOnA() {
        while (a.getAvailablePacketCount() > 0) {
            int from = a.getPacketPeer();
            int channel = a.getPacketChannelIndex();
            byte[] data = a.getPacket();
            tracker.onReceived(from, channel, data, a.getLastPacketArrivalNanos());
        }
    }

    /** B answers pings that were not answered on arrival (an impaired channel) and keeps everything else. */
    private void echoOnB() {
        while (b.getAvailablePacketCount() > 0) {
            int from = b.getPacketPeer();
            int channel = b.getPacketChannelIndex();
            byte[] data = b.getPacket();
            byte[] pong = ProbePacket.pongFor(data);
            if (pong != null) {
                b.putPacketOn(from, channel, WriteMode.BINARY, pong);
            } else {
                receivedByB.add(data);
            }
        }
    }

    private static ChannelSnapshot channel(WebRtcMultiplayerPeer p, int peer, int index) {
        return p.snapshot().peer(peer).channels().get(index);
    }

    private static byte[] numbered(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static byte[] padded(int i, int size) {
        return ByteBuffer.allocate(size).putInt(i).array();
    }
}
