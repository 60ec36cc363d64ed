// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RuntimeExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Echo} on a connected pair (mesh peers 2 and 3, polled on the test thread): what comes back, on which
 * channel and in which form, and what never does.
 */
@Tag("native")
class EchoTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    /** Long enough for a packet to cross the loopback pair many times over (it takes well under 10 ms). */
    private static final Duration QUIET = Duration.ofMillis(400);

    private WebRtcMultiplayerPeer two;
    private WebRtcMultiplayerPeer three;
    private final Echo echo = new Echo(new ProbeTracker());

    /** A packet read by the harness: channel, form and bytes. */
    private record Got(int channel, boolean text, byte[] data) {}

    @BeforeEach
    void pair() {
        List<WebRtcMultiplayerPeer> peers = Loopback.connectedMesh(RT.get(), 2, 3);
        two = peers.get(0);
        three = peers.get(1);
        echo.setOn(three, true);
    }

    @AfterEach
    void closePair() {
        two.close();
        three.close();
    }

    /** Polls both; 3 echoes, 2 (the harness) keeps what it receives. */
    private Runnable pollInto(List<Got> got) {
        return () -> {
            two.poll();
            three.poll();
            echo.drain(three, 64);
            while (two.getAvailablePacketCount() > 0) {
                int ch = two.getPacketChannelIndex();
                byte[] d = two.getPacket();
                got.add(new Got(ch, two.wasStringPacket(), d));
            }
        };
    }

    @Test
    void aTextPacketComesBackOnItsChannelAsText() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(two.putPacketOn(3, 2, WriteMode.TEXT, hello)).isEqualTo(GodotError.OK);
        List<Got> got = new ArrayList<>();
        Pump.until("the echo", () -> !got.isEmpty(), pollInto(got));
        assertThat(got).singleElement().satisfies(g -> {
            assertThat(g.channel()).isEqualTo(2);
            assertThat(g.text()).isTrue();
            assertThat(g.data()).isEqualTo(hello);
        });
    }

    @Test
    void aBinaryPacketComesBackOnItsChannelAsBinary() {
        byte[] bytes = {1, 2, 3};
        assertThat(two.putPacketOn(3, 0, WriteMode.BINARY, bytes)).isEqualTo(GodotError.OK);
        List<Got> got = new ArrayList<>();
        Pump.until("the echo", () -> !got.isEmpty(), pollInto(got));
        assertThat(got).singleElement().satisfies(g -> {
            assertThat(g.channel()).isZero();
            assertThat(g.text()).isFalse();
            assertThat(g.data()).isEqualTo(bytes);
        });
    }

    @Test
    void aPingComesBackAsItsPongAndAPongIsNeverEchoed() {
        ProbeTracker mine = new ProbeTracker();
        byte[] ping = mine.nextPacket(3, 1, ProbePacket.Kind.PING, new byte[4]);
        two.putPacketOn(3, 1, WriteMode.BINARY, ping);
        List<Got> got = new ArrayList<>();
        Pump.until("the pong", () -> !got.isEmpty(), pollInto(got));
        assertThat(ProbePacket.decode(got.get(0).data()).kind()).isEqualTo(ProbePacket.Kind.PONG);

        got.clear();
        two.putPacketOn(3, 1, WriteMode.BINARY, ProbePacket.pongFor(ping));
        two.putPacketOn(3, 1, WriteMode.BINARY, mine.nextPacket(3, 1, ProbePacket.Kind.DATA, new byte[4]));
        Pump.during(QUIET, pollInto(got));
        assertThat(got).as("pongs and probe data are counted, never echoed").isEmpty();
    }

    /**
     * Both peers echo; {@code origin} sends a raw packet it noted as its own to {@code other}. Returns {echoes by
     * origin, echoes by other} once the packet came back and the pair stayed quiet.
     */
    private static long[] bounce(
            WebRtcMultiplayerPeer origin, Echo originEcho, int otherId, WebRtcMultiplayerPeer other, Echo otherEcho) {
        byte[] raw = "burst".getBytes(StandardCharsets.UTF_8);
        originEcho.sent(otherId, 1, raw);
        origin.putPacketOn(otherId, 1, WriteMode.BINARY, raw);
        Runnable both = () -> {
            origin.poll();
            other.poll();
            otherEcho.drain(other, 64);
            originEcho.drain(origin, 64);
        };
        Pump.until("echoed and read back", () -> originEcho.received() == 1, both);
        Pump.during(QUIET, both);
        return new long[] {originEcho.echoed(), otherEcho.echoed()};
    }

    @Test
    void twoEchoingPeersDoNotLoopOnAPacketOneOfThemSent() {
        Echo echoTwo = new Echo(new ProbeTracker());
        echoTwo.setOn(two, true);
        assertThat(bounce(two, echoTwo, 3, three, echo))
                .as("its own packet, reflected, is not echoed again")
                .containsExactly(0, 1);
    }

    @Test
    void theSameBytesOnAnotherChannelAreNotOwnAndAreEchoed() {
        Echo echoTwo = new Echo(new ProbeTracker());
        echoTwo.setOn(two, true);
        echo.setOn(three, false);
        byte[] raw = "burst".getBytes(StandardCharsets.UTF_8);
        echoTwo.sent(3, 1, raw);
        three.putPacketOn(2, 2, WriteMode.BINARY, raw);
        Pump.until("2 echoed it", () -> echoTwo.echoed() == 1, () -> {
            two.poll();
            three.poll();
            echoTwo.drain(two, 64);
            echo.drain(three, 64);
        });
    }

    @Test
    void withEchoOffNothingComesBack() {
        echo.setOn(three, false);
        two.putPacketOn(3, 0, WriteMode.BINARY, new byte[] {9});
        List<Got> got = new ArrayList<>();
        Pump.during(QUIET, pollInto(got));
        assertThat(got).isEmpty();
        assertThat(echo.received()).isEqualTo(1);
    }
}
