// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.core.impair.Impairment;
import dev.meshscope.core.probe.ProbeStats;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator's link controls through the session, on sessions joined through a real lobby server: an impairment
 * the probes measure (and bad settings that change nothing), the late threshold, and MeshScope as a Godot host whose
 * relay announces clients to each other without an echo loop between echoing MeshScope clients.
 */
@Tag("native")
class SessionControlsTest {
    private final LobbySessions lobby = new LobbySessions();

    @AfterEach
    void close() {
        lobby.close();
    }

    @Test
    void anImpairmentSetThroughTheSessionIsWhatTheProbesMeasureAndABadOneChangesNothing() throws Exception {
        URI url = lobby.server(LobbySessions.NO_SEAL_CLOSE);
        LobbySessions.Peer a = lobby.peer("controls-a");
        LobbySessions.Peer b = lobby.peer("controls-b");
        String name = LobbySessions.create(a, url);
        b.session.joinLobby(url, name, LobbySessions.mesh());
        await("connected").atMost(LobbySessions.WAIT).until(() -> b.linkTo(1) == RosterEntry.Link.CONNECTED);
        int bId = b.signaling().ownId();

        LinkImpairment slow =
                new LinkImpairment(bId, LinkImpairment.ALL_CHANNELS, ImpairDirection.OUTBOUND, Impairment.delay(40));
        a.session.setImpairment(slow);
        await("listed")
                .atMost(LobbySessions.WAIT)
                .until(() -> a.state.get().controls().impairments().equals(List.of(slow)));

        a.session.setImpairment(new LinkImpairment(
                bId, LinkImpairment.ALL_CHANNELS, ImpairDirection.OUTBOUND, new Impairment(0, 0, 150, 0, false)));
        await("refused").atMost(LobbySessions.WAIT).until(() -> a.failedWith("percentage from 0 to 100"));
        assertThat(a.state.get().controls().impairments())
                .as("the bad one changed nothing")
                .containsExactly(slow);

        a.session.send(new SendRequest(bId, 0, new byte[8], 50, 100, true));
        await("50 pongs")
                .atMost(LobbySessions.WAIT)
                .until(() -> probes(a, bId).map(ProbeStats::received).orElse(0L) == 50);
        double median = probes(a, bId).orElseThrow().rttMedianMs();
        System.err.printf("SessionControlsTest: 40 ms outbound impairment, probe RTT median %.2f ms%n", median);
        assertThat(median).isBetween(39.0, 60.0);

        a.session.setImpairment(
                new LinkImpairment(bId, LinkImpairment.ALL_CHANNELS, ImpairDirection.OUTBOUND, Impairment.NONE));
        await("cleared")
                .atMost(LobbySessions.WAIT)
                .until(() -> a.state.get().controls().impairments().isEmpty());
    }

    @Test
    void asTheServerTheSessionAnnouncesClientsToEachOtherAndEchoingClientsDoNotLoop() throws Exception {
        URI url = lobby.server(LobbySessions.NO_SEAL_CLOSE);
        LobbySessions.Peer host = lobby.peer("relay-host");
        LobbySessions.Peer c1 = lobby.peer("relay-c1");
        LobbySessions.Peer c2 = lobby.peer("relay-c2");
        CreateRequest server = new CreateRequest(NetworkMode.SERVER, 1, List.of(), List.of());
        CreateRequest client = new CreateRequest(NetworkMode.CLIENT, 0, List.of(), List.of());
        String name = LobbySessions.create(host, url, server);
        c1.session.joinLobby(url, name, client);
        c2.session.joinLobby(url, name, client);
        await("both clients admitted by the relay, and both know their ids")
                .atMost(LobbySessions.WAIT)
                .until(() -> host.state.get().controls().relayClients().size() == 2
                        && c1.signaling().ownId() > 1
                        && c2.signaling().ownId() > 1);
        SessionControls controls = host.state.get().controls();
        assertThat(controls.serverRelay()).isTrue();
        assertThat(controls.relay().addPeerSent()).isEqualTo(2);
        int id1 = c1.signaling().ownId();
        int id2 = c2.signaling().ownId();
        assertThat(controls.relayClients()).containsExactlyInAnyOrder(id1, id2);

        // Each client echoes the ADD_PEER it got (echo is on); the host recognises its own packet and stops there.
        Duration settle = Duration.ofSeconds(1);
        await().pollDelay(settle).atMost(settle.plusSeconds(5)).until(() -> true);
        long before = receivedOnReliable(host);
        await().pollDelay(settle).atMost(settle.plusSeconds(5)).until(() -> true);
        assertThat(receivedOnReliable(host))
                .as("no echo loop: nothing more arrives")
                .isEqualTo(before);
        assertThat(before).as("one reflected ADD_PEER per client at most").isLessThanOrEqualTo(2);

        host.session.setServerRelay(false);
        await("relay off")
                .atMost(LobbySessions.WAIT)
                .until(() -> !host.state.get().controls().serverRelay());
    }

    @Test
    void theLateThresholdReachesTheProbesAndABadOneIsRefused() throws Exception {
        LobbySessions.Peer a = lobby.peer("late-a");
        a.session.setLateThreshold(Duration.ofMillis(300));
        await("set")
                .atMost(LobbySessions.WAIT)
                .until(() -> a.state.get().controls().lateThreshold().equals(Duration.ofMillis(300)));
        a.session.setLateThreshold(Duration.ZERO);
        await("refused").atMost(LobbySessions.WAIT).until(() -> a.failedWith("positive"));
        assertThat(a.state.get().controls().lateThreshold()).isEqualTo(Duration.ofMillis(300));
    }

    private static Optional<ProbeStats> probes(LobbySessions.Peer p, int peer) {
        return p.state.get().probes().stream()
                .filter(s -> s.peerId() == peer && s.channel() == 0)
                .findFirst();
    }

    private static long receivedOnReliable(LobbySessions.Peer host) {
        return host.state.get().mesh().peers().stream()
                .mapToLong(ps -> ps.channels().get(0).messagesReceived())
                .sum();
    }
}
