// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Smoke tests: every scenario runs at a token size on real webrtc-java connections (both stacks), and the JSON
 * document it writes is well-formed with positive figures. No timing is asserted: figures from a tiny run on a
 * shared machine mean nothing; only that they exist and make sense.
 */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Tag("native")
    @ParameterizedTest
    @ValueSource(strings = {"connect", "throughput", "roundtrip", "mesh", "packetrate"})
    void eachScenarioWritesWellFormedResultsWithPositiveFigures(String scenario) throws IOException {
        Path file = dir.resolve(scenario + ".json");

        int code = run("--size", "tiny", "--scenario", scenario, "--out", file.toString());

        assertThat(code).as("exit code; stderr:%n%s", err).isZero();
        JsonNode doc = JSON.readTree(file.toFile());
        assertThat(doc.path("tool").asText()).isEqualTo("meshscope bench");
        assertThat(doc.path("command").asText()).contains("--scenario " + scenario);
        assertThat(doc.path("environment").path("netns").asText()).isNotEmpty();
        JsonNode results = doc.path("results");
        assertThat(results.isArray()).isTrue();
        assertThat(results.size()).isPositive();
        for (JsonNode row : results) {
            String metric = row.path("metric").asText();
            assertThat(row.path("scenario").asText()).isEqualTo(scenario);
            assertThat(row.path("rounds").asInt()).isEqualTo(1);
            for (String side : new String[] {"baseline", "meshCore"}) {
                JsonNode f = row.path(side);
                assertThat(f.path("values").size()).as(metric).isEqualTo(1);
                assertThat(f.path("min").asDouble())
                        .as(metric)
                        .isLessThanOrEqualTo(f.path("median").asDouble());
                assertThat(f.path("median").asDouble())
                        .as(metric)
                        .isLessThanOrEqualTo(f.path("max").asDouble());
                if (metric.contains("lost")) {
                    assertThat(f.path("median").asDouble()).as(metric).isBetween(0.0, 100.0);
                } else if (!metric.contains("RSS added")) { // The heap may shrink while a small mesh connects.
                    assertThat(f.path("median").asDouble())
                            .as(side + " " + metric)
                            .isPositive();
                }
            }
            if (row.hasNonNull("target")) {
                assertThat(row.path("ratio").asDouble()).as(metric).isPositive();
                assertThat(row.path("met").isBoolean()).as(metric).isTrue();
            }
        }
        assertThat(out.toString()).contains("| " + scenario).contains("Results written to " + file.toAbsolutePath());
        for (JsonNode w : doc.path("wakeups")) {
            assertThat(w.path("scenario").asText()).isEqualTo(scenario);
            assertThat(w.path("wakeups").size()).isEqualTo(1);
            assertThat(w.path("perUnit").asDouble())
                    .as(w.path("workload").asText())
                    .isPositive();
        }
    }

    @Tag("native")
    @Test
    void theRoundTripReportsProbeAndAppRttPerChannelAndTheOwnerThreadsWakeUps() throws IOException {
        Path file = dir.resolve("roundtrip.json");

        int code = run("--size", "tiny", "--scenario", "roundtrip", "--out", file.toString());

        assertThat(code).as("exit code; stderr:%n%s", err).isZero();
        JsonNode doc = JSON.readTree(file.toFile());
        List<String> metrics = new ArrayList<>();
        for (JsonNode row : doc.path("results")) {
            metrics.add(row.path("metric").asText());
            if (row.path("metric").asText().endsWith("probe RTT median of 20")) {
                assertThat(row.path("target").path("bound").asDouble()).isEqualTo(1.05);
            } else {
                assertThat(row.path("target").isNull())
                        .as(row.path("metric").asText())
                        .isTrue();
            }
        }
        for (String channel : new String[] {"reliable", "ordered", "unreliable"}) {
            assertThat(metrics)
                    .contains(
                            channel + ": probe RTT median of 20",
                            channel + ": probe RTT p99 of 20",
                            channel + ": app RTT median of 20",
                            channel + ": probe RTT median, raw pinging inside the callback");
        }
        assertThat(doc.path("wakeups").size()).isEqualTo(3);
        assertThat(doc.path("environment").path("burnerThreads").asInt()).isZero();
        assertThat(out.toString()).contains("owner-thread wake-ups").contains("wake-ups per round trip");
    }

    @Tag("native")
    @Test
    void loadRunsTheBurnerAndSaysSoInTheHeaderAndTheJson() throws IOException {
        Path file = dir.resolve("loaded.json");

        int code = run("--size", "tiny", "--load", "--scenario", "roundtrip", "--out", file.toString());

        assertThat(code).as("exit code; stderr:%n%s", err).isZero();
        JsonNode doc = JSON.readTree(file.toFile());
        assertThat(doc.path("environment").path("burnerThreads").asInt())
                .isEqualTo(CpuBurner.threadsFor(Runtime.getRuntime().availableProcessors()));
        assertThat(doc.path("command").asText()).contains("--load");
        assertThat(out.toString()).contains("CPU burner thread(s) in this process (--load)");
    }

    @Tag("native")
    @Test
    void theSoakSamplesBothStacksAndComparesTheHeapSlopeWithTheKnownLeak() throws IOException {
        Path file = dir.resolve("soak.json");

        int code = run("soak", "--minutes", "0.05", "--sample-seconds", "1", "--out", file.toString());

        assertThat(code).as("exit code; stderr:%n%s", err).isZero();
        JsonNode doc = JSON.readTree(file.toFile());
        assertThat(doc.path("tool").asText()).isEqualTo("meshscope bench soak");
        assertThat(doc.path("leakedBytesPerMessage").asLong()).isEqualTo(88);
        JsonNode runs = doc.path("runs");
        assertThat(runs.size()).isEqualTo(2);
        assertThat(runs.get(0).path("stack").asText()).isEqualTo("baseline");
        assertThat(runs.get(1).path("stack").asText()).isEqualTo("mesh-core");
        for (JsonNode r : runs) {
            JsonNode samples = r.path("samples");
            assertThat(samples.size()).as(r.path("stack").asText()).isGreaterThanOrEqualTo(2);
            long previous = -1;
            for (JsonNode s : samples) {
                assertThat(s.path("messages").asLong()).isGreaterThanOrEqualTo(previous);
                assertThat(s.path("heapAfterGcBytes").asLong()).isPositive();
                previous = s.path("messages").asLong();
            }
            assertThat(previous)
                    .as("messages read by " + r.path("stack").asText())
                    .isPositive();
            assertThat(r.path("heapBytesPerMessage").isNumber()).isTrue(); // Its value: the printed figures.
        }
        assertThat(runs.get(0).path("runtimeLeakEstimate").asLong()).isEqualTo(-1);
        assertThat(runs.get(1).path("runtimeLeakEstimate").asLong()).isPositive();
        assertThat(runs.get(1).path("heldPeak").asLong()).isNotNegative();
        assertThat(out.toString())
                .contains("heap after GC, B/message")
                .contains("vs 88 B")
                .contains("mesh-core minus baseline");
    }

    @Test
    void aSoakOfNoTimeIsRefused() {
        int code =
                run("soak", "--minutes", "0", "--out", dir.resolve("soak.json").toString());

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--minutes and --sample-seconds must be more than 0");
    }

    @Test
    void anUnknownScenarioIsRefusedBeforeAnythingRuns() {
        Path file = dir.resolve("never.json");

        int code = run("--size", "tiny", "--scenario", "latency", "--out", file.toString());

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString())
                .contains("Unknown scenario 'latency'")
                .contains("connect, throughput, roundtrip, mesh, packetrate");
        assertThat(file).doesNotExist();
        assertThat(out.toString()).doesNotContain("MeshScope bench");
    }

    @Test
    void anOutputFileInAMissingDirectoryIsRefusedBeforeAnythingRuns() {
        Path file = dir.resolve("missing").resolve("results.json");

        int code = run("--size", "tiny", "--scenario", "connect", "--out", file.toString());

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("does not exist");
        assertThat(Files.exists(file.getParent())).isFalse();
    }

    @Test
    void zeroRoundsAreRefused() {
        Path file = dir.resolve("zero.json");

        int code = run("--size", "tiny", "--rounds", "0", "--out", file.toString());

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--rounds must be 1 or more");
        assertThat(file).doesNotExist();
    }
}
