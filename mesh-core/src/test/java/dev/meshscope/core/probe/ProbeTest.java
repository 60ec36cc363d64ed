// SPDX-License-Identifier: MIT
package dev.meshscope.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe packet format and the tracker's loss, duplicate and reordering accounting. */
class ProbeTest {

    @Test
    void encodesTheDocumentedLayoutAndDecodesItBack() {
        ProbePacket p = new ProbePacket(ProbePacket.Kind.PING, 2, 7, 123456789L, new byte[] {9, 8});
        byte[] wire = p.encode();
        assertThat(wire).hasSize(ProbePacket.HEADER_BYTES + 2);
        assertThat(new String(wire, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("MSPR");
        assertThat(wire[4]).isEqualTo((byte) 1);
        assertThat(wire[5]).isEqualTo((byte) 1);
        ProbePacket back = ProbePacket.decode(wire);
        assertThat(back.kind()).isEqualTo(ProbePacket.Kind.PING);
        assertThat(back.channel()).isEqualTo(2);
        assertThat(back.sequence()).isEqualTo(7);
        assertThat(back.sendNanos()).isEqualTo(123456789L);
        assertThat(back.payload()).containsExactly(9, 8);
    }

    @Test
    void gameTrafficIsNotMistakenForProbes() {
        assertThat(ProbePacket.decode(new byte[] {1, 2, 3})).isNull();
        assertThat(ProbePacket.decode(new byte[40])).isNull();
        byte[] wrongKind = new ProbePacket(ProbePacket.Kind.DATA, 0, 0, 0, null).encode();
        wrongKind[5] = 9;
        assertThat(ProbePacket.decode(wrongKind)).isNull();
        assertThat(ProbePacket.pongFor(new byte[] {1})).isNull();
        assertThatThrownBy(() -> new ProbePacket(ProbePacket.Kind.PING, 70000, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPongIsThePingWithItsKindChanged() {
        byte[] ping = new ProbePacket(ProbePacket.Kind.PING, 1, 3, 42, new byte[] {5}).encode();
        byte[] pong = ProbePacket.pongFor(ping);
        assertThat(ProbePacket.decode(pong).kind()).isEqualTo(ProbePacket.Kind.PONG);
        pong[5] = ping[5];
        assertThat(pong).isEqualTo(ping);
        assertThat(ProbePacket.pongFor(ProbePacket.pongFor(ping)))
                .as("pongs are not answered")
                .isNull();
    }

    @Test
    void countsDuplicatesReorderingAndRoundTrips() {
        ProbeTracker t = new ProbeTracker();
        byte[][] pings = new byte[5][];
        for (int i = 0; i < 5; i++) {
            pings[i] = t.nextPacket(4, 0, ProbePacket.Kind.PING, new byte[8]);
        }
        for (int i : new int[] {0, 2, 1, 2, 4}) {
            assertThat(t.onReceived(4, 0, ProbePacket.pongFor(pings[i]))).isTrue();
        }
        assertThat(t.onReceived(4, 0, pings[3]))
                .as("pings are answered, not counted")
                .isFalse();
        ProbeStats s = t.stats().get(0);
        assertThat(s.sent()).isEqualTo(5);
        assertThat(s.received()).isEqualTo(4);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.reordered()).isEqualTo(1);
        assertThat(s.samples()).isEqualTo(4);
        assertThat(s.rttMinMs()).isPositive();
        assertThat(s.lost()).as("seq 3 is still in flight, not lost yet").isZero();
    }

    @Test
    void dataPacketsAreCountedPerPeerAndChannel() {
        ProbeTracker sender = new ProbeTracker();
        ProbeTracker receiver = new ProbeTracker();
        List<byte[]> sent = List.of(
                sender.nextPacket(2, 1, ProbePacket.Kind.DATA, null),
                sender.nextPacket(2, 1, ProbePacket.Kind.DATA, null),
                sender.nextPacket(2, 3, ProbePacket.Kind.DATA, null));
        receiver.onReceived(9, 1, sent.get(1));
        receiver.onReceived(9, 1, sent.get(0));
        receiver.onReceived(9, 3, sent.get(2));
        assertThat(receiver.stats()).extracting(ProbeStats::channel).containsExactly(1, 3);
        assertThat(receiver.stats().get(0).reordered()).isEqualTo(1);
        assertThat(receiver.stats().get(0).received()).isEqualTo(2);
        receiver.forgetPeer(9);
        assertThat(receiver.stats()).isEmpty();
    }

    @Test
    void aReplyOnAnotherChannelThanTheOneWrittenInsideIsCountedAsWrongNotAsAnswered() {
        ProbeTracker t = new ProbeTracker();
        byte[] onReliable = t.nextPacket(4, 0, ProbePacket.Kind.PING, new byte[8]);
        byte[] onOrdered = t.nextPacket(4, 1, ProbePacket.Kind.PING, new byte[8]);
        assertThat(t.onReceived(4, 1, ProbePacket.pongFor(onReliable)))
                .as("reliable's pong read on ordered")
                .isTrue();
        assertThat(t.onReceived(4, 1, ProbePacket.pongFor(onOrdered))).isTrue();
        ProbeStats reliable = t.stats().get(0);
        ProbeStats ordered = t.stats().get(1);
        assertThat(reliable.channel()).isZero();
        assertThat(reliable.wrongChannel()).isEqualTo(1);
        assertThat(reliable.received()).isZero();
        assertThat(reliable.samples())
                .as("no round trip from a misrouted reply")
                .isZero();
        assertThat(ordered.wrongChannel())
                .as("negative twin: the right channel")
                .isZero();
        assertThat(ordered.received()).isEqualTo(1);
        assertThat(ordered.appRttMedianMs()).isGreaterThanOrEqualTo(ordered.rttMedianMs());
    }

    @Test
    void aDataPacketOnTheWrongChannelIsNotCountedAsReceived() {
        ProbeTracker sender = new ProbeTracker();
        ProbeTracker receiver = new ProbeTracker();
        byte[] d = sender.nextPacket(2, 2, ProbePacket.Kind.DATA, null);
        receiver.onReceived(9, 0, d);
        assertThat(receiver.stats().get(0).channel()).isEqualTo(2);
        assertThat(receiver.stats().get(0).received()).isZero();
        assertThat(receiver.stats().get(0).wrongChannel()).isEqualTo(1);
    }

    @Test
    void aPongAfterTheLateThresholdCountsAsLateNotAsReceived() {
        ProbeTracker t = new ProbeTracker();
        t.setLateThreshold(java.time.Duration.ofMillis(500));
        byte[] quick = t.nextPacket(4, 0, ProbePacket.Kind.PING, new byte[0]);
        byte[] slow = t.nextPacket(4, 0, ProbePacket.Kind.PING, new byte[0]);
        long sentQuick = ProbePacket.decode(quick).sendNanos();
        long sentSlow = ProbePacket.decode(slow).sendNanos();
        assertThat(t.onReceived(4, 0, ProbePacket.pongFor(quick), sentQuick + 20_000_000L))
                .isTrue();
        assertThat(t.onReceived(4, 0, ProbePacket.pongFor(slow), sentSlow + 900_000_000L))
                .isTrue();
        ProbeStats s = t.stats().get(0);
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.late()).isEqualTo(1);
        assertThat(s.outstanding()).isZero();
        assertThat(s.samples()).as("a late pong gives no round-trip sample").isEqualTo(1);
    }

    @Test
    void aPingUnansweredPastTheThresholdShowsAsLateAtOnceNotAsNothing() {
        ProbeTracker t = new ProbeTracker();
        t.setLateThreshold(java.time.Duration.ofMillis(1));
        t.nextPacket(4, 0, ProbePacket.Kind.PING, new byte[0]);
        assertThat(t.stats().get(0).outstanding()).isEqualTo(1);
        org.awaitility.Awaitility.await("late")
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> t.stats().get(0).late() == 1);
        ProbeStats s = t.stats().get(0);
        assertThat(s.received()).isZero();
        assertThat(s.lost()).as("not lost before the loss timeout").isZero();
        assertThatThrownBy(() -> t.setLateThreshold(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
