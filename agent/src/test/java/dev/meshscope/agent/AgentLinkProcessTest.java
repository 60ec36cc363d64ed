// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshscope.core.testing.TurnServer;
import dev.meshscope.signalserver.LobbyServer;
import dev.meshscope.signalserver.LobbyServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's link options between agent JVMs in a lobby of a MeshScope lobby server: {@code --impair} makes one
 * agent's answers 40 ms late and drops 10 % of them, and the probes of the agents pinging it measure exactly that
 * while their link to each other (not impaired) stays fast; {@code --late-threshold} below the delay turns those
 * answers into late ones. {@code --relay-only} agents connect through a real TURN server (Debian's coturn, started by
 * the test in the private namespace) and carry packets over a relay pair; with a wrong credential the agent says so
 * (TURN's 401) instead of timing out silently.
 */
@Tag("multiprocess")
@Tag("native")
class AgentLinkProcessTest {
    private static final Duration CONNECT = Duration.ofSeconds(120);
    private static final Duration NO_LOBBY = Duration.ofSeconds(15);
    private static final Duration NO_SEAL_CLOSE = Duration.ofMinutes(10);
    /** The impairment under test: 40 ms more one way, 10 % of the answers dropped. */
    private static final int DELAY_MS = 40;

    private static final double LOSS_PERCENT = 10;
    /**
     * Tolerance on the measured median round trip: at least the delay (it is added to every answer), at most the
     * delay plus 25 ms (the network's own ~1-5 ms and the scheduling of four JVMs on a loaded 2-core machine).
     */
    private static final double RTT_TOLERANCE_MS = 25;
    /**
     * Tolerance on the measured loss: at least {@link #MIN_DECIDED} pings, so the binomial standard deviation of 10 %
     * loss is under 1.3 points; ±5 points is about 4 standard deviations. The loss is (lost + outstanding) / sent:
     * a dropped answer counts as lost only 2 s after its ping, so lost / sent alone would miss the last 2 s of drops
     * (7.6 % measured that way in one run); outstanding also holds the pings in flight (under 45 ms old, about one
     * per channel: under 1 point).
     */
    private static final double LOSS_TOLERANCE_PERCENT = 5;

    private static final long MIN_DECIDED = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void probesMeasureAnImpairedLinkAndTheLateThresholdCountsSlowAnswersAsLate() throws Exception {
        String url = server();
        AgentProcess slow = agents.start(
                work,
                "slow",
                "--signal-url",
                url,
                "--echo",
                "--impair",
                "all:out:delay=" + DELAY_MS + ",loss=" + (int) LOSS_PERCENT,
                "--report-interval",
                "500");
        String lobby = createdLobby(slow);
        AgentProcess pinger =
                agents.start(work, "pinger", ping(url, lobby, "--ping-interval", "40", "--report-interval", "500"));
        AgentProcess strict = agents.start(
                work,
                "strict",
                ping(url, lobby, "--ping-interval", "100", "--report-interval", "500", "--late-threshold", "20"));
        until("the pinger sent " + MIN_DECIDED + " pings to the impaired agent", CONNECT, () -> {
            long decided = 0;
            for (JsonNode s : latestProbes(pinger, 1).values()) {
                decided += s.path("sent").asLong();
            }
            return decided >= MIN_DECIDED;
        });
        assertThat(slow.stderrText())
                .contains("impairment set: outbound to peer")
                .contains("40 ms, 10% loss");
        assertThat(events(slow, "ImpairmentSet"))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.path("delayMs").asInt()).isEqualTo(DELAY_MS));

        long sent = 0;
        long lost = 0;
        for (JsonNode s : latestProbes(pinger, 1).values()) {
            double median = s.path("rttMedianMs").asDouble();
            System.err.printf(
                    "AgentLinkProcessTest: impaired channel %d: rtt median %.2f ms, p99 %.2f ms, %d answered, %d lost%n",
                    s.path("channel").asInt(),
                    median,
                    s.path("rttP99Ms").asDouble(),
                    s.path("received").asLong(),
                    s.path("lost").asLong());
            assertThat(median)
                    .as("channel " + s.path("channel"))
                    .isBetween((double) DELAY_MS, DELAY_MS + RTT_TOLERANCE_MS);
            sent += s.path("sent").asLong();
            lost += s.path("lost").asLong() + s.path("outstanding").asLong();
        }
        double lossPercent = 100.0 * lost / sent;
        System.err.printf("AgentLinkProcessTest: measured loss %.2f %% of %d pings%n", lossPercent, sent);
        assertThat(lossPercent).isBetween(LOSS_PERCENT - LOSS_TOLERANCE_PERCENT, LOSS_PERCENT + LOSS_TOLERANCE_PERCENT);

        // The negative twin in the same mesh: the pinger's link to the other (unimpaired) agent is fast and lossless.
        int strictId = idOf(strict);
        Map<Integer, JsonNode> direct = latestProbes(pinger, strictId);
        assertThat(direct).as("probes to the unimpaired peer").hasSize(3);
        for (JsonNode s : direct.values()) {
            assertThat(s.path("rttMedianMs").asDouble()).isLessThan(DELAY_MS);
            assertThat(s.path("received").asLong()).isPositive();
        }

        // --late-threshold 20: every answer of the impaired agent comes 40 ms late, none of the direct ones does.
        until(
                "the strict pinger counted late answers",
                CONNECT,
                () -> latestProbes(strict, 1).values().stream()
                        .allMatch(s -> s.path("late").asLong() >= 10));
        for (JsonNode s : latestProbes(strict, 1).values()) {
            assertThat(s.path("received").asLong())
                    .as("late answers are not received ones: " + s)
                    .isZero();
        }
        for (JsonNode s : latestProbes(strict, idOf(pinger)).values()) {
            assertThat(s.path("received").asLong()).isPositive();
            assertThat(s.path("late").asLong())
                    .as(s.toString())
                    .isLessThan(s.path("received").asLong());
        }
    }

    @Test
    void relayOnlyAgentsConnectThroughTurnAndAWrongCredentialIsReported() throws Exception {
        TurnServer turn = TurnServer.start();
        open.add(turn);
        String good = turn.url() + "," + TurnServer.USER + "," + TurnServer.PASSWORD;
        String url = server();
        AgentProcess host = agents.start(
                work,
                "host",
                "--signal-url",
                url,
                "--echo",
                "--relay-only",
                "--ice-server",
                good,
                "--report-interval",
                "500");
        String lobby = createdLobby(host);
        AgentProcess sender = agents.start(
                work,
                "sender",
                "--signal-url",
                url,
                "--lobby",
                lobby,
                "--relay-only",
                "--ice-server",
                good,
                "--send",
                "20",
                // The reliable channel only: every packet must come back through the relay; the unreliable ones
                // may lose a few on a loaded machine's TURN server (3 of 20 once), which is what they are for.
                "--send-channels",
                "reliable",
                "--rate",
                "50",
                "--exit-when-done",
                "--report-interval",
                "500",
                "--no-stdin");
        String summary = sender.nextLine("{\"event\":\"SendSummary\"", CONNECT.toSeconds());
        assertThat(summary).as(agents.diagnostics()).isNotNull();
        JsonNode s = JSON.readTree(summary);
        assertThat(s.path("ok").asBoolean()).as(summary).isTrue();
        assertThat(s.path("total").path("back").asLong()).isEqualTo(20);
        assertThat(sender.waitFor(60)).as(sender.stderrText()).isZero();
        for (AgentProcess a : List.of(host, sender)) {
            assertThat(events(a, "CandidateCreated"))
                    .as(a.name + ": relay-only gathering yields relay candidates only")
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.path("candidate").asText()).contains(" typ relay"));
        }
        // The sender stopped once everything came back; the host stays and reports its transport.
        until(
                "the host's stats show the relay pair",
                Duration.ofSeconds(20),
                () -> !events(host, "WireStatsUpdated").isEmpty());
        assertThat(events(host, "WireStatsUpdated")).allSatisfy(w -> {
            assertThat(w.path("stats").path("localCandidate").asText()).startsWith("relay");
            assertThat(w.path("stats").path("remoteCandidate").asText())
                    .startsWith("relay")
                    .contains(turn.address());
        });
        until(
                "the host names the relay pair",
                Duration.ofSeconds(10),
                () -> host.stderrText().contains("relay pair (TURN)"));
        assertThat(host.stderrText()).contains("(relay-only)").contains("relay candidates only");
        assertThat(turn.logText()).contains("ALLOCATE processed, success");

        // The negative twin: the same agent with a wrong credential is told TURN refused it.
        AgentProcess wrong = agents.start(
                work,
                "wrong",
                "--signal-url",
                url,
                "--lobby",
                lobby,
                "--relay-only",
                "--ice-server",
                turn.url() + "," + TurnServer.USER + ",not-the-password",
                "--no-stdin");
        until(
                "the refused credential is an event",
                CONNECT,
                () -> events(wrong, "ErrorRaised").stream()
                        .anyMatch(e -> e.path("reason").asText().contains("(401)")));
        JsonNode refused = events(wrong, "ErrorRaised").stream()
                .filter(e -> e.path("reason").asText().contains("(401)"))
                .findFirst()
                .orElseThrow();
        assertThat(refused.path("step").asText()).isEqualTo("GATHER_CANDIDATES");
        assertThat(refused.path("reason").asText()).contains(turn.url()).contains("username or credential was refused");
        assertThat(wrong.stderrText()).contains("(401)");
    }

    // ---------------------------------------------------------------- helpers

    private String server() throws Exception {
        LobbyServer s = new LobbyServer(LobbyServerConfig.defaults().withTimeouts(NO_LOBBY, NO_SEAL_CLOSE));
        open.add(s);
        int port = s.start("0.0.0.0", 0);
        return "ws://127.0.0.1:" + port;
    }

    private static String[] ping(String url, String lobby, String... extra) {
        List<String> args = new ArrayList<>(List.of("--signal-url", url, "--lobby", lobby, "--echo", "--no-stdin"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private String createdLobby(AgentProcess a) throws Exception {
        String line = a.nextLine("{\"event\":\"LobbyCreated\"", CONNECT.toSeconds());
        assertThat(line).as("LobbyCreated on stdout" + agents.diagnostics()).isNotNull();
        return JSON.readTree(line).path("lobby").asText();
    }

    private void until(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(250)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + agents.diagnostics(), e);
        }
    }

    private static List<JsonNode> events(AgentProcess a, String type) {
        return a.events().stream()
                .filter(e -> type.equals(e.path("event").asText()))
                .toList();
    }

    private static int idOf(AgentProcess a) {
        return events(a, "LobbyJoined").stream()
                .mapToInt(e -> e.path("id").asInt())
                .findFirst()
                .orElse(0);
    }

    /** The latest ProbeReport of {@code a} per channel for pings to {@code peer}. */
    private static Map<Integer, JsonNode> latestProbes(AgentProcess a, int peer) {
        Map<Integer, JsonNode> out = new HashMap<>();
        for (JsonNode e : events(a, "ProbeReport")) {
            if (e.path("peerId").asInt() == peer) {
                out.put(e.path("channel").asInt(), e);
            }
        }
        return out;
    }
}
