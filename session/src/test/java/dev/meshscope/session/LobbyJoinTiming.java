// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.awaitility.Awaitility.await;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.signalserver.LobbyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures how long a 4-peer mesh lobby takes from JOIN to every channel open, through a MeshScope lobby server
 * ({@link LobbyServer} in this JVM) and through a shared folder, {@value #ROUNDS} rounds each, and prints both medians.
 * Each round: four fresh {@link MeshSession}s on one runtime; the host (peer 1) joins first and waits until it is in the
 * lobby (for the server: until it has the lobby's name); the clock starts when the three others are told to join, and
 * stops when every session has had {@code peer_connected} (every channel open) for its three peers, timed by the
 * events' own arrival times. Run inside the test network namespace (libwebrtc ignores loopback):
 *
 * <pre>
 * mvn -B -q -o -pl session -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * tools/netns/bin/java -cp session/target/test-classes:session/target/classes:$(cat /tmp/cp.txt) \
 *     dev.meshscope.session.LobbyJoinTiming
 * </pre>
 */
public final class LobbyJoinTiming {
    /** Rounds per path: the median of 10, as issue 10 asks. */
    static final int ROUNDS = 10;
    /** Peers per lobby: the host and three joiners, six links. */
    static final int PEERS = 4;
    /** Longest one round may take before it is reported as failed. */
    static final long ROUND_TIMEOUT_S = 90;

    private LobbyJoinTiming() {}

    /** A session that notes when its last expected {@code peer_connected} arrived. */
    private static final class Timed {
        final MeshSession session;
        final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.initial());
        final CountDownLatch connected = new CountDownLatch(PEERS - 1);
        volatile long lastConnectedNanos;
        /** Set before the round's sessions are shut down: what they report then is the expected end, not news. */
        volatile boolean ending;

        Timed(String name, WebRtcRuntime rt) {
            session = new MeshSession(name, rt, new SessionSink() {
                @Override
                public void event(MeshEvent e) {
                    if (e instanceof MeshEvent.PeerConnected pc) {
                        lastConnectedNanos = Math.max(lastConnectedNanos, pc.atNanos());
                        connected.countDown();
                    }
                }

                @Override
                public void action(OperatorAction a) {
                    if (a.failed() && !ending) {
                        System.err.println("  " + name + ": " + a.kind() + ": " + a.text());
                    }
                }

                @Override
                public void state(SessionState s) {
                    state.set(s);
                }
            });
        }
    }

    /** Joins one of the paths: {@code peer} is 0 for the host, 1..3 for the joiners. */
    private interface Join {
        void join(Timed t, int peer);
    }

    public static void main(String[] args) throws Exception {
        try (WebRtcRuntime rt = WebRtcRuntime.create();
                LobbyServer server = new LobbyServer()) {
            URI url = URI.create("ws://127.0.0.1:" + server.start("0.0.0.0", 0));
            AtomicReference<String> lobby = new AtomicReference<>("");
            double[] ws = run(
                    "websocket",
                    rt,
                    (t, peer) -> {
                        CreateRequest mesh = new CreateRequest(NetworkMode.MESH, 0, List.of(), List.of());
                        t.session.joinLobby(url, peer == 0 ? "" : lobby.get(), mesh);
                    },
                    t -> {
                        String name = t.state.get().signaling().lobbyName();
                        lobby.set(name);
                        return !name.isEmpty();
                    });
            AtomicReference<Path> dir = new AtomicReference<>();
            double[] folder = run(
                    "folder",
                    rt,
                    (t, peer) -> {
                        if (peer == 0) {
                            try {
                                dir.set(Files.createTempDirectory("meshscope-timing"));
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                        t.session.joinFolder(
                                dir.get(), new CreateRequest(NetworkMode.MESH, peer + 1, List.of(), List.of()));
                    },
                    t -> t.state.get().signaling().phase() == LobbyPhase.JOINED);
            System.out.printf(
                    Locale.ROOT,
                    "JOIN to all channels open, 4-peer mesh lobby, median of %d: websocket %.0f ms, folder %.0f ms%n",
                    ROUNDS,
                    median(ws),
                    median(folder));
        }
    }

    /** What says the host is in the lobby (and, for the server, noted the lobby's name). */
    private interface Ready {
        boolean ready(Timed host);
    }

    private static double[] run(String path, WebRtcRuntime rt, Join join, Ready hostReady) throws Exception {
        double[] ms = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            List<Timed> peers = new ArrayList<>();
            for (int i = 0; i < PEERS; i++) {
                peers.add(new Timed("timing-" + path + "-" + r + "-" + i, rt));
            }
            try {
                join.join(peers.get(0), 0);
                Timed host = peers.get(0);
                await(path + ": the host is in its lobby")
                        .atMost(Duration.ofSeconds(ROUND_TIMEOUT_S))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> hostReady.ready(host));
                long t0 = System.nanoTime();
                for (int i = 1; i < PEERS; i++) {
                    join.join(peers.get(i), i);
                }
                long end = 0;
                for (Timed t : peers) {
                    if (!t.connected.await(ROUND_TIMEOUT_S, TimeUnit.SECONDS)) {
                        throw new IllegalStateException(path + " round " + r + ": not every peer connected");
                    }
                    end = Math.max(end, t.lastConnectedNanos);
                }
                ms[r] = (end - t0) / 1e6;
                System.out.printf(Locale.ROOT, "%s round %d: %.0f ms%n", path, r + 1, ms[r]);
            } finally {
                peers.forEach(t -> t.ending = true);
                peers.forEach(t -> t.session.shutdown());
            }
        }
        return ms;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
