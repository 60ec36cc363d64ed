// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import dev.meshscope.bench.baseline.RawStack;
import dev.meshscope.bench.meshcore.CoreStack;
import dev.meshscope.bench.report.ResultDocument;
import dev.meshscope.bench.report.ResultTable;
import dev.meshscope.bench.soak.SoakRun;
import dev.meshscope.bench.soak.SoakSample;
import dev.meshscope.core.WebRtcRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshscope bench soak}: a connected pair floods small messages for minutes while the heap after a full
 * collection and the resident memory are sampled, first on raw webrtc-java, then on mesh-core. The heap's slope
 * per received message is webrtc-java 0.14.0's receive leak (a {@code DirectByteBuffer} and an
 * {@code RTCDataChannelBuffer} left behind per message, upstream issue 265) on both stacks, compared with
 * {@link WebRtcRuntime#LEAKED_BYTES_PER_MESSAGE}; mesh-core's slope minus the baseline's is what MeshScope itself
 * keeps per message, which must be nothing: its receive queues, event batches and counters stay bounded.
 *
 * <p>Threads: picocli calls {@link #call()} on the main thread, which runs the flood chunks and takes the samples.
 */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = {
            "Floods 64-byte messages over a connected pair (raw webrtc-java, then mesh-core) and samples "
                    + "the heap after GC and the RSS: prints the heap slope per received message and compares it with "
                    + "webrtc-java 0.14.0's known receive leak (" + WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE + " B).",
            "Default: one minute per stack. A long run: ./meshscope bench soak --minutes 30 (about an hour)."
        },
        footer = {"", "Examples:", "  ./meshscope bench soak", "  ./meshscope bench soak --minutes 10 --stack mesh-core"
        })
public final class SoakCommand implements Callable<Integer> {
    /** Unmeasured flooding first: JIT, a fresh SCTP association and the first allocations settle. */
    static final long WARMUP_MILLIS = 3000;

    /** Full collections per sample: a second one catches what the first only made unreachable (finalizers, refs). */
    private static final int GCS_PER_SAMPLE = 2;

    /** Which stacks to soak. */
    enum Stacks {
        /** The baseline, then mesh-core. */
        both,
        /** Raw webrtc-java only. */
        baseline,
        /** mesh-core only. */
        mesh_core
    }

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--minutes",
            paramLabel = "M",
            description = "Flooding time per stack, in minutes (default 1; " + "fractions allowed).")
    private double minutes = 1;

    @Option(
            names = "--sample-seconds",
            paramLabel = "S",
            description = "Seconds of flooding between two samples " + "(default 5).")
    private double sampleSeconds = 5;

    @Option(
            names = "--stack",
            paramLabel = "both|baseline|mesh-core",
            converter = StacksConverter.class,
            description = "Which stack(s) to soak (default both: the baseline shows the leak is webrtc-java's).")
    private Stacks stacks = Stacks.both;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the JSON results. Default: " + "${DEFAULT-VALUE}")
    private Path out = Path.of("meshscope-soak.json");

    /** Accepts "mesh-core" for the enum constant mesh_core. */
    static final class StacksConverter implements CommandLine.ITypeConverter<Stacks> {
        @Override
        public Stacks convert(String value) {
            return Stacks.valueOf(value.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * The JSON document of a soak. Immutable.
     *
     * @param tool                  "meshscope bench soak"
     * @param command               the command line
     * @param startedAt             ISO-8601 start time
     * @param seconds               how long it took
     * @param environment           where it ran
     * @param leakedBytesPerMessage {@link WebRtcRuntime#LEAKED_BYTES_PER_MESSAGE}
     * @param runs                  one per stack
     */
    public record SoakDocument(
            String tool,
            String command,
            String startedAt,
            double seconds,
            ResultDocument.Environment environment,
            long leakedBytesPerMessage,
            List<SoakRun> runs) {
        /** Copies the runs. */
        public SoakDocument {
            runs = List.copyOf(runs);
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!(minutes > 0) || !(sampleSeconds > 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--minutes and --sample-seconds must be " + "more than 0.");
        }
        Path target = out.toAbsolutePath();
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--out " + out + ": the directory " + target.getParent() + " does not exist.");
        }
        String command = "./meshscope bench soak "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        ResultDocument.Environment env = BenchCommand.environment(0);
        stdout.println("## MeshScope bench soak: heap after GC per received message, webrtc-java " + env.webrtcJava());
        stdout.println();
        stdout.println(BenchCommand.networkLine(env.netns()));
        stdout.println("- machine: " + env.cores() + " cores, load average "
                + String.format(Locale.ROOT, "%.2f", env.loadAverage()) + " at start, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB");
        stdout.println("- workload: 64-byte messages on the unreliable channel, as fast as back-pressure allows, "
                + ResultTable.number(minutes) + " min per stack, a sample (" + GCS_PER_SAMPLE + " full GCs) every "
                + ResultTable.number(sampleSeconds) + " s");
        stdout.flush();
        List<SoakRun> runs = new ArrayList<>();
        BenchSettings settings = BenchSettings.full();
        try (RawStack baseline = RawStack.create();
                CoreStack meshCore = CoreStack.create()) {
            if (stacks != Stacks.mesh_core) {
                runs.add(soak(baseline, settings, stdout, stderr));
            }
            if (stacks != Stacks.baseline) {
                runs.add(soak(meshCore, settings, stdout, stderr));
            }
        } catch (BenchException e) {
            stderr.println("meshscope bench soak: " + e.getMessage());
            return BenchCommand.EXIT_CANNOT_RUN;
        }
        summary(stdout, runs);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        try {
            ResultDocument.writeJson(
                    new SoakDocument(
                            "meshscope bench soak",
                            command,
                            started.toString(),
                            seconds,
                            env,
                            WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE,
                            runs),
                    target);
        } catch (IOException e) {
            stderr.println("meshscope bench soak: could not write " + target + ": " + e.getMessage());
            return BenchCommand.EXIT_CANNOT_RUN;
        }
        stdout.println("Results written to " + target + " (" + String.format(Locale.ROOT, "%.0f", seconds) + " s).");
        stdout.flush();
        return 0;
    }

    private SoakRun soak(BenchStack stack, BenchSettings settings, PrintWriter stdout, PrintWriter stderr)
            throws BenchException {
        long timeout = settings.timeoutMillis();
        long chunkMillis = Math.max(1, Math.round(sampleSeconds * 1000));
        long runNanos = Math.round(minutes * 60e9);
        List<SoakSample> samples = new ArrayList<>();
        try (BenchPair pair = stack.openPair(timeout)) {
            stderr.println("[soak] " + stack.label() + ": warming up " + WARMUP_MILLIS + " ms");
            stderr.flush();
            pair.packetRate(WARMUP_MILLIS, timeout);
            long native0 = stack.nativeMessagesReceived();
            long t0 = System.nanoTime();
            long messages = 0;
            samples.add(sample(0, 0));
            while (System.nanoTime() - t0 < runNanos) {
                PacketRate r = pair.packetRate(chunkMillis, timeout);
                messages += r.delivered();
                SoakSample s = sample((System.nanoTime() - t0) / 1e9, messages);
                samples.add(s);
                stderr.printf(
                        Locale.ROOT,
                        "  %-10s %6.0f s  %,12d messages  heap after GC %8.2f MiB  RSS %8.1f MiB%n",
                        stack.label(),
                        s.seconds(),
                        s.messages(),
                        s.heapAfterGcBytes() / 1048576.0,
                        s.rssKib() / 1024.0);
                stderr.flush();
            }
            long native1 = stack.nativeMessagesReceived();
            long leak = native0 < 0 ? -1 : (native1 - native0) * WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE;
            SoakRun run = SoakRun.of(stack.label(), samples, leak, pair.peakQueuedPackets());
            printRun(stdout, run);
            return run;
        }
    }

    /** Collects fully, then reads the heap in use and the resident memory. */
    private static SoakSample sample(double seconds, long messages) {
        for (int i = 0; i < GCS_PER_SAMPLE; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new SoakSample(seconds, messages, heap, ProcessStats.rssKib());
    }

    private static void printRun(PrintWriter o, SoakRun run) {
        o.println();
        o.println("### " + run.stack());
        o.println("| s | messages read | heap after GC (MiB) | RSS (MiB) |");
        o.println("|---|---|---|---|");
        for (SoakSample s : run.samples()) {
            o.printf(
                    Locale.ROOT,
                    "| %.0f | %d | %.2f | %.1f |%n",
                    s.seconds(),
                    s.messages(),
                    s.heapAfterGcBytes() / 1048576.0,
                    s.rssKib() / 1024.0);
        }
        o.flush();
    }

    private static void summary(PrintWriter o, List<SoakRun> runs) {
        long leak = WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE;
        o.println();
        o.println("### Slopes (least squares over the samples)");
        o.println("| stack | messages | messages/s | heap after GC, B/message | vs " + leak + " B | RSS, B/message "
                + "| runtime's leak estimate | peak receive queue |");
        o.println("|---|---|---|---|---|---|---|---|");
        for (SoakRun r : runs) {
            long n = r.samples().isEmpty()
                    ? 0
                    : r.samples().get(r.samples().size() - 1).messages();
            o.printf(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s | %s | %s |%n",
                    r.stack(),
                    n,
                    ResultTable.number(r.messagesPerSecond()),
                    ResultTable.number(r.heapBytesPerMessage()),
                    ResultTable.number(r.heapBytesPerMessage() / leak) + "x",
                    ResultTable.number(r.rssBytesPerMessage()),
                    r.runtimeLeakEstimate() < 0
                            ? "n/a"
                            : ResultTable.number(r.runtimeLeakEstimate() / 1048576.0) + " MiB",
                    r.heldPeak() < 0 ? "n/a (reads in the callback)" : r.heldPeak() + " packets");
        }
        if (runs.size() == 2) {
            double diff = runs.get(1).heapBytesPerMessage() - runs.get(0).heapBytesPerMessage();
            o.println();
            o.println("mesh-core minus baseline: " + ResultTable.number(diff) + " B of heap per message: what "
                    + "MeshScope itself keeps per message (0 = bounded; noise is a few bytes).");
        }
        o.flush();
    }
}
