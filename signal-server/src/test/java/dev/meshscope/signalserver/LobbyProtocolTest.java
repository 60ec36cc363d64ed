// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lobby rules of the demo's Node server, over real sockets on 127.0.0.1 with JDK WebSocket clients. */
class LobbyProtocolTest {
    private static final Duration SEAL_CLOSE = Duration.ofMillis(400);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<TestPeer> peers = new ArrayList<>();
    private LobbyServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new LobbyServer(LobbyServerConfig.defaults()
                .withTimeouts(LobbyServerConfig.DEFAULT_NO_LOBBY_TIMEOUT, SEAL_CLOSE)
                .withLog(log::add));
        port = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        peers.forEach(TestPeer::close);
        server.close();
    }

    private TestPeer join(String lobby, boolean mesh) throws Exception {
        TestPeer p = TestPeer.join(port, lobby, mesh);
        peers.add(p);
        return p;
    }

    @Test
    void aMeshOfFourGetsIdsAnnouncementsAndRelaysWithTheSendersId() throws Exception {
        TestPeer host = join("", true);
        assertThat(host.id).isEqualTo(1);
        assertThat(host.lobby).matches("[A-Za-z0-9]{16}");
        List<TestPeer> mesh = new ArrayList<>(List.of(host));
        for (int i = 0; i < 3; i++) {
            TestPeer p = TestPeer.connect(port);
            peers.add(p);
            p.send(MessageType.JOIN, 0, host.lobby);
            SignalMessage id = p.nextOf(MessageType.ID);
            assertThat(id.data()).isEqualTo("true");
            p.id = id.id();
            // Every earlier peer is announced to the newcomer, in join order, then the lobby name.
            for (TestPeer earlier : mesh) {
                assertThat(p.nextOf(MessageType.PEER_CONNECT).id()).isEqualTo(earlier.id);
                assertThat(earlier.nextOf(MessageType.PEER_CONNECT).id()).isEqualTo(p.id);
            }
            assertThat(p.nextOf(MessageType.JOIN).data()).isEqualTo(host.lobby);
            mesh.add(p);
        }
        Set<Integer> ids = new HashSet<>();
        for (TestPeer p : mesh) {
            ids.add(p.id);
        }
        assertThat(ids).hasSize(4).contains(1);
        assertThat(ids).allMatch(id -> id == 1 || id >= 2);

        // Every pair: the larger id offers, the smaller answers, candidates both ways; each arrives with the sender's
        // id.
        for (TestPeer a : mesh) {
            for (TestPeer b : mesh) {
                if (a.id > b.id) {
                    a.send(MessageType.OFFER, b.id, "offer " + a.id + "->" + b.id);
                    SignalMessage offer = b.nextOf(MessageType.OFFER);
                    assertThat(offer.id()).isEqualTo(a.id);
                    assertThat(offer.data()).isEqualTo("offer " + a.id + "->" + b.id);
                    b.send(MessageType.ANSWER, a.id, "answer");
                    assertThat(a.nextOf(MessageType.ANSWER).id()).isEqualTo(b.id);
                    a.send(MessageType.CANDIDATE, b.id, "\n0\n0\ncandidate:1 1 udp 1 10.0.0.1 5000 typ host");
                    SignalMessage cand = b.nextOf(MessageType.CANDIDATE);
                    assertThat(cand.id()).isEqualTo(a.id);
                    assertThat(cand.data()).isEqualTo("\n0\n0\ncandidate:1 1 udp 1 10.0.0.1 5000 typ host");
                }
            }
        }
        // A peer addresses the host as 1, and the host's messages carry 1.
        mesh.get(3).send(MessageType.CANDIDATE, 1, "to host");
        assertThat(host.nextOf(MessageType.CANDIDATE).id()).isEqualTo(mesh.get(3).id);

        await().atMost(TestPeer.WAIT).until(() -> server.lobbies().size() == 1);
        LobbySnapshot snap = server.lobbies().get(0);
        assertThat(snap.name()).isEqualTo(host.lobby);
        assertThat(snap.mesh()).isTrue();
        assertThat(snap.sealed()).isFalse();
        assertThat(snap.peerIds()).containsExactly(1, mesh.get(1).id, mesh.get(2).id, mesh.get(3).id);
        assertThat(snap.peers().get(0).serverId())
                .isEqualTo(snap.hostServerId())
                .isGreaterThanOrEqualTo(2);
        assertThat(log).anyMatch(l -> l.contains("\"event\":\"lobby_created\"") && l.contains(host.lobby));
        assertThat(log.stream().filter(l -> l.contains("\"event\":\"peer_joined\"")))
                .hasSize(4);
        for (TestPeer p : mesh) {
            assertThat(p.poll()).as("nothing more for peer " + p.id).isNull();
        }
    }

    @Test
    void aClientServerLobbyOfThreeAnnouncesEveryPeerToEveryPeerAsTheNodeServerDoes() throws Exception {
        TestPeer host = join("", false);
        assertThat(host.id).isEqualTo(1);
        TestPeer c1 = TestPeer.connect(port);
        peers.add(c1);
        c1.send(MessageType.JOIN, 1, host.lobby);
        assertThat(c1.nextOf(MessageType.ID).data()).isEmpty();
        assertThat(c1.nextOf(MessageType.PEER_CONNECT).id()).isEqualTo(1);
        assertThat(c1.nextOf(MessageType.JOIN).data()).isEqualTo(host.lobby);
        SignalMessage c1Id = host.nextOf(MessageType.PEER_CONNECT);
        c1.id = c1Id.id();

        TestPeer c2 = TestPeer.connect(port);
        peers.add(c2);
        c2.send(MessageType.JOIN, 1, host.lobby);
        c2.id = c2.nextOf(MessageType.ID).id();
        assertThat(c2.nextOf(MessageType.PEER_CONNECT).id()).isEqualTo(1);
        // Unlike the GDScript server, clients learn each other (Node server L104-112).
        assertThat(c2.nextOf(MessageType.PEER_CONNECT).id()).isEqualTo(c1.id);
        assertThat(c1.nextOf(MessageType.PEER_CONNECT).id()).isEqualTo(c2.id);
        assertThat(host.nextOf(MessageType.PEER_CONNECT).id()).isEqualTo(c2.id);
        assertThat(c2.nextOf(MessageType.JOIN).data()).isEqualTo(host.lobby);

        c2.send(MessageType.OFFER, 1, "sdp");
        assertThat(host.nextOf(MessageType.OFFER).id()).isEqualTo(c2.id);
        host.send(MessageType.ANSWER, c2.id, "sdp-answer");
        SignalMessage answer = c2.nextOf(MessageType.ANSWER);
        assertThat(answer.id()).isEqualTo(1);
        assertThat(answer.data()).isEqualTo("sdp-answer");
        await().atMost(TestPeer.WAIT).until(() -> !server.lobbies().isEmpty());
        assertThat(server.lobbies().get(0).mesh()).isFalse();
        assertThat(server.lobbies().get(0).peerIds()).containsExactly(1, c1.id, c2.id);
    }

    @Test
    void sealSendsSealToAllRefusesNewcomersAndClosesEveryPeerWith1000AfterTheTimeout() throws Exception {
        TestPeer host = join("", true);
        TestPeer a = join(host.lobby, true);
        TestPeer b = join(host.lobby, true);
        host.nextOf(MessageType.PEER_CONNECT);
        host.nextOf(MessageType.PEER_CONNECT);
        a.nextOf(MessageType.PEER_CONNECT);

        host.send(MessageType.SEAL, 0, "");
        for (TestPeer p : List.of(host, a, b)) {
            SignalMessage seal = p.nextOf(MessageType.SEAL);
            assertThat(seal.id()).isZero();
        }
        await().atMost(TestPeer.WAIT)
                .until(() ->
                        server.lobbies().size() == 1 && server.lobbies().get(0).sealed());
        assertThat(server.lobbies().get(0).sealedAt()).isNotNull();

        // Relays still pass until the seal closes the lobby.
        a.send(MessageType.OFFER, b.id, "late offer");
        assertThat(b.nextOf(MessageType.OFFER).id()).isEqualTo(a.id);

        TestPeer late = TestPeer.connect(port);
        peers.add(late);
        late.send(MessageType.JOIN, 0, host.lobby);
        assertThat(late.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, "Lobby is sealed"));

        for (TestPeer p : List.of(host, a, b)) {
            assertThat(p.awaitClosed()).isEqualTo(new TestPeer.Closed(1000, "Seal complete"));
        }
        await().atMost(TestPeer.WAIT).until(() -> server.lobbies().isEmpty());
        assertThat(log).anyMatch(l -> l.contains("\"event\":\"seal_complete\""));
        assertThat(LobbyServerConfig.defaults().sealCloseTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aConnectionThatDoesNotJoinWithinOneSecondIsClosedAndOneThatJoinsIsNot() throws Exception {
        long start = System.nanoTime();
        TestPeer idle = TestPeer.connect(port);
        peers.add(idle);
        TestPeer joiner = join("", true);
        assertThat(idle.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, "Have not joined lobby yet"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        // The twin: the peer that joined at once is still served well past the timeout.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> !joiner.isClosed());
        assertThat(LobbyServerConfig.defaults().noLobbyTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theHostLeavingClosesTheOthersAndTheLobbyButNoOtherLobby() throws Exception {
        TestPeer host = join("", true);
        TestPeer a = join(host.lobby, true);
        TestPeer b = join(host.lobby, true);
        TestPeer otherHost = join("", true);
        TestPeer otherPeer = join(otherHost.lobby, true);
        await().atMost(TestPeer.WAIT).until(() -> server.lobbies().size() == 2);

        host.leave();
        assertThat(a.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, "Room host has disconnected"));
        assertThat(b.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, "Room host has disconnected"));
        await().atMost(TestPeer.WAIT).until(() -> server.lobbies().size() == 1);
        assertThat(server.lobbies().get(0).name()).isEqualTo(otherHost.lobby);

        TestPeer late = TestPeer.connect(port);
        peers.add(late);
        late.send(MessageType.JOIN, 0, host.lobby);
        assertThat(late.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, "Lobby does not exists"));

        otherPeer.send(MessageType.OFFER, 1, "still here");
        otherHost.nextOf(MessageType.PEER_CONNECT);
        assertThat(otherHost.nextOf(MessageType.OFFER).id()).isEqualTo(otherPeer.id);
        assertThat(otherHost.isClosed()).isFalse();
        assertThat(log).anyMatch(l -> l.contains("\"event\":\"lobby_closed\"") && l.contains(host.lobby));
    }

    @Test
    void aPeerLeavingIsAnnouncedToTheOthersAndTheLobbyStays() throws Exception {
        TestPeer host = join("", true);
        TestPeer a = join(host.lobby, true);
        TestPeer b = join(host.lobby, true);
        host.nextOf(MessageType.PEER_CONNECT);
        host.nextOf(MessageType.PEER_CONNECT);
        a.nextOf(MessageType.PEER_CONNECT);

        a.leave();
        assertThat(host.nextOf(MessageType.PEER_DISCONNECT).id()).isEqualTo(a.id);
        assertThat(b.nextOf(MessageType.PEER_DISCONNECT).id()).isEqualTo(a.id);
        await().atMost(TestPeer.WAIT)
                .until(() -> server.lobbies().size() == 1
                        && server.lobbies().get(0).peerIds().equals(List.of(1, b.id)));
        // The departed id is no longer a destination; the sender alone is closed for trying.
        b.send(MessageType.OFFER, 1, "ok");
        assertThat(host.nextOf(MessageType.OFFER).id()).isEqualTo(b.id);
        host.send(MessageType.OFFER, a.id, "to the departed");
        assertThat(host.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, "Invalid destination"));
    }

    @Test
    void aListenerGetsTheLobbiesAtOnceThenEveryChangeOnTheLobbyThread() throws Exception {
        List<List<LobbySnapshot>> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        server.addListener(lobbies -> {
            seen.add(lobbies);
            threads.add(Thread.currentThread().getName());
        });
        await().atMost(TestPeer.WAIT).until(() -> seen.size() == 1);
        assertThat(seen.get(0)).isEmpty();
        TestPeer host = join("", false);
        await().atMost(TestPeer.WAIT)
                .until(() -> seen.get(seen.size() - 1).stream()
                        .anyMatch(l -> l.name().equals(host.lobby)));
        host.leave();
        await().atMost(TestPeer.WAIT).until(() -> seen.get(seen.size() - 1).isEmpty());
        assertThat(threads).containsOnly("signal-server-lobbies");
    }
}
