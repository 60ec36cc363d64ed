// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.signaling.message.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The peer and lobby limits, injected small; and the ids a joiner can get. */
class LobbyLimitsTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<TestPeer> peers = new ArrayList<>();
    private LobbyServer server;

    @AfterEach
    void stop() {
        peers.forEach(TestPeer::close);
        if (server != null) {
            server.close();
        }
    }

    private TestPeer add(TestPeer p) {
        peers.add(p);
        return p;
    }

    @Test
    void onePeerOverTheLimitIsClosedAndAPlaceFreedIsTakenAgain() throws Exception {
        server = new LobbyServer(LobbyServerConfig.defaults().withLimits(3, 8).withLog(log::add));
        int port = server.start("127.0.0.1", 0);
        TestPeer host = add(TestPeer.join(port, "", true));
        TestPeer second = add(TestPeer.join(port, host.lobby, true));
        add(TestPeer.join(port, host.lobby, true));
        TestPeer fourth = add(TestPeer.connect(port));
        assertThat(fourth.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, "Too many peers connected"));
        assertThat(log).anyMatch(l -> l.contains("\"event\":\"peer_refused\""));

        second.leave();
        await().atMost(TestPeer.WAIT).until(() -> server.connectionCount() == 2);
        TestPeer again = add(TestPeer.join(port, host.lobby, true));
        assertThat(again.id).isGreaterThanOrEqualTo(2);
        assertThat(again.isClosed()).isFalse();
    }

    @Test
    void oneLobbyOverTheLimitIsRefusedAndJoiningAnOpenOneStillWorks() throws Exception {
        server = new LobbyServer(LobbyServerConfig.defaults().withLimits(16, 2).withLog(log::add));
        int port = server.start("127.0.0.1", 0);
        TestPeer a = add(TestPeer.join(port, "", true));
        add(TestPeer.join(port, "", false));
        TestPeer third = add(TestPeer.connect(port));
        third.send(MessageType.JOIN, 0, "");
        assertThat(third.awaitClosed()).isEqualTo(new TestPeer.Closed(4000, "Too many lobbies open, disconnecting"));

        TestPeer joiner = add(TestPeer.join(port, a.lobby, true));
        assertThat(joiner.announced).containsExactly(1);
        a.leave();
        await().atMost(TestPeer.WAIT).until(() -> server.lobbies().size() == 1);
        TestPeer creator = add(TestPeer.join(port, "", true));
        assertThat(creator.id).isEqualTo(1);
    }

    @Test
    void peerIdsAreNeverZeroOneOrTwoToThe31AndNeverTaken() {
        ServerRandom random = new ServerRandom();
        for (int i = 0; i < 100_000; i++) {
            int id = random.peerId(x -> false);
            assertThat(id).isBetween(2, Integer.MAX_VALUE);
        }
        // A taken id is never given: with every id but one taken in a small window, the free one comes back.
        int id = random.peerId(x -> x % 1000 != 7);
        assertThat(id % 1000).isEqualTo(7);
        assertThat(random.lobbyName(n -> false)).matches("[A-Za-z0-9]{16}");
    }

    @Test
    void aBadConfigurationOrAStartTwiceIsRefusedWithItsReason() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> LobbyServerConfig.defaults().withLimits(0, 1))
                .hasMessageContaining("maxPeers must be at least 1");
        server = new LobbyServer();
        server.start("127.0.0.1", 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.start("127.0.0.1", 0))
                .isInstanceOf(IllegalStateException.class);
        try (LobbyServer second = new LobbyServer()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.start("127.0.0.1", server.port()))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
        }
    }
}
