// SPDX-License-Identifier: MIT
package dev.meshscope.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The one JSON document a bench run writes. Immutable.
 *
 * @param tool        "meshscope bench"
 * @param command     the command line that produced it
 * @param startedAt   ISO-8601 start time
 * @param seconds     how long the run took
 * @param environment where it ran
 * @param settings    the sizes used
 * @param results     one row per metric
 * @param wakeups     mesh-core owner-thread wake-ups per workload
 */
public record ResultDocument(
        String tool,
        String command,
        String startedAt,
        double seconds,
        Environment environment,
        Object settings,
        List<Comparison> results,
        List<WakeFigure> wakeups) {

    /** Copies the rows. */
    public ResultDocument {
        results = List.copyOf(results);
        wakeups = List.copyOf(wakeups);
    }

    /**
     * Where the run happened.
     *
     * @param netns         MESHSCOPE_NETNS as the JVM saw it ("private" inside the private network namespace)
     * @param cores         available processors
     * @param java          the Java runtime version
     * @param os            the operating system and architecture
     * @param loadAverage   the one-minute load average when the run started
     * @param maxOpenFiles  the soft limit on open files (-1: unknown or unlimited)
     * @param webrtcJava    the webrtc-java version both stacks ran on
     * @param burnerThreads CPU burner threads running in the process ({@code --load}), 0 for a quiet run
     */
    public record Environment(
            String netns,
            int cores,
            String java,
            String os,
            double loadAverage,
            long maxOpenFiles,
            String webrtcJava,
            int burnerThreads) {}

    /** Writes the document as indented JSON to {@code file}, through a temporary file renamed into place. */
    public void write(Path file) throws IOException {
        writeJson(this, file);
    }

    /** Writes {@code document} as indented JSON to {@code file}, through a temporary file renamed into place. */
    public static void writeJson(Object document, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        mapper.writeValue(tmp.toFile(), document);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
