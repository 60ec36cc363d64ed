// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ICE servers of the Create form reach {@code WebRtcPeerConnection.initialize} for every connection, however
 * it was signaled (manual exchange, shared folder). The TURN server is a private address nothing answers on:
 * only the configuration is checked, no packet goes to a public server.
 */
@Tag("native")
class IceServersTest {
    /** Bound for one session step on a loaded 2-core machine. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final RtcConfiguration.IceServer TURN =
            new RtcConfiguration.IceServer(List.of("turn:10.77.0.1:3478"), "alice", "secret");

    private final WebRtcRuntime runtime = WebRtcRuntime.create();
    private final List<MeshSession> sessions = new CopyOnWriteArrayList<>();
    private final List<OperatorAction> actions = new CopyOnWriteArrayList<>();

    @TempDir
    Path folder;

    private MeshSession session(String name) {
        MeshSession s = new MeshSession(name, runtime, new SessionSink() {
            @Override
            public void event(MeshEvent event) {}

            @Override
            public void action(OperatorAction action) {
                actions.add(action);
            }

            @Override
            public void state(SessionState state) {}
        });
        sessions.add(s);
        return s;
    }

    @AfterEach
    void close() {
        sessions.forEach(MeshSession::shutdown);
        runtime.close();
    }

    private static Optional<RtcConfiguration> configOf(MeshSession s, int peer) throws Exception {
        return s.iceConfigurationOf(peer).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aManuallySignaledConnectionIsInitializedWithTheFormsServers() throws Exception {
        MeshSession s = session("mesh-ice-manual");
        s.create(new CreateRequest(NetworkMode.MESH, 2, List.of(), List.of(TURN)));
        s.addManualPeer(3);
        await("peer 3 wired").atMost(WAIT).until(() -> configOf(s, 3).isPresent());
        assertThat(configOf(s, 3).orElseThrow().iceServers()).containsExactly(TURN);
    }

    @Test
    void aBadServerIsRefusedWithItsReasonAndNothingIsCreated() throws Exception {
        MeshSession s = session("mesh-ice-bad");
        s.create(new CreateRequest(
                NetworkMode.MESH,
                2,
                List.of(),
                List.of(new RtcConfiguration.IceServer(List.of("turn:10.77.0.1:3478"), "", ""))));
        s.addManualPeer(3);
        await("both refused")
                .atMost(WAIT)
                .until(() -> actions.stream().filter(OperatorAction::failed).count() == 2);
        assertThat(actions.get(0).text()).contains("needs a username and a credential");
        assertThat(configOf(s, 3)).isEmpty();
    }

    @Test
    void folderJoinedPeersAreInitializedWithTheServersToo() throws Exception {
        MeshSession a = session("mesh-ice-folder-2");
        MeshSession b = session("mesh-ice-folder-3");
        a.joinFolder(folder, new CreateRequest(NetworkMode.MESH, 2, List.of(), List.of(TURN)));
        b.joinFolder(folder, new CreateRequest(NetworkMode.MESH, 3, List.of(), List.of(TURN)));
        await("each added the other through the folder")
                .atMost(WAIT)
                .until(() -> configOf(a, 3).isPresent() && configOf(b, 2).isPresent());
        assertThat(configOf(a, 3).orElseThrow().iceServers()).containsExactly(TURN);
        assertThat(configOf(b, 2).orElseThrow().iceServers()).containsExactly(TURN);
    }

    @Test
    void withoutServersConnectionsGetTheDefaultConfiguration() throws Exception {
        MeshSession s = session("mesh-ice-none");
        s.create(new CreateRequest(NetworkMode.MESH, 2, List.of(), List.of()));
        s.addManualPeer(3);
        await("peer 3 wired").atMost(WAIT).until(() -> configOf(s, 3).isPresent());
        assertThat(configOf(s, 3).orElseThrow()).isEqualTo(RtcConfiguration.DEFAULT);
    }
}
