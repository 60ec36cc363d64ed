// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.awaitility.Awaitility.await;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.signalserver.LobbyServer;
import dev.meshscope.signalserver.LobbyServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Operator sessions in one JVM and the MeshScope lobby servers they join (on free ports), for tests: each
 * {@link Peer} keeps the newest state and every action its session reported. {@link #close} shuts everything down.
 * Test thread (the sessions report on their mesh threads into thread-safe holders).
 */
final class LobbySessions implements AutoCloseable {
    /** Bound for one lobby step (join, connect, seal) on a loaded 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(60);
    /** The server's wait for a JOIN (the demo's 1 s), generous for a loaded 2-core machine; not under test here. */
    static final Duration NO_LOBBY = Duration.ofSeconds(15);
    /** A seal close that never comes during a test. */
    static final Duration NO_SEAL_CLOSE = Duration.ofMinutes(10);

    private final WebRtcRuntime runtime = WebRtcRuntime.create();
    private final List<MeshSession> sessions = new CopyOnWriteArrayList<>();
    private final List<LobbyServer> servers = new CopyOnWriteArrayList<>();

    /** A session and what it reported. */
    static final class Peer {
        final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.initial());
        final List<OperatorAction> actions = new CopyOnWriteArrayList<>();
        final MeshSession session;

        private Peer(String name, WebRtcRuntime runtime) {
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

    /** A new session named {@code name} (its mesh thread's name). */
    Peer peer(String name) {
        Peer p = new Peer(name, runtime);
        sessions.add(p.session);
        return p;
    }

    /** Starts a lobby server on a free port whose sealed lobbies close after {@code sealClose}; returns its URL. */
    URI server(Duration sealClose) throws Exception {
        LobbyServer s = new LobbyServer(LobbyServerConfig.defaults().withTimeouts(NO_LOBBY, sealClose));
        servers.add(s);
        return URI.create("ws://127.0.0.1:" + s.start("0.0.0.0", 0));
    }

    /** A mesh join request with these ICE servers. */
    static CreateRequest mesh(RtcConfiguration.IceServer... ice) {
        return new CreateRequest(NetworkMode.MESH, 0, List.of(), List.of(ice));
    }

    /** {@code host} creates a lobby at {@code url} as {@code as} says; returns its name once the server gave it. */
    static String create(Peer host, URI url, CreateRequest as) {
        host.session.joinLobby(url, "", as);
        await("the lobby is created")
                .atMost(WAIT)
                .until(() -> !host.signaling().lobbyName().isEmpty()
                        && host.signaling().phase() == LobbyPhase.JOINED);
        return host.signaling().lobbyName();
    }

    /** {@code host} creates a mesh lobby at {@code url}; returns its name. */
    static String create(Peer host, URI url) {
        return create(host, url, mesh());
    }

    @Override
    public void close() {
        sessions.forEach(MeshSession::shutdown);
        servers.forEach(LobbyServer::close);
        runtime.close();
    }
}
