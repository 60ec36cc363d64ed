// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with a WebRTC stack we did not write: Debian's python3-aiortc plays a Godot peer (negotiated channels
 * 1, 2, 3 and an extra channel 4) and connects to the agent by manual, non-trickle signaling through the agent's
 * stdin and stdout. Packets flow both ways on every channel: aiortc's packets come back echoed, and the agent's
 * probe pings come back as pongs. With {@code --echo}, aiortc plays a plain echo peer, and the agent's {@code --send}
 * run counts, packet by packet, what aiortc says it echoed. Skipped, loudly, only where
 * {@code /usr/bin/python3 -c "import aiortc"} fails.
 */
@Tag("multiprocess")
@Tag("native")
class AiortcInteropTest {
    /** Debian's interpreter: aiortc is installed for it (python3-aiortc), not for a pyenv python on PATH. */
    private static final String PYTHON = "/usr/bin/python3";

    private static final Duration RUN = Duration.ofSeconds(90);
    /** Packets per channel in the --send runs: the 50, small enough for 1 ms-lifetime channels to keep most. */
    private static final int SEND_COUNT = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void needAiortc() throws Exception {
        String why = null;
        if (!Files.isExecutable(Path.of(PYTHON))) {
            why = PYTHON + " does not exist";
        } else {
            Process p = new ProcessBuilder(PYTHON, "-c", "import aiortc")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why = PYTHON + " cannot import aiortc (" + out + ")";
            }
        }
        if (why != null) {
            String msg = "SKIPPED: the aiortc interop test needs Debian's python3-aiortc: " + why
                    + ". Install it with 'apt-get install -y python3-aiortc' (./meshscope test does when it can).";
            System.err.println("\n*** " + msg + " ***\n");
            Assumptions.assumeTrue(false, msg);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void aiortcClientOffersABlobAndTheAgentServerAnswers() throws Exception {
        AgentProcess agent = agent("--mode", "server", "--manual", "--echo", "--channels", "2");
        Python py = python(
                "--role",
                "offer",
                "--id",
                "2",
                "--agent-id",
                "1",
                "--mode",
                "client",
                "--format",
                "blob",
                "--channels",
                "2");
        JsonNode result = relayUntilDone(agent, py);
        assertEveryChannelBothWays(result, agent, 2);
        assertThat(agent.events()).anySatisfy(e -> {
            assertThat(e.path("event").asText()).isEqualTo("PasteAccepted");
            assertThat(e.path("format").asText()).isEqualTo("MESHSCOPE_BLOB");
            assertThat(e.path("fingerprint").asText())
                    .as("the agent reports aiortc's DTLS fingerprint")
                    .isEqualToIgnoringCase(
                            "sha-256 " + result.path("local_fingerprint").asText());
        });
        assertThat(agent.stderrText())
                .as("and its own, as aiortc saw it")
                .containsIgnoringCase("fingerprint sha-256 "
                        + result.path("remote_fingerprint").asText());
        stop(agent);
    }

    @Test
    void agentClientOffersAndAiortcServerAnswersWithARawSdp() throws Exception {
        AgentProcess agent = agent("--mode", "client", "--id", "2", "--manual", "--echo");
        Python py = python("--role", "answer", "--id", "1", "--mode", "server", "--format", "sdp");
        JsonNode result = relayUntilDone(agent, py);
        assertEveryChannelBothWays(result, agent, 1);
        assertThat(agent.events()).anySatisfy(e -> {
            assertThat(e.path("event").asText()).isEqualTo("PasteAccepted");
            assertThat(e.path("format").asText()).isEqualTo("RAW_SDP");
        });
        assertThat(agent.stderrText()).contains("assuming it comes from peer 1");
        stop(agent);
    }

    @Test
    void aSendRunToAnAiortcEchoComesBackOnEveryChannelAsAiortcCountedIt() throws Exception {
        AgentProcess agent = AgentProcess.start(
                work,
                "agent",
                "--mode",
                "server",
                "--manual",
                "--channels",
                "2",
                "--send",
                Integer.toString(SEND_COUNT),
                "--size",
                "300",
                "--send-channels",
                "all",
                "--exit-when-done");
        toClose.add(agent);
        Python py = python(
                "--role",
                "offer",
                "--id",
                "2",
                "--agent-id",
                "1",
                "--mode",
                "client",
                "--format",
                "blob",
                "--channels",
                "2",
                "--echo",
                "--timeout",
                Long.toString(RUN.toSeconds()));
        Sent sent = sendThroughEcho(agent, py);
        assertSummaryMatchesAiortc(sent, 4, "echo_back");
    }

    @Test
    void textSentToAnAiortcEchoComesBackAsText() throws Exception {
        AgentProcess agent = AgentProcess.start(
                work,
                "agent",
                "--mode",
                "client",
                "--id",
                "2",
                "--manual",
                "--send",
                Integer.toString(SEND_COUNT),
                "--size",
                "300",
                "--text",
                "--send-channels",
                "all",
                "--exit-when-done");
        toClose.add(agent);
        Python py = python(
                "--role",
                "answer",
                "--id",
                "1",
                "--mode",
                "server",
                "--format",
                "sdp",
                "--echo",
                "--timeout",
                Long.toString(RUN.toSeconds()));
        Sent sent = sendThroughEcho(agent, py);
        assertThat(sent.summary().path("form").asText()).isEqualTo("text");
        assertSummaryMatchesAiortc(sent, 3, "echo_back_text");
    }

    /** A send run's summary line and exit code, and aiortc's own counts. */
    private record Sent(JsonNode summary, int exitCode, JsonNode aiortc) {}

    /** Relays the signaling, waits for the agent's summary and exit, then for aiortc to see the connection close. */
    private Sent sendThroughEcho(AgentProcess agent, Python py) throws Exception {
        Thread toAgent = relayToAgent(agent, py);
        String blob = agent.nextLine("MSB1:", RUN.toSeconds());
        assertThat(blob)
                .as("the agent printed its description; stderr:\n" + agent.stderrText())
                .isNotNull();
        OutputStream pyIn = py.process().getOutputStream();
        pyIn.write((blob + "\n").getBytes(StandardCharsets.UTF_8));
        pyIn.flush();
        String line = agent.nextLine("{\"event\":\"SendSummary\"", RUN.toSeconds());
        String diagnostics = "aiortc log:\n" + read(py.log()) + "\nagent stderr:\n" + agent.stderrText();
        assertThat(line).as("the summary line; " + diagnostics).isNotNull();
        int code = agent.waitFor(RUN.toSeconds());
        boolean ended = py.process().waitFor(RUN.toSeconds(), TimeUnit.SECONDS);
        assertThat(ended)
                .as("aiortc saw the agent close the connection; " + diagnostics)
                .isTrue();
        toAgent.join(TimeUnit.SECONDS.toMillis(RUN.toSeconds()));
        JsonNode result = JSON.readTree(py.result().toFile());
        assertThat(result.path("ok").asBoolean())
                .as(result + "\n" + diagnostics)
                .isTrue();
        System.err.println("aiortc echo: " + result + "\nagent summary: " + line);
        return new Sent(JSON.readTree(line), code, result);
    }

    /**
     * Every flow is accounted for, nothing came back wrong, the reliable channels (0 and the extras; aiortc's are
     * all reliable, the agent's ordered and unreliable ones have Godot's 1 ms lifetime) brought all back, and the
     * agent counted back exactly what aiortc says it echoed on that channel (Godot id = internal index + 1).
     */
    private static void assertSummaryMatchesAiortc(Sent sent, int channels, String aiortcCount) {
        JsonNode s = sent.summary();
        assertThat(s.path("flows")).hasSize(channels);
        for (JsonNode f : s.path("flows")) {
            int ch = f.path("channel").asInt();
            assertThat(f.path("sent").asLong()).as(f.toString()).isEqualTo(SEND_COUNT);
            assertThat(f.path("back").asLong() + f.path("lost").asLong())
                    .as(f.toString())
                    .isEqualTo(SEND_COUNT);
            for (String bad : List.of("duplicates", "wrongChannel", "wrongForm", "corrupted")) {
                assertThat(f.path(bad).asLong()).as(bad + " in " + f).isZero();
            }
            if (ch == 0 || ch >= 3) {
                assertThat(f.path("back").asLong())
                        .as("reliable channel " + ch + ": " + f)
                        .isEqualTo(SEND_COUNT);
            }
            assertThat(sent.aiortc()
                            .path(aiortcCount)
                            .path(Integer.toString(ch + 1))
                            .asLong())
                    .as("aiortc's count on channel " + ch + " against " + f)
                    .isEqualTo(f.path("back").asLong());
        }
        assertThat(sent.exitCode())
                .as("exit code follows the summary")
                .isEqualTo(s.path("exitCode").asInt());
        assertThat(sent.exitCode()).isEqualTo(s.path("ok").asBoolean() ? 0 : Summary.EXIT_INCOMPLETE);
    }

    private static Thread relayToAgent(AgentProcess agent, Python py) {
        Thread toAgent = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(py.process().getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            agent.writeLine(line);
                        }
                    } catch (IOException e) {
                        // The python side ended, or the agent did.
                    }
                },
                "aiortc-to-agent");
        toAgent.setDaemon(true);
        toAgent.start();
        return toAgent;
    }

    private AgentProcess agent(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ping-interval", "100", "--report-interval", "300"));
        AgentProcess a = AgentProcess.start(work, "agent", all.toArray(String[]::new));
        toClose.add(a);
        return a;
    }

    /** The aiortc peer: its stdout goes to the agent's stdin, the agent's blob lines go to its stdin. */
    private record Python(Process process, Path result, Path log) implements AutoCloseable {
        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private Python python(String... args) throws Exception {
        Path script = Path.of(AiortcInteropTest.class
                .getResource("/interop/aiortc_godot_peer.py")
                .toURI());
        Path result = work.resolve("aiortc-result.json");
        Path log = work.resolve("aiortc.err");
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--result", result.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        Python py = new Python(p, result, log);
        toClose.add(py);
        return py;
    }

    private JsonNode relayUntilDone(AgentProcess agent, Python py) throws Exception {
        Thread toAgent = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(py.process().getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            agent.writeLine(line);
                        }
                    } catch (IOException e) {
                        // The python side ended.
                    }
                },
                "aiortc-to-agent");
        toAgent.setDaemon(true);
        toAgent.start();
        OutputStream pyIn = py.process().getOutputStream();
        String blob = agent.nextLine("MSB1:", RUN.toSeconds());
        assertThat(blob)
                .as("the agent printed its description; stderr:\n" + agent.stderrText())
                .isNotNull();
        pyIn.write((blob + "\n").getBytes(StandardCharsets.UTF_8));
        pyIn.flush();
        boolean ended = py.process().waitFor(RUN.toSeconds(), TimeUnit.SECONDS);
        String diagnostics = "aiortc log:\n" + read(py.log()) + "\nagent stderr:\n" + agent.stderrText();
        assertThat(ended).as("aiortc finished; " + diagnostics).isTrue();
        JsonNode result = JSON.readTree(py.result().toFile());
        assertThat(result.path("ok").asBoolean())
                .as(result + "\n" + diagnostics)
                .isTrue();
        System.err.println("aiortc interop: " + result);
        return result;
    }

    private static void assertEveryChannelBothWays(JsonNode result, AgentProcess agent, int pythonId) {
        List<String> channels = new ArrayList<>();
        result.path("echoed").fieldNames().forEachRemaining(channels::add);
        assertThat(channels).as("aiortc used Godot's channels").containsAll(List.of("1", "2", "3"));
        for (String ch : channels) {
            assertThat(result.path("echoed").path(ch).asInt())
                    .as("aiortc packets echoed on channel " + ch)
                    .isGreaterThanOrEqualTo(5);
            assertThat(result.path("echoed_text").path(ch).asInt())
                    .as("aiortc text echoed as text on channel " + ch)
                    .isGreaterThanOrEqualTo(5);
            assertThat(result.path("wrong_form").path(ch).asInt())
                    .as("echoes in the wrong form on channel " + ch)
                    .isZero();
            assertThat(result.path("pinged").path(ch).asInt())
                    .as("agent pings answered on channel " + ch)
                    .isGreaterThanOrEqualTo(1);
        }
        await("the agent's probe report shows pongs from aiortc on every channel")
                .atMost(Duration.ofSeconds(20))
                .until(() -> {
                    long flows = agent.events().stream()
                            .filter(e -> "ProbeReport".equals(e.path("event").asText())
                                    && e.path("peerId").asInt() == pythonId
                                    && e.path("received").asLong() > 0)
                            .map(e -> e.path("channel").asInt())
                            .distinct()
                            .count();
                    return flows == channels.size();
                });
    }

    private static void stop(AgentProcess agent) throws Exception {
        agent.closeStdin();
        assertThat(agent.waitFor(30)).as(agent.stderrText()).isZero();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(none)";
        }
    }
}
