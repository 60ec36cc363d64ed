// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two-terminal example, with the test as the operator copying lines between two agent JVMs: a
 * client offers, a bad paste is refused without changing anything, the server answers, and pings flow on every
 * channel. A blob pasted into the wrong peer is refused with a message saying so.
 */
@Tag("multiprocess")
@Tag("native")
class AgentManualProcessTest {
    private static final long LINE_WAIT_SECONDS = 60;

    @TempDir
    Path work;

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    private AgentProcess agent(String name, String... args) throws Exception {
        return agents.start(work, name, args);
    }

    private static boolean refused(AgentProcess a, String problem) {
        return a.events().stream()
                .anyMatch(e -> "PasteRefused".equals(e.path("event").asText())
                        && problem.equals(e.path("problem").asText()));
    }

    @Test
    void twoTerminalExampleConnectsAndBadPastesChangeNothing() throws Exception {
        AgentProcess server = agent("server", "--mode", "server", "--manual", "--echo", "--channels", "ordered");
        AgentProcess client = agent(
                "client",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--channels",
                "1",
                "--ping-interval",
                "100",
                "--report-interval",
                "300");
        String offer = client.nextLine("MSB1:", LINE_WAIT_SECONDS);
        assertThat(offer).as(client.stderrText()).isNotNull();

        server.writeLine("this is not a blob");
        client.writeLine(offer);
        await("both refusals reported")
                .atMost(Duration.ofSeconds(30))
                .until(() -> refused(server, "NOT_A_DESCRIPTION") && refused(client, "OWN_DESCRIPTION"));
        assertThat(server.stderrText()).contains("paste refused (NOT_A_DESCRIPTION)", "Nothing was changed.");
        server.writeLine("   ");
        await("an empty paste is refused with a reason, not met with silence")
                .atMost(Duration.ofSeconds(30))
                .until(() -> refused(server, "EMPTY"));

        server.writeLine(offer.substring(0, offer.length() / 2));
        server.writeLine("");
        await("a cut blob is refused").atMost(Duration.ofSeconds(30)).until(() -> refused(server, "TRUNCATED"));

        server.writeLine(offer);
        String answer = server.nextLine("MSB1:", LINE_WAIT_SECONDS);
        assertThat(answer).as(server.stderrText()).isNotNull();
        client.writeLine(answer);
        await("the client's pings are answered on all four channels")
                .atMost(Duration.ofSeconds(60))
                .until(() -> client.events().stream()
                                .filter(e ->
                                        "ProbeReport".equals(e.path("event").asText())
                                                && e.path("peerId").asInt() == 1
                                                && e.path("received").asLong() > 0)
                                .map(e -> e.path("channel").asInt())
                                .distinct()
                                .count()
                        == 4);
        assertThat(server.stderrText()).contains("peer_connected(2)", "accepted offer from peer 2 to peer 1 (client)");
        assertThat(client.stderrText()).contains("peer_connected(1)");

        client.closeStdin();
        server.closeStdin();
        assertThat(client.waitFor(30)).isZero();
        assertThat(server.waitFor(30)).isZero();
        JsonNode stopped = server.events().get(server.events().size() - 1);
        assertThat(stopped.path("event").asText()).isEqualTo("AgentStopped");
    }

    @Test
    void meshBlobForAnotherPeerIsRefusedAndTheRightPeerConnects() throws Exception {
        AgentProcess seven = agent("seven", "--mode", "mesh", "--id", "7", "--manual", "--remote-id", "3");
        AgentProcess five = agent("five", "--mode", "mesh", "--id", "5", "--manual");
        AgentProcess three = agent("three", "--mode", "mesh", "--id", "3", "--manual", "--echo");
        String offer = seven.nextLine("MSB1:", LINE_WAIT_SECONDS);
        assertThat(offer).as(seven.stderrText()).isNotNull();
        five.writeLine(offer);
        await("addressed to another peer").atMost(Duration.ofSeconds(30)).until(() -> refused(five, "WRONG_ADDRESSEE"));
        assertThat(five.stderrText()).contains("addressed to peer 3, but this peer is 5");
        three.writeLine(offer);
        String answer = three.nextLine("MSB1:", LINE_WAIT_SECONDS);
        assertThat(answer).as(three.stderrText()).isNotNull();
        seven.writeLine(answer);
        await("7 and 3 connected")
                .atMost(Duration.ofSeconds(60))
                .until(() -> seven.stderrText().contains("peer_connected(3)")
                        && three.stderrText().contains("peer_connected(7)"));
        assertThat(five.stderrText()).doesNotContain("peer_connected");
    }
}
