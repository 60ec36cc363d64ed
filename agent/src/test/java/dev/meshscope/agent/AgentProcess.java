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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code meshscope agent} in its own JVM, started from the test's classpath (the shaded jar is not built at
 * test time): stdin is a pipe the test writes to, stdout lines are queued, stderr goes to a file, and the
 * {@code --events} file can be read while it runs. The child inherits the test JVM's network namespace.
 * Public for the window module's test that drives the window and the agent through the same exchange.
 *
 * <p>Threads: the test thread; a daemon thread per agent reads its stdout.
 */
public final class AgentProcess implements AutoCloseable {
    /** Small heap per agent: three or four run at once on a 2-core CI machine. */
    private static final String CHILD_HEAP = "-Xmx256m";

    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final Process process;
    final Path stderr;
    final Path events;
    /** Lines the agent printed on stdout (descriptions in manual mode). */
    final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();

    private final OutputStream stdin;

    private AgentProcess(String name, Process process, Path stderr, Path events) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.events = events;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            stdout.add(line);
                        }
                    } catch (IOException e) {
                        // The process ended; whatever it printed is queued.
                    }
                },
                "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code AgentCommand <args> --events <work>/<name>.jsonl}, stderr to {@code <work>/<name>.err}. */
    public static AgentProcess start(Path work, String name, String... args) throws IOException {
        Path err = work.resolve(name + ".err");
        Path ev = work.resolve(name + ".jsonl");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHILD_HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.meshscope.agent.AgentCommand"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--events", ev.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile()).directory(work.toFile());
        return new AgentProcess(name, pb.start(), err, ev);
    }

    /** Writes one line to the agent's stdin. */
    public void writeLine(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Closes stdin: the agent stops cleanly. */
    public void closeStdin() throws IOException {
        stdin.close();
    }

    /** The next stdout line starting with {@code prefix} within {@code seconds}, or {@code null}. */
    public String nextLine(String prefix, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String l = stdout.poll(100, TimeUnit.MILLISECONDS);
            if (l != null && l.startsWith(prefix)) {
                return l;
            }
        }
        return null;
    }

    /** Every event written so far (a line being written is skipped). */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(events, StandardCharsets.UTF_8)) {
                try {
                    out.add(JSON.readTree(l));
                } catch (IOException partial) {
                    // The agent is writing this line right now.
                }
            }
        } catch (IOException e) {
            // Not created yet.
        }
        return out;
    }

    /** The stderr text so far. */
    public String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "";
        }
    }

    /** Every agent's stderr, for a failure message. */
    public static String diagnostics(List<AgentProcess> agents) {
        StringBuilder b = new StringBuilder();
        for (AgentProcess a : agents) {
            b.append("\n----- ").append(a.name).append(" stderr -----\n").append(a.stderrText());
        }
        return b.toString();
    }

    /** Waits for the exit; returns the exit code, or -1 when still running after {@code seconds}. */
    public int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
