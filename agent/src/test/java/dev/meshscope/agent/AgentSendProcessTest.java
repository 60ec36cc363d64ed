// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a tool for scripts, with agent JVMs signalled by hand (the test copies the lines) or through a folder: a client
 * sends checked test packets with {@code --send} to a server, and its summary line and exit code say whether
 * everything came back. Each positive run has a negative twin: a server that does not echo, an echo server that
 * leaves midway, a client whose stdin ends without {@code --no-stdin}.
 */
@Tag("multiprocess")
@Tag("native")
class AgentSendProcessTest {
    /** Gathering candidates and starting a JVM on a loaded 2-core machine takes a few seconds; a minute is ample. */
    private static final long LINE_WAIT_SECONDS = 60;
    /** Connecting, 50 packets and a 1 s loss timeout: seconds; the bound only stops a hung test. */
    private static final long EXIT_WAIT_SECONDS = 90;
    /** Short loss timeout for the negative twins, so the lost packets are counted quickly. */
    private static final String LOSS_TIMEOUT_MS = "1000";
    /**
     * Full-speed run: 300 packets of 64 KiB (bench's large size), 20 MB, a few seconds even on a loaded machine. An echo
     * that does not wait for its send queue lost 614 of 2000 such packets (742 of 6000 of 16 KiB) in manual runs on a
     * loaded machine, but kept up with 1000 here: this run checks the figures, not that fault.
     */
    private static final int BULK_PACKETS = 300;

    private static final int BULK_SIZE = 65536;
    /** Paced run: 40 packets at 50 per second take at least 780 ms from the first send to the last. */
    private static final int PACED_PACKETS = 40;

