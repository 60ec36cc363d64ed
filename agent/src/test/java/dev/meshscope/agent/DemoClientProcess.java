// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

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
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The Python Godot demo client ({@code interop/godot_demo_client.py}) in its own process: its JSON-line events as
 * they arrive (read by a daemon thread), its commands on stdin, its log in a file. Test thread, except the reader.
 */
final class DemoClientProcess implements AutoCloseable {
    /** Debian's interpreter: aiortc and websockets are installed for it, not for a pyenv python on PATH. */
    static final String PYTHON = "/usr/bin/python3";

    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final Process process;
    final Path log;
    private final ConcurrentLinkedQueue<JsonNode> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unreadable = new ConcurrentLinkedQueue<>();

    private DemoClientProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readEvents, "demo-client-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the client with {@code args} (--url is required); its log goes to {@code work/<name>.err}. */
    static DemoClientProcess start(Path work, String name, String... args) throws Exception {
        Path script = Path.of(DemoClientProcess.class
                .getResource("/interop/godot_demo_client.py")
                .toURI());
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        Path log = work.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        return new DemoClientProcess(name, p, log);
    }

    private void readEvents() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    unreadable.add(line);
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Every event so far of {@code type}, in order. */
    List<JsonNode> events(String type) {
        return events.stream()
                .filter(e -> type.equals(e.path("event").asText()))
                .toList();
    }

    /** The last event of {@code type}, or a missing node. */
    JsonNode last(String type) {
        List<JsonNode> all = events(type);
        return all.isEmpty() ? JSON.missingNode() : all.get(all.size() - 1);
    }

    /** The id the lobby gave it (0 before). */
    int id() {
        return last("id").path("id").asInt();
    }

    /** Whether every channel to {@code peer} opened. */
    boolean connectedTo(int peer) {
        return events("peer_connected").stream().anyMatch(e -> e.path("peer").asInt() == peer);
    }

    /** Sends one command line. */
    void command(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Asks for a report and returns the first one newer than those before. */
    JsonNode report(long seconds) throws Exception {
        int before = events("report").size();
        command("report");
        try {
            org.awaitility.Awaitility.await(name + " reports")
                    .atMost(Duration.ofSeconds(seconds))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> events("report").size() > before);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + diagnostics(), e);
        }
        List<JsonNode> r = events("report");
        return r.get(r.size() - 1);
    }

    /** The figures of its link to {@code peer} on Godot channel {@code channelId} (1..3) in {@code report}. */
    static JsonNode figures(JsonNode report, int peer, int channelId) {
        return report.path("peers")
                .path(Integer.toString(peer))
                .path("channels")
                .path(Integer.toString(channelId));
    }

    /** Its log and any line it printed that was not JSON, for an assertion message. */
    String diagnostics() {
        String err;
        try {
            err = Files.readString(log);
        } catch (IOException e) {
            err = "(no log)";
        }
        return "\n--- " + name + " (python) stderr:\n" + err
                + (unreadable.isEmpty() ? "" : "\nnot JSON: " + unreadable);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
