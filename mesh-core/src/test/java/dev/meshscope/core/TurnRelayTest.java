// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.snapshot.WireStats;
import dev.meshscope.core.testing.Loopback;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RecordingListener;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.core.testing.TurnServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Relay-only ICE through a real TURN server (Debian's coturn, in the test's private namespace): two peers that may
 * use relay candidates only connect and carry packets on every channel, and the selected pair is a relay pair; a
 * wrong credential and an unreachable server each give a clear message instead of a silent timeout.
 */
@Tag("native")
class TurnRelayTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    /**
     * MeshScope's own early warning ({@link WebRtcPeerConnection#RELAY_SILENCE}, 5 s) with margin for a loaded
     * machine; libwebrtc itself reports the server only after its STUN timeout, ~39.75 s.
     */
    private static final Duration UNREACHABLE_REPORTED_WITHIN = Duration.ofSeconds(15);

    private static TurnServer turn;

    @BeforeAll
    static void startTurn() throws Exception {
        turn = TurnServer.start();
    }

    @AfterAll
    static void stopTurn() {
        if (turn != null) {
            turn.close();
        }
    }

    @Test
    void relayOnlyPeersConnectThroughTurnAndCarryPacketsOnEveryChannel() {
        RtcConfiguration relay = RtcConfiguration.withServers(List.of(turn.iceServer()), IceTransportPolicy.RELAY);
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer b = new WebRtcMultiplayerPeer();
        a.createMesh(2);
        b.createMesh(3);
        WebRtcPeerConnection ca = connection(relay);
        WebRtcPeerConnection cb = connection(relay);
        RecordingListener events = new RecordingListener();
        ca.addEventListener(events);
        assertThat(a.addPeer(ca, 3)).isEqualTo(GodotError.OK);
        assertThat(b.addPeer(cb, 2)).isEqualTo(GodotError.OK);
        Loopback.link(ca, cb);
        Loopback.link(cb, ca);
        assertThat(cb.createOffer()).isEqualTo(GodotError.OK);
        Runnable poll = Loopback.pollAll(List.of(a, b));
        Pump.until(
                "relay-only pair connected",
                () -> a.getPeer(3).connected() && b.getPeer(2).connected(),
                poll);

        assertThat(events.of(MeshEvent.CandidateCreated.class))
                .as("relay-only gathering yields relay candidates only")
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.candidate()).contains(" typ relay"));
        for (int channel = 0; channel < 3; channel++) { // internal indices of "reliable", "ordered", "unreliable"
            byte[] data = ("via turn on " + channel).getBytes(StandardCharsets.UTF_8);
            assertThat(a.putPacketOn(3, channel, WriteMode.BINARY, data)).isEqualTo(GodotError.OK);
            Pump.until("packet on channel " + channel, () -> b.getAvailablePacketCount() > 0, poll);
            assertThat(b.getPacketChannelIndex()).isEqualTo(channel);
            assertThat(new String(b.getPacket(), StandardCharsets.UTF_8)).isEqualTo("via turn on " + channel);
            int index = channel;
            assertThat(b.snapshot().peer(2).channels().get(index).lastReceivedAtMillis())
                    .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
        }
        AtomicReference<WireStats> stats = new AtomicReference<>();
        ca.requestWireStats(stats::set);
        Pump.until("wire stats", () -> stats.get() != null, poll);
        assertThat(stats.get().localCandidate()).startsWith("relay");
        assertThat(stats.get().remoteCandidate()).startsWith("relay").contains(turn.address());
        assertThat(stats.get().relayed()).isTrue();
        assertThat(stats.get().localCandidates())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).startsWith("relay"));
        assertThat(stats.get().localCandidates()).contains(stats.get().localCandidate());
        assertThat(a.snapshot().peer(3).channels())
                .allSatisfy(ch -> assertThat(ch.maxMessageSize()).isEqualTo(262144));
        assertThat(ca.getIceServerProblems()).isEmpty();
        Pump.until("coturn logged the allocations", () -> turn.logText().contains("ALLOCATE processed, success"));
        a.close();
        b.close();
    }

    @Test
    void aWrongCredentialIsReportedAsRefusedNotAsASilentTimeout() {
        RtcConfiguration relay = RtcConfiguration.withServers(
                List.of(turn.iceServer(TurnServer.USER, "not-the-password")), IceTransportPolicy.RELAY);
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        a.createMesh(2);
        WebRtcPeerConnection ca = connection(relay);
        RecordingListener events = new RecordingListener();
        ca.addEventListener(events);
        assertThat(a.addPeer(ca, 3)).isEqualTo(GodotError.OK);
        assertThat(ca.createOffer()).isEqualTo(GodotError.OK);
        Pump.until(
                "the refused credential is reported",
                () -> events.of(MeshEvent.ErrorRaised.class).stream()
                        .anyMatch(e -> e.step() == Step.GATHER_CANDIDATES
                                && e.reason().contains("Relay-only gathering ended")),
                a::poll);
        assertThat(events.of(MeshEvent.ErrorRaised.class))
                .filteredOn(e -> e.step() == Step.GATHER_CANDIDATES)
                .anySatisfy(e -> assertThat(e.reason())
                        .contains(turn.url())
                        .contains("(401)")
                        .contains("username or credential was refused"));
        assertThat(events.of(MeshEvent.CandidateCreated.class)).isEmpty();
        assertThat(ca.getIceServerProblems()).isNotEmpty();
        a.close();
    }

    @Test
    void anUnreachableTurnServerIsReportedWithWhatToCheck() throws Exception {
        String nobody = "turn:" + turn.address() + ":" + unusedUdpPort() + "?transport=udp";
        RtcConfiguration relay = RtcConfiguration.withServers(
                List.of(new RtcConfiguration.IceServer(List.of(nobody), TurnServer.USER, TurnServer.PASSWORD)),
                IceTransportPolicy.RELAY);
        WebRtcMultiplayerPeer a = new WebRtcMultiplayerPeer();
        a.createMesh(2);
        WebRtcPeerConnection ca = connection(relay);
        RecordingListener events = new RecordingListener();
        ca.addEventListener(events);
        assertThat(a.addPeer(ca, 3)).isEqualTo(GodotError.OK);
        assertThat(ca.createOffer()).isEqualTo(GodotError.OK);
        long start = System.nanoTime();
        Pump.until(
                "the unreachable server is reported",
                UNREACHABLE_REPORTED_WITHIN,
                () -> events.of(MeshEvent.ErrorRaised.class).stream().anyMatch(e -> e.step() == Step.GATHER_CANDIDATES),
                a::poll);
        System.err.printf(
                "TurnRelayTest: unreachable TURN server reported after %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        assertThat(events.of(MeshEvent.ErrorRaised.class))
                .filteredOn(e -> e.step() == Step.GATHER_CANDIDATES)
                .first()
                .satisfies(e ->
                        assertThat(e.reason()).contains("No relay candidate").contains("Check the host, the port"));
        a.close();
    }

    @Test
    void relayOnlyWithoutATurnServerIsRefusedAtInitialize() {
        WebRtcPeerConnection c = new WebRtcPeerConnection(RT.get());
        GodotError e = c.initialize(RtcConfiguration.withServers(
                List.of(new RtcConfiguration.IceServer(List.of("stun:" + turn.address() + ":3478"), "", "")),
                IceTransportPolicy.RELAY));
        assertThat(e).isEqualTo(GodotError.FAILED);
        assertThat(c.getLastFailure().reason()).contains("Relay-only ICE needs a TURN server");
        c.close();
    }

    private static WebRtcPeerConnection connection(RtcConfiguration config) {
        WebRtcPeerConnection c = new WebRtcPeerConnection(RT.get());
        assertThat(c.initialize(config)).isEqualTo(GodotError.OK);
        return c;
    }

    private static int unusedUdpPort() throws Exception {
        try (java.net.DatagramSocket s =
                new java.net.DatagramSocket(new java.net.InetSocketAddress(turn.address(), 0))) {
            return s.getLocalPort(); // Closed again: nothing answers there.
        }
    }
}
