// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.signaling.timeline.SignalTrace;
import dev.meshscope.signalserver.LobbyServer;
import dev.meshscope.signalserver.LobbyServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two operator sessions in one JVM join a MeshScope lobby server ({@link LobbyServer} on a free port) through
 * {@link SessionCommands#joinLobby}: the first creates the lobby and becomes its host, the second joins it by name,
 * they connect, and what the window shows (path, phase, lobby name, ids, roster with links, seal, the signaling
 * timeline) follows; the host seals, the server closes signaling and the mesh stays up. The negative twins: joining a
 * sealed lobby ends with the server's reason and creates nothing, a second join and a seal by a non-host are refused
 * and change nothing.
 */
@Tag("native")
class LobbyJoinTest {
    /** The server closes a sealed lobby's signaling after this (the demo's 10 s, shortened). */
    private static final Duration SEAL_CLOSE = Duration.ofSeconds(2);

    private static final RtcConfiguration.IceServer TURN =
            new RtcConfiguration.IceServer(List.of("turn:10.77.0.1:3478"), "alice", "secret");

    private final LobbySessions lobby = new LobbySessions();

    @AfterEach
    void close() {
        lobby.close();
    }

    @Test
    void twoSessionsJoinConnectSealAndTheMeshOutlivesTheServersClose() throws Exception {
        URI url = lobby.server(SEAL_CLOSE);
        LobbySessions.Peer a = lobby.peer("mesh-lobby-a");
        LobbySessions.Peer b = lobby.peer("mesh-lobby-b");
        String name = LobbySessions.create(a, url);
        SignalingState as = a.signaling();
        assertThat(as.path()).isEqualTo(SignalPath.WEBSOCKET);
        assertThat(as.ownId()).as("the creator is the host").isEqualTo(1);
        assertThat(as.mesh()).isTrue();
        assertThat(as.where()).isEqualTo(url.toString());
        assertThat(as.status()).contains(name);

        b.session.joinLobby(url, name, LobbySessions.mesh());
        await("both list each other as connected")
                .atMost(LobbySessions.WAIT)
                .until(() -> b.signaling().ownId() > 1
                        && a.linkTo(b.signaling().ownId()) == RosterEntry.Link.CONNECTED
                        && b.linkTo(1) == RosterEntry.Link.CONNECTED);
        int bId = b.signaling().ownId();
        assertThat(b.signaling().roster())
                .containsExactly(
                        new RosterEntry(1, true, RosterEntry.Link.CONNECTED),
                        new RosterEntry(bId, false, RosterEntry.Link.SELF));
        assertThat(b.signaling().lobbyName()).isEqualTo(name);
        assertThat(b.signaling().host()).map(RosterEntry::id).contains(1);

        // The timeline: B offered (the larger id offers), A answered, candidates both ways, all on the websocket path.
        List<SignalTrace> bt = b.signaling().timeline();
        assertThat(bt).allSatisfy(t -> assertThat(t.path()).isEqualTo(SignalTrace.WEBSOCKET));
        assertThat(bt)
                .anySatisfy(t -> {
                    assertThat(t.typeName()).isEqualTo("OFFER");
                    assertThat(t.direction()).isEqualTo(SignalTrace.Direction.SENT);
                    assertThat(t.to()).isEqualTo(1);
                    assertThat(t.data()).startsWith("v=0");
                })
                .anySatisfy(t -> {
                    assertThat(t.typeName()).isEqualTo("ANSWER");
                    assertThat(t.direction()).isEqualTo(SignalTrace.Direction.RECEIVED);
                    assertThat(t.from()).isEqualTo(1);
                })
                .noneSatisfy(t -> assertThat(t.verdict()).isNotEqualTo(SignalTrace.Verdict.OK));
        assertThat(b.signaling().traced()).isGreaterThanOrEqualTo(bt.size());

        // Negative twins first: a second join and a seal by a non-host are refused and change nothing.
        b.session.joinLobby(url, name, LobbySessions.mesh());
        b.session.sealLobby();
        await("both refused")
                .atMost(LobbySessions.WAIT)
                .until(() -> b.failedWith("already in a lobby") && b.failedWith("only the host"));
        assertThat(b.signaling().phase()).isEqualTo(LobbyPhase.JOINED);
        assertThat(b.signaling().sealed()).isFalse();

        a.session.sealLobby();
        await("both saw the seal, then the server's close after it")
                .atMost(LobbySessions.WAIT)
                .until(() -> a.signaling().phase() == LobbyPhase.ENDED
                        && b.signaling().phase() == LobbyPhase.ENDED);
        for (LobbySessions.Peer p : List.of(a, b)) {
            assertThat(p.signaling().sealed()).isTrue();
            assertThat(p.signaling().status()).contains("the mesh goes on");
            assertThat(p.signaling().timeline())
                    .anySatisfy(t -> assertThat(t.typeName()).isEqualTo("SEAL"));
            assertThat(p.state.get().mesh().status()).isEqualTo(ConnectionStatus.CONNECTED);
        }
        assertThat(a.linkTo(bId)).as("the mesh outlives signaling").isEqualTo(RosterEntry.Link.CONNECTED);

        // Leaving an ended lobby forgets it; the sealed mesh stays, now a manual-path peer.
        a.session.leaveLobby();
        await("forgotten").atMost(LobbySessions.WAIT).until(() -> a.signaling().phase() == LobbyPhase.NONE);
        assertThat(a.signaling().path()).isEqualTo(SignalPath.MANUAL);
        assertThat(a.state.get().mesh().status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void joiningASealedLobbyEndsWithTheServersReasonAndCreatesNothing() throws Exception {
        URI url = lobby.server(LobbySessions.NO_SEAL_CLOSE);
        LobbySessions.Peer a = lobby.peer("mesh-lobby-host");
        LobbySessions.Peer late = lobby.peer("mesh-lobby-late");
        String name = LobbySessions.create(a, url);
        a.session.sealLobby();
        await("sealed").atMost(LobbySessions.WAIT).until(() -> a.signaling().sealed());

        late.session.joinLobby(url, name, LobbySessions.mesh());
        await("refused by the server")
                .atMost(LobbySessions.WAIT)
                .until(() -> late.signaling().phase() == LobbyPhase.ENDED);
        assertThat(late.signaling().status()).contains("4000", "Lobby is sealed");
        assertThat(late.failedWith("Lobby is sealed")).isTrue();
        assertThat(late.signaling().ownId()).isZero();
        assertThat(late.state.get().mesh().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(a.signaling().phase()).as("the host is not disturbed").isEqualTo(LobbyPhase.SEALED);

        // The ended lobby does not block a new join: the same session can create a lobby of its own.
        String own = LobbySessions.create(late, url);
        assertThat(own).isNotEqualTo(name);
        assertThat(late.signaling().ownId()).isEqualTo(1);
    }

    @Test
    void lobbyConnectionsGetTheIceServersAndManualBlobsShareTheTimeline() throws Exception {
        URI url = lobby.server(LobbyServerConfig.DEFAULT_SEAL_CLOSE_TIMEOUT);
        LobbySessions.Peer a = lobby.peer("mesh-lobby-ice-a");
        LobbySessions.Peer b = lobby.peer("mesh-lobby-ice-b");
        a.session.joinLobby(url, "", LobbySessions.mesh(TURN));
        await("created")
                .atMost(LobbySessions.WAIT)
                .until(() -> !a.signaling().lobbyName().isEmpty());
        b.session.joinLobby(url, a.signaling().lobbyName(), LobbySessions.mesh(TURN));
        await("b added the host")
                .atMost(LobbySessions.WAIT)
                .until(() -> configOf(b.session, 1).isPresent());
        assertThat(configOf(b.session, 1).orElseThrow().iceServers()).containsExactly(TURN);
        int bId = b.signaling().ownId();
        await("the host added b")
                .atMost(LobbySessions.WAIT)
                .until(() -> configOf(a.session, bId).isPresent());
        assertThat(configOf(a.session, bId).orElseThrow().iceServers()).containsExactly(TURN);

        LobbySessions.Peer m = lobby.peer("mesh-lobby-manual");
        m.session.create(new CreateRequest(NetworkMode.MESH, 2, List.of(), List.of()));
        m.session.addManualPeer(3);
        m.session.applyPaste("hello, this is not a blob", 0);
        await("the offer blob and the refused paste are on the timeline")
                .atMost(LobbySessions.WAIT)
                .until(() -> m.signaling().timeline().size() >= 2);
        assertThat(m.signaling().path()).isEqualTo(SignalPath.MANUAL);
        assertThat(m.signaling().timeline())
                .allSatisfy(t -> assertThat(t.path()).isEqualTo(SignalTrace.MANUAL))
                .anySatisfy(t -> {
                    assertThat(t.direction()).isEqualTo(SignalTrace.Direction.SENT);
                    assertThat(t.typeName()).isEqualTo("OFFER");
                    assertThat(t.to()).isEqualTo(3);
                })
                .anySatisfy(t -> {
                    assertThat(t.direction()).isEqualTo(SignalTrace.Direction.RECEIVED);
                    assertThat(t.verdict()).isEqualTo(SignalTrace.Verdict.REFUSED);
                    assertThat(t.data()).isEqualTo("hello, this is not a blob");
                });
    }

    private static Optional<RtcConfiguration> configOf(MeshSession s, int peer) throws Exception {
        return s.iceConfigurationOf(peer).get(LobbySessions.WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
