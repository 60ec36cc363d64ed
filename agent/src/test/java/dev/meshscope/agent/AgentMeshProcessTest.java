// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three agents in three JVMs form a mesh through a shared folder and ping each other on every channel (three
 * default channels and two extras); one is killed and the other two report it gone and carry on; a fourth
 * process that takes a used id is told so; the survivors stop cleanly on end of stdin and on SIGTERM.
 */
@Tag("multiprocess")
@Tag("native")
class AgentMeshProcessTest {
    private static final Duration FORM = Duration.ofSeconds(90);
    private static final Duration NOTICE = Duration.ofSeconds(30);
    /** Internal channels: reliable, ordered, unreliable, then the extras from --channels 2,0. */
    private static final int CHANNELS = 5;

    @TempDir
    Path work;

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    private AgentProcess agent(int id) throws Exception {
        return agents.start(
                work,
                "agent" + id,
                "--mode",
                "mesh",
                "--id",
                Integer.toString(id),
                "--signal-dir",
                work.resolve("lobby").toString(),
                "--create",
                "--echo",
                "--channels",
                "2,0",
                "--ping-interval",
                "100",
                "--report-interval",
                "300",
                "--heartbeat-ms",
                "200",
                "--stale-ms",
                "2500");
    }

    /** The latest "answered" count per (peer, channel) from an agent's ProbeReport events. */
    private static Map<String, Long> answered(AgentProcess a) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode e : a.events()) {
            if ("ProbeReport".equals(e.path("event").asText())) {
                out.put(
                        e.path("peerId").asInt() + "/" + e.path("channel").asInt(),
                        e.path("received").asLong());
            }
        }
        return out;
    }

    private static boolean answeredOnEveryChannel(AgentProcess a, int... peers) {
        Map<String, Long> m = answered(a);
        for (int p : peers) {
            for (int ch = 0; ch < CHANNELS; ch++) {
                if (m.getOrDefault(p + "/" + ch, 0L) == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean hasEvent(AgentProcess a, String type, int peer, String textFragment) {
        for (JsonNode e : a.events()) {
            if (type.equals(e.path("event").asText())
                    && e.path("peerId").asInt() == peer
                    && e.path("text").asText().contains(textFragment)) {
                return true;
            }
        }
        return false;
    }

    private static long count(AgentProcess a, String type, int peer) {
        return a.events().stream()
                .filter(e -> type.equals(e.path("event").asText())
                        && e.path("peerId").asInt() == peer)
                .count();
    }

    private static void signal(AgentProcess a, String sig) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(a.process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && kill.exitValue() == 0)
                .isTrue();
    }

    /** Issue 8: a peer frozen (SIGSTOP) past the stale limit and resumed connects again; it used to hang offering. */
    @Test
    void aFrozenAgentConnectsAgainWhenItResumes() throws Exception {
        AgentProcess a2 = agent(2);
        AgentProcess a3 = agent(3);
        try {
            await("pair")
                    .atMost(FORM)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(a2, "PeerConnected", 3) == 1 && count(a3, "PeerConnected", 2) == 1);
            // The answerer (the smaller id) is frozen: when it resumes, 3's new offer can reach it before its own
            // reconnect runs, which it used to ignore.
            signal(a2, "STOP");
            await("3 reports the frozen peer gone")
                    .atMost(NOTICE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> hasEvent(a3, "LobbyNotice", 2, "no heartbeat"));
            signal(a2, "CONT");
            await("connected again on both sides")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(a2, "PeerConnected", 3) >= 2 && count(a3, "PeerConnected", 2) >= 2);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + agents.diagnostics(), e);
        }
    }

    @Test
    void threeAgentsMeshThroughAFolderSurviveAKillAndStopCleanly() throws Exception {
        AgentProcess a2 = agent(2);
        AgentProcess a3 = agent(3);
        AgentProcess a4 = agent(4);
        try {
            await("three agents answer each other on all five channels")
                    .atMost(FORM)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> answeredOnEveryChannel(a2, 3, 4)
                            && answeredOnEveryChannel(a3, 2, 4)
                            && answeredOnEveryChannel(a4, 2, 3));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + agents.diagnostics(), e);
        }

        AgentProcess dup = AgentProcess.start(
                work,
                "dup",
                "--mode",
                "mesh",
                "--id",
                "3",
                "--signal-dir",
                work.resolve("lobby").toString(),
                "--create");
        agents.add(dup);
        assertThat(dup.waitFor(60)).as(dup.stderrText()).isEqualTo(AgentCommand.EXIT_SIGNALING);
        assertThat(dup.stderrText()).contains("already peer 3", "pick another one");

        a4.process.destroyForcibly();
        assertThat(a4.waitFor(20)).isNotEqualTo(-1);
        long before = answered(a2).getOrDefault("3/0", 0L);
        await("the survivors report peer 4 gone and drop it")
                .atMost(NOTICE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> hasEvent(a2, "LobbyNotice", 4, "no longer running on this host")
                        && hasEvent(a3, "LobbyNotice", 4, "no longer running on this host")
                        && hasEvent(a2, "PeerRemoved", 4, "")
                        && hasEvent(a3, "PeerRemoved", 4, ""));
        await("2 and 3 carry on")
                .atMost(NOTICE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> answered(a2).getOrDefault("3/0", 0L) > before + 5
                        && answered(a2).getOrDefault("3/4", 0L) > before + 5);
        assertThat(Files.exists(work.resolve("lobby/peers/4.json")))
                .as("a killed agent leaves its presence")
                .isTrue();
        assertThat(a2.stderrText())
                .as("a same-host process that died is gone at once, not after --stale-ms")
                .contains("Peer 4 is gone: its process (pid " + a4.process.pid() + ") is no longer running");

        a2.closeStdin();
        // ProcessHandle.destroy sends SIGTERM only; Process.destroy would also close the agent's stdin (a clean
        // stop of its own, with exit code 0), racing the signal.
        assertThat(a3.process.toHandle().destroy()).isTrue();
        assertThat(a2.waitFor(30)).as("end of stdin: clean stop").isZero();
        assertThat(a3.waitFor(30)).as("SIGTERM: clean stop").isEqualTo(AgentCommand.EXIT_TERMINATED);
        for (AgentProcess a : List.of(a2, a3)) {
            assertThat(a.events())
                    .anySatisfy(e -> assertThat(e.path("event").asText()).isEqualTo("AgentStopped"));
            assertThat(a.stderrText()).contains("stopped.");
        }
        assertThat(Files.exists(work.resolve("lobby/peers/2.json"))).isFalse();
        assertThat(Files.exists(work.resolve("lobby/peers/3.json")))
                .as("the duplicate did not remove 3's presence, " + "and 3 removed its own on SIGTERM")
                .isFalse();
        assertThat(Files.exists(work.resolve("lobby/rejected"))).isTrue();
        try (var s = Files.list(work.resolve("lobby/rejected"))) {
            assertThat(s).as("nothing was moved aside").isEmpty();
        }
    }
}