    private static final int PACED_RATE = 50;
    private static final String SUMMARY_PREFIX = "{\"event\":\"SendSummary\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    private AgentProcess agent(String name, String... args) throws Exception {
        return agents.start(work, name, args);
    }

    /** The client offers, the server answers: the test copies both lines. */
    private void connect(AgentProcess server, AgentProcess client) throws Exception {
        String offer = client.nextLine("MSB1:", LINE_WAIT_SECONDS);
        assertThat(offer).as(client.stderrText()).isNotNull();
        server.writeLine(offer);
        String answer = server.nextLine("MSB1:", LINE_WAIT_SECONDS);
        assertThat(answer).as(server.stderrText()).isNotNull();
        client.writeLine(answer);
    }

    private JsonNode summary(AgentProcess a) throws Exception {
        String line = a.nextLine(SUMMARY_PREFIX, EXIT_WAIT_SECONDS);
        assertThat(line).as("summary line; " + agents.diagnostics()).isNotNull();
        System.err.println(a.name + " summary: " + line);
        return JSON.readTree(line);
    }

    /** The last TrafficReport of {@code a} for (peer, channel), or a missing node. */
    private static JsonNode traffic(AgentProcess a, int peer, int channel) {
        JsonNode last = JSON.missingNode();
        for (JsonNode e : a.events()) {
            if ("TrafficReport".equals(e.path("event").asText())
                    && e.path("peerId").asInt() == peer
                    && e.path("channel").asInt() == channel) {
                last = e;
            }
        }
        return last;
    }

    private static void assertAllBack(JsonNode flow, int n) {
        assertThat(flow.path("sent").asLong()).as(flow.toString()).isEqualTo(n);
        assertThat(flow.path("back").asLong()).as(flow.toString()).isEqualTo(n);
        for (String f :
                List.of("notSent", "lost", "duplicates", "reordered", "wrongChannel", "wrongForm", "corrupted")) {
            assertThat(flow.path(f).asLong()).as(f + " in " + flow).isZero();
        }
        assertThat(flow.path("rttMedianMs").asDouble()).as(flow.toString()).isPositive();
        assertThat(flow.path("rttP99Ms").asDouble())
                .isGreaterThanOrEqualTo(flow.path("rttMedianMs").asDouble());
        assertThat(flow.path("throughputMBps").asDouble()).as(flow.toString()).isPositive();
    }

    @Test
    void everyPacketComesBackFromAnEchoAgentAndTheClientExitsZero() throws Exception {
        AgentProcess server = agent(
                "server", "--mode", "server", "--manual", "--echo", "--exit-on-disconnect", "--report-interval", "200");
        AgentProcess client = agent(
                "client",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--no-stdin",
                "--send",
                "50",
                "--size",
                "300",
                "--exit-when-done",
                "--report-interval",
                "200");
        connect(server, client);
        client.closeStdin(); // --no-stdin: the end of stdin after the exchange does not stop the run

        JsonNode s = summary(client);
        assertThat(client.waitFor(EXIT_WAIT_SECONDS)).as(client.stderrText()).isZero();
        assertThat(s.path("ok").asBoolean()).isTrue();
        assertThat(s.path("exitCode").asInt()).isZero();
        assertThat(s.path("flows")).hasSize(1);
        JsonNode flow = s.path("flows").get(0);
        assertThat(flow.path("peerId").asInt()).isEqualTo(1);
        assertThat(flow.path("label").asText()).isEqualTo("reliable");
        assertAllBack(flow, 50);
        assertThat(flow.path("bytesBack").asLong()).isEqualTo(50 * 300);

        assertThat(server.waitFor(EXIT_WAIT_SECONDS))
                .as("--exit-on-disconnect: the echo stops once the client left; " + server.stderrText())
                .isZero();
        assertThat(server.stderrText()).contains("peer 2 left: stopping (--exit-on-disconnect)");
        JsonNode echoed = traffic(server, 2, 0);
        assertThat(echoed.path("received").asLong())
                .as("the echo side reports what it received")
                .isEqualTo(50);
        assertThat(echoed.path("echoed").asLong()).isEqualTo(50);
        assertThat(echoed.path("receivedBytes").asLong()).isEqualTo(50 * 300);
        assertThat(client.events())
                .anySatisfy(e -> assertThat(e.path("event").asText()).isEqualTo("SendReport"));
        assertThat(client.events()).anySatisfy(e -> {
            assertThat(e.path("event").asText()).isEqualTo("SendSummary");
            assertThat(e.path("ok").asBoolean()).isTrue();
        });
    }

    @Test
    void inAFolderMeshEachSenderCountsItsOwnTargetAnEchoAllBackASilentPeerAllLost() throws Exception {
        String dir = Files.createDirectories(work.resolve("lobby")).toString(); // as a user would: it exists first
        AgentProcess echo = agent("echo2", "--mode", "mesh", "--id", "2", "--signal-dir", dir, "--echo");
        AgentProcess silent = agent("silent5", "--mode", "mesh", "--id", "5", "--signal-dir", dir);
        AgentProcess toEcho = agent(
                "send3",
                "--mode",
                "mesh",
                "--id",
                "3",
                "--signal-dir",
                dir,
                "--no-stdin",
                "--send",
                "50",
                "--size",
                "300",
                "--target",
                "2",
                "--exit-when-done");
        AgentProcess toSilent = agent(
                "send4",
                "--mode",
                "mesh",
                "--id",
                "4",
                "--signal-dir",
                dir,
                "--no-stdin",
                "--send",
                "50",
                "--size",
                "300",
                "--target",
                "5",
                "--exit-when-done",
                "--loss-timeout",
                LOSS_TIMEOUT_MS);

        JsonNode good = summary(toEcho);
        assertThat(toEcho.waitFor(EXIT_WAIT_SECONDS)).as(agents.diagnostics()).isZero();
        assertThat(good.path("flows")).hasSize(1);
        assertThat(good.path("flows").get(0).path("peerId").asInt())
                .as("only the --target")
                .isEqualTo(2);
        assertAllBack(good.path("flows").get(0), 50);

        JsonNode bad = summary(toSilent);
        assertThat(toSilent.waitFor(EXIT_WAIT_SECONDS)).as(agents.diagnostics()).isEqualTo(Summary.EXIT_INCOMPLETE);
        assertThat(bad.path("flows")).hasSize(1);
        assertThat(bad.path("flows").get(0).path("peerId").asInt()).isEqualTo(5);
        assertThat(bad.path("flows").get(0).path("lost").asLong()).isEqualTo(50);

        echo.closeStdin();
        silent.closeStdin();
        assertThat(echo.waitFor(EXIT_WAIT_SECONDS)).isZero();
        assertThat(silent.waitFor(EXIT_WAIT_SECONDS)).isZero();
        assertThat(traffic(echo, 3, 0).path("echoed").asLong()).isEqualTo(50);
        assertThat(traffic(silent, 4, 0).path("received").asLong()).isEqualTo(50);
    }

    @Test
    void fullSpeedOnTheReliableChannelReportsMegabytesPerSecondAndTheEchoKeepsUp() throws Exception {
        AgentProcess server = agent("server", "--mode", "server", "--manual", "--echo", "--exit-on-disconnect");
        AgentProcess client = agent(
                "client",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--send",
                Integer.toString(BULK_PACKETS),
                "--size",
                Integer.toString(BULK_SIZE),
                "--exit-when-done");
        connect(server, client);

        JsonNode s = summary(client);
        assertThat(client.waitFor(EXIT_WAIT_SECONDS)).as(agents.diagnostics()).isZero();
        JsonNode flow = s.path("flows").get(0);
        assertAllBack(flow, BULK_PACKETS);
        assertThat(flow.path("bytesBack").asLong()).isEqualTo((long) BULK_PACKETS * BULK_SIZE);
        assertThat(server.waitFor(EXIT_WAIT_SECONDS)).isZero();
        JsonNode far = traffic(server, 2, 0);
        assertThat(far.path("received").asLong()).isEqualTo(BULK_PACKETS);
        assertThat(far.path("echoRefused").asLong())
                .as("the echo waits for its send queue instead of refusing")
                .isZero();
        assertThat(far.path("receivedMBps").asDouble())
                .as("the far end's one-way MB/s, as bench counts it")
                .isPositive();
    }

    @Test
    void aPacedRunTakesAsLongAsItsRateSaysAndItsThroughputShowsIt() throws Exception {
        AgentProcess server = agent("server", "--mode", "server", "--manual", "--echo", "--exit-on-disconnect");
        AgentProcess client = agent(
                "client",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--send",
                Integer.toString(PACED_PACKETS),
                "--size",
                "1000",
                "--rate",
                Integer.toString(PACED_RATE),
                "--exit-when-done");
        connect(server, client);

        JsonNode flow = summary(client).path("flows").get(0);
        assertThat(client.waitFor(EXIT_WAIT_SECONDS)).as(agents.diagnostics()).isZero();
        assertAllBack(flow, PACED_PACKETS);
        double expectedMs = (PACED_PACKETS - 1) * 1000.0 / PACED_RATE;
        assertThat(flow.path("durationMs").asDouble()).as(flow.toString()).isGreaterThanOrEqualTo(expectedMs);
        assertThat(flow.path("throughputMBps").asDouble())
                .as(flow.toString())
                .isLessThanOrEqualTo(PACED_PACKETS * 1000 / (expectedMs * 1000));
        assertThat(server.waitFor(EXIT_WAIT_SECONDS)).isZero();
    }

    @Test
    void aServerThatDoesNotEchoLosesEveryPacketAndTheClientExitsFive() throws Exception {
        AgentProcess server = agent("server", "--mode", "server", "--manual", "--report-interval", "200");
        AgentProcess client = agent(
                "client",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--send",
                "50",
                "--size",
                "300",
                "--exit-when-done",
                "--loss-timeout",
                LOSS_TIMEOUT_MS);
        connect(server, client);

        JsonNode s = summary(client);
        assertThat(client.waitFor(EXIT_WAIT_SECONDS)).as(client.stderrText()).isEqualTo(Summary.EXIT_INCOMPLETE);
        assertThat(s.path("ok").asBoolean()).isFalse();
        JsonNode flow = s.path("flows").get(0);
        assertThat(flow.path("sent").asLong()).isEqualTo(50);
        assertThat(flow.path("back").asLong()).isZero();
        assertThat(flow.path("lost").asLong()).isEqualTo(50);
        assertThat(flow.path("rttMedianMs").isNull()).isTrue();
        await("the server reports the 50 packets it received, none echoed")
                .atMost(Duration.ofSeconds(10))
                .until(() -> traffic(server, 2, 0).path("received").asLong() == 50);
        assertThat(traffic(server, 2, 0).path("echoed").asLong()).isZero();
        await("the server saw the client leave")
                .atMost(Duration.ofSeconds(30))
                .until(() -> server.stderrText().contains("peer_disconnected(2)"));
        assertThat(server.process.isAlive())
                .as("without --exit-on-disconnect the server stays up")
                .isTrue();
        server.closeStdin();
        assertThat(server.waitFor(EXIT_WAIT_SECONDS)).isZero();
    }

    @Test
    void textComesBackAsTextOnEveryReliableChannel() throws Exception {
        AgentProcess server = agent(
                "server",
                "--mode",
                "server",
                "--manual",
                "--echo",
                "--channels",
                "2",
                "--exit-on-disconnect",
                "--report-interval",
                "200");
        AgentProcess client = agent(
                "client",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--channels",
                "2",
                "--send",
                "50",
                "--size",
                "300",
                "--text",
                "--send-channels",
                "reliable,3",
                "--exit-when-done");
        connect(server, client);

        JsonNode s = summary(client);
        assertThat(client.waitFor(EXIT_WAIT_SECONDS)).as(client.stderrText()).isZero();
        assertThat(s.path("form").asText()).isEqualTo("text");
        assertThat(s.path("flows")).hasSize(2);
        for (JsonNode flow : s.path("flows")) {
            assertAllBack(flow, 50);
        }
        assertThat(server.waitFor(EXIT_WAIT_SECONDS)).isZero();
        for (int ch : new int[] {0, 3}) {
            assertThat(traffic(server, 2, ch).path("receivedText").asLong())
                    .as("channel " + ch + " arrived as text")
                    .isEqualTo(50);
        }
    }

    @Test
    void anEchoThatLeavesMidwayLeavesPacketsUnansweredAndTheClientExitsFive() throws Exception {
        AgentProcess server = agent("server", "--mode", "server", "--manual", "--echo");
        AgentProcess client = agent(
                "client",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--send",
                "50",
                "--size",
                "300",
                "--rate",
                "20",
                "--exit-when-done",
                "--exit-on-disconnect",
                "--loss-timeout",
                LOSS_TIMEOUT_MS,
                "--report-interval",
                "100");
        connect(server, client);
        await("some packets came back")
                .atMost(Duration.ofSeconds(LINE_WAIT_SECONDS))
                .until(() -> client.events().stream()
                        .anyMatch(e -> "SendReport".equals(e.path("event").asText())
                                && e.path("back").asLong() > 0));
        server.closeStdin(); // the echo side stops cleanly, 2.5 s before the last packet is due

        JsonNode s = summary(client);
        assertThat(client.waitFor(EXIT_WAIT_SECONDS)).as(client.stderrText()).isEqualTo(Summary.EXIT_INCOMPLETE);
        JsonNode flow = s.path("flows").get(0);
        assertThat(flow.path("back").asLong()).isPositive().isLessThan(50);
        assertThat(flow.path("notSent").asLong() + flow.path("lost").asLong())
                .as(flow.toString())
                .isEqualTo(50 - flow.path("back").asLong());
        assertThat(s.path("ok").asBoolean()).isFalse();
        assertThat(server.waitFor(EXIT_WAIT_SECONDS)).isZero();
    }

    @Test
    void withoutNoStdinTheEndOfStdinStopsTheClientBeforeItSendsAndItExitsSix() throws Exception {
        AgentProcess server = agent("server", "--mode", "server", "--manual", "--echo");
        AgentProcess client = agent(
                "client",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--send",
                "50",
                "--size",
                "300",
                "--exit-when-done");
        connect(server, client);
        client.closeStdin();

        JsonNode s = summary(client);
        assertThat(client.waitFor(EXIT_WAIT_SECONDS)).as(client.stderrText()).isEqualTo(Summary.EXIT_NOTHING_SENT);
        assertThat(s.path("flows")).isEmpty();
        server.closeStdin();
        assertThat(server.waitFor(EXIT_WAIT_SECONDS)).isZero();
    }
}
