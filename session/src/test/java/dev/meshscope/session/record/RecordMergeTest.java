// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RuntimeExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real in-process peers, each recorded on its own clock, peer 3's clock skewed by a known amount: the merge
 * estimates the skew from the clock samples within its stated uncertainty, both with pings answered on arrival and
 * with pings the application answers; records that share no samples are said to be unaligned.
 */
@Tag("native")
class RecordMergeTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    /** Peer 3's clock is this far ahead of peer 2's (an odd value, so no rounding can hit it by luck). */
    private static final long SKEW_MICROS = 3_217_531;

    private static final int PINGS = 40;

    @TempDir
    Path dir;

    private record Pair(RecordContents two, RecordContents three) {}

    /**
     * Records peers 2 and 3 while 2 pings 3 (answered on arrival) and, if {@code bothWays}, 3 pings 2 (answered by
     * the application on the test thread).
     */
    private Pair run(boolean pings, boolean bothWays) throws Exception {
        List<WebRtcMultiplayerPeer> peers = Loopback.mesh(RT.get(), 2, 3);
        WebRtcMultiplayerPeer two = peers.get(0);
        WebRtcMultiplayerPeer three = peers.get(1);
        RecordClock base = RecordClock.system();
        Path f2 = dir.resolve("two" + RecordFormat.EXTENSION);
        Path f3 = dir.resolve("three" + RecordFormat.EXTENSION);
        try (SessionRecorder r2 = SessionRecorder.open(f2, "test", null, base, RecordLimits.DEFAULT);
                SessionRecorder r3 =
                        SessionRecorder.open(f3, "test", null, base.shifted(SKEW_MICROS), RecordLimits.DEFAULT)) {
            r2.config(r2.configNow(NetworkMode.MESH, 2, two.getChannelModes(), List.<RtcConfiguration.IceServer>of()));
            r3.config(r3.configNow(NetworkMode.MESH, 3, three.getChannelModes(), List.of()));
            two.addEventListener(r2::event);
            three.addEventListener(r3::event);
            three.setAnswerProbesOnArrival(true);
            Pump.until("connected", () -> Loopback.fullyConnected(peers), Loopback.pollAll(peers));
            ProbeTracker t2 = new ProbeTracker();
            ProbeTracker t3 = new ProbeTracker();
            if (pings) {
                for (int i = 0; i < PINGS; i++) {
                    int ch = i % 3;
                    assertThat(two.putPacketOn(
                                    3, ch, WriteMode.BINARY, t2.nextPacket(3, ch, ProbePacket.Kind.PING, new byte[16])))
                            .isEqualTo(GodotError.OK);
                    if (bothWays) {
                        assertThat(three.putPacketOn(
                                        2,
                                        ch,
                                        WriteMode.BINARY,
                                        t3.nextPacket(2, ch, ProbePacket.Kind.PING, new byte[16])))
                                .isEqualTo(GodotError.OK);
                    }
                    Runnable read = () -> {
                        read(two, t2, true);
                        read(three, t3, false);
                    };
                    final int sent = i + 1;
                    Pump.until(
                            "pong " + i,
                            () -> received(t2) >= sent && (!bothWays || received(t3) >= sent),
                            Loopback.pollAll(peers),
                            read);
                }
            }
            two.close();
            three.close();
            Pump.until("closed", () -> true, Loopback.pollAll(peers));
        }
        return new Pair(RecordReader.readStrict(f2), RecordReader.readStrict(f3));
    }

    /** Reads every packet: pongs to the tracker; pings answered here when {@code answer} (peer 2 does). */
    private static void read(WebRtcMultiplayerPeer p, ProbeTracker t, boolean answer) {
        while (p.getAvailablePacketCount() > 0) {
            int from = p.getPacketPeer();
            int ch = p.getPacketChannelIndex();
            byte[] d = p.getPacket();
            if (!t.onReceived(from, ch, d, p.getLastPacketArrivalNanos()) && answer) {
                byte[] pong = ProbePacket.pongFor(d);
                if (pong != null) {
                    p.putPacketOn(from, ch, WriteMode.BINARY, pong);
                }
            }
        }
    }

    private static long received(ProbeTracker t) {
        return t.stats().stream().mapToLong(s -> s.received()).sum();
    }

    private static long clockSamples(RecordContents c, boolean ping) {
        return c.items().stream()
                .filter(i -> i instanceof RecordItem.Event e
                        && e.event() instanceof MeshEvent.ProbeTimed p
                        && p.ping() == ping)
                .count();
    }

    @Test
    void theSkewIsFoundWithinItsUncertaintyFromPingsAnsweredOnArrival() throws Exception {
        Pair p = run(true, false);
        assertThat(clockSamples(p.two(), false)).isEqualTo(PINGS);
        assertThat(clockSamples(p.three(), true)).isEqualTo(PINGS);
        RecordMerge.Merged m = RecordMerge.merge(List.of(p.two(), p.three()));
        RecordMerge.ClockOffset o = m.offsets().get(1);
        assertThat(o.aligned()).isTrue();
        assertThat(o.peerIds()).containsExactly(3);
        assertThat(o.samples()).isEqualTo(PINGS);
        assertThat(Math.abs(o.offsetMicros() - SKEW_MICROS)).isLessThanOrEqualTo(o.uncertaintyMicros());
        assertThat(o.uncertaintyMicros()).isLessThan(5_000); // half a loopback round trip: well under 5 ms
        assertThat(o.describe()).contains("+3217.").contains("samples");
        System.out.println("RecordMergeTest: true skew +3217.531 ms, estimated " + o.describe());
        assertThat(m.offsets().get(0).offsetMicros()).isZero();
        checkCausality(m);
    }

    @Test
    void bothDirectionsAndApplicationAnsweredPingsNarrowTheSameEstimate() throws Exception {
        Pair p = run(true, true);
        assertThat(clockSamples(p.two(), true)).isEqualTo(PINGS);
        assertThat(p.two().items().stream()
                        .filter(i -> i instanceof RecordItem.Event e
                                && e.event() instanceof MeshEvent.ProbeTimed t
                                && t.ping())
                        .allMatch(i -> ((MeshEvent.ProbeTimed) ((RecordItem.Event) i).event()).answeredNanos() == -1))
                .as("peer 2 answers in the application: no answer time from the callback")
                .isTrue();
        RecordMerge.ClockOffset o =
                RecordMerge.merge(List.of(p.two(), p.three())).offsets().get(1);
        assertThat(o.samples()).isEqualTo(2 * PINGS);
        assertThat(Math.abs(o.offsetMicros() - SKEW_MICROS)).isLessThanOrEqualTo(o.uncertaintyMicros());
        // The other way round: peer 2's clock relative to peer 3's is minus the skew.
        RecordMerge.ClockOffset back = RecordMerge.estimate(p.three(), p.two());
        assertThat(Math.abs(back.offsetMicros() + SKEW_MICROS)).isLessThanOrEqualTo(back.uncertaintyMicros());
    }

    @Test
    void recordsWithoutSharedClockSamplesAreNotAlignedAndSaySo() throws Exception {
        Pair p = run(false, false);
        assertThat(clockSamples(p.two(), false)).isZero();
        RecordMerge.Merged m = RecordMerge.merge(List.of(p.two(), p.three()));
        assertThat(m.offsets().get(1).aligned()).isFalse();
        assertThat(m.offsets().get(1).offsetMicros()).isZero();
        assertThat(m.offsets().get(1).describe()).contains("not aligned");
        assertThat(RecordMerge.estimate(p.two(), p.three())).isNull();
        assertThat(m.timeline())
                .hasSize(p.two().items().size() + p.three().items().size());
    }

    /**
     * On the merged timeline every ping arrives at the answerer after the pinger sent it and before its pong came
     * back, within the stated uncertainty.
     */
    private static void checkCausality(RecordMerge.Merged m) {
        long unc = m.offsets().get(1).uncertaintyMicros();
        java.util.Map<Long, long[]> sent = new java.util.HashMap<>();
        for (RecordMerge.Entry e : m.timeline()) {
            if (e.source() == 0
                    && e.item() instanceof RecordItem.Event ev
                    && ev.event() instanceof MeshEvent.ProbeTimed p
                    && !p.ping()) {
                sent.put(p.sequence() * 8 + p.channelIndex(), new long[] {
                    e.at() - (p.atNanos() - p.sentNanos()) / 1000, e.at()
                });
            }
        }
        int checked = 0;
        for (RecordMerge.Entry e : m.timeline()) {
            if (e.source() == 1
                    && e.item() instanceof RecordItem.Event ev
                    && ev.event() instanceof MeshEvent.ProbeTimed p
                    && p.ping()) {
                long[] t = sent.get(p.sequence() * 8 + p.channelIndex());
                assertThat(e.at()).isBetween(t[0] - unc - 3, t[1] + unc + 3);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(PINGS);
    }
}
