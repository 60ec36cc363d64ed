// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.signaling.timeline.SignalTrace;
import dev.meshscope.signalserver.LobbyServer;
import dev.meshscope.signalserver.LobbyServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    /** Bound for one lobby step (join, connect, seal) on a loaded 2-core machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The server closes a sealed lobby's signaling after this (the demo's 10 s, shortened). */
    private static final Duration SEAL_CLOSE = Duration.ofSeconds(2);

    /** The server's wait for a JOIN (the demo's 1 s), generous for a loaded 2-core machine; not under test here. */
    private static final Duration NO_LOBBY = Duration.ofSeconds(15);
    /** A seal close that never comes during a test: the sealed lobby stays open to be refused. */
    private static final Duration NO_SEAL_CLOSE = Duration.ofMinutes(10);

    private static final RtcConfiguration.IceServer TURN =
            new RtcConfiguration.IceServer(List.of("turn:10.77.0.1:3478"), "alice", "secret");

    private final WebRtcRuntime runtime = WebRtcRuntime.create();
    private final List<MeshSession> sessions = new CopyOnWriteArrayList<>();
    private final List<LobbyServer> servers = new CopyOnWriteArrayList<>();

    /** A session and what it reported. */
    private final class Peer {
        final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.initial());
        final List<OperatorAction> actions = new CopyOnWriteArrayList<>();
        final MeshSession session;

        Peer(String name) {
            session = new MeshSession(name, runtime, new SessionSink() {
                @Override
                public void event(MeshEvent event) {}

                @Override
                public void action(OperatorAction action) {
                    actions.add(action);
                }

                @Override
                public void state(SessionState s) {
                    state.set(s);
                }
            });
            sessions.add(session);
        }

        SignalingState signaling() {
            return state.get().signaling();
        }

        boolean failedWith(String text) {
            return actions.stream().anyMatch(a -> a.failed() && a.text().contains(text));
        }

        RosterEntry.Link linkTo(int id) {
            return signaling().roster().stream()
                    .filter(r -> r.id() == id)
                    .map(RosterEntry::link)
                    .findFirst()
                    .orElse(null);
        }
    }

    @AfterEach
    void close() {
        sessions.forEach(MeshSession::shutdown);
        servers.forEach(LobbyServer::close);
        runtime.close();
    }

    private URI server(Duration sealClose) throws Exception {
        LobbyServer s = new LobbyServer(LobbyServerConfig.defaults().withTimeouts(NO_LOBBY, sealClose));
        servers.add(s);
        return URI.create("ws://127.0.0.1:" + s.start("0.0.0.0", 0));
    }

    private static CreateRequest mesh(RtcConfiguration.IceServer... ice) {
        return new CreateRequest(NetworkMode.MESH, 0, List.of(), List.of(ice));
    }

    /** {@code host} creates a lobby at {@code url}; returns its name once the server gave it. */
    private static String create(Peer host, URI url) {
        host.session.joinLobby(url, "", mesh());
        await("the lobby is created")
                .atMost(WAIT)
                .until(() -> !host.signaling().lobbyName().isEmpty()
                        && host.signaling().phase() == LobbyPhase.JOINED);
        return host.signaling().lobbyName();
    }

    @Test
    void twoSessionsJoinConnectSealAndTheMeshOutlivesTheServersClose() throws Exception {
        URI url = server(SEAL_CLOSE);
        Peer a = new Peer("mesh-lobby-a");
        Peer b = new Peer("mesh-lobby-b");
        String name = create(a, url);
        SignalingState as = a.signaling();
        assertThat(as.path()).isEqualTo(SignalPath.WEBSOCKET);
        assertThat(as.ownId()).as("the creator is the host").isEqualTo(1);
        assertThat(as.mesh()).isTrue();
        assertThat(as.where()).isEqualTo(url.toString());
        assertThat(as.status()).contains(name);

        b.session.joinLobby(url, name, mesh());
        await("both list each other as connected")
                .atMost(WAIT)
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
        b.session.joinLobby(url, name, mesh());
        b.session.sealLobby();
        await("both refused")
                .atMost(WAIT)
                .until(() -> b.failedWith("already in a lobby") && b.failedWith("only the host"));
        assertThat(b.signaling().phase()).isEqualTo(LobbyPhase.JOINED);
        assertThat(b.signaling().sealed()).isFalse();

        a.session.sealLobby();
        await("both saw the seal, then the server's close after it")
                .atMost(WAIT)
                .until(() -> a.signaling().phase() == LobbyPhase.ENDED
                        && b.signaling().phase() == LobbyPhase.ENDED);
        for (Peer p : List.of(a, b)) {
            assertThat(p.signaling().sealed()).isTrue();
            assertThat(p.signaling().status()).contains("the mesh goes on");
            assertThat(p.signaling().timeline())
                    .anySatisfy(t -> assertThat(t.typeName()).isEqualTo("SEAL"));
            assertThat(p.state.get().mesh().status()).isEqualTo(ConnectionStatus.CONNECTED);
        }
        assertThat(a.linkTo(bId)).as("the mesh outlives signaling").isEqualTo(RosterEntry.Link.CONNECTED);

        // Leaving an ended lobby forgets it; the sealed mesh stays, now a manual-path peer.
        a.session.leaveLobby();
        await("forgotten").atMost(WAIT).until(() -> a.signaling().phase() == LobbyPhase.NONE);
        assertThat(a.signaling().path()).isEqualTo(SignalPath.MANUAL);
        assertThat(a.state.get().mesh().status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void joiningASealedLobbyEndsWithTheServersReasonAndCreatesNothing() throws Exception {
        URI url = server(NO_SEAL_CLOSE);
        Peer a = new Peer("mesh-lobby-host");
        Peer late = new Peer("mesh-lobby-late");
        String name = create(a, url);
        a.session.sealLobby();
        await("sealed").atMost(WAIT).until(() -> a.signaling().sealed());

        late.session.joinLobby(url, name, mesh());
        await("refused by the server").atMost(WAIT).until(() -> late.signaling().phase() == LobbyPhase.ENDED);
        assertThat(late.signaling().status()).contains("4000", "Lobby is sealed");
        assertThat(late.failedWith("Lobby is sealed")).isTrue();
        assertThat(late.signaling().ownId()).isZero();
        assertThat(late.state.get().mesh().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(a.signaling().phase()).as("the host is not disturbed").isEqualTo(LobbyPhase.SEALED);

        // The ended lobby does not block a new join: the same session can create a lobby of its own.
        String own = create(late, url);
        assertThat(own).isNotEqualTo(name);
        assertThat(late.signaling().ownId()).isEqualTo(1);
    }

    @Test
    void lobbyConnectionsGetTheIceServersAndManualBlobsShareTheTimeline() throws Exception {
        URI url = server(LobbyServerConfig.DEFAULT_SEAL_CLOSE_TIMEOUT);
        Peer a = new Peer("mesh-lobby-ice-a");
        Peer b = new Peer("mesh-lobby-ice-b");
        a.session.joinLobby(url, "", mesh(TURN));
        await("created").atMost(WAIT).until(() -> !a.signaling().lobbyName().isEmpty());
        b.session.joinLobby(url, a.signaling().lobbyName(), mesh(TURN));
        await("b added the host")
                .atMost(WAIT)
                .until(() -> configOf(b.session, 1).isPresent());
        assertThat(configOf(b.session, 1).orElseThrow().iceServers()).containsExactly(TURN);
        int bId = b.signaling().ownId();
        await("the host added b")
                .atMost(WAIT)
                .until(() -> configOf(a.session, bId).isPresent());
        assertThat(configOf(a.session, bId).orElseThrow().iceServers()).containsExactly(TURN);

        Peer m = new Peer("mesh-lobby-manual");
        m.session.create(new CreateRequest(NetworkMode.MESH, 2, List.of(), List.of()));
        m.session.addManualPeer(3);
        m.session.applyPaste("hello, this is not a blob", 0);
        await("the offer blob and the refused paste are on the timeline")
                .atMost(WAIT)
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
        return s.iceConfigurationOf(peer).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
