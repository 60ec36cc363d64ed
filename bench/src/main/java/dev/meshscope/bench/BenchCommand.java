// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import dev.meshscope.bench.baseline.RawStack;
import dev.meshscope.bench.meshcore.CoreStack;
import dev.meshscope.bench.report.Comparison;
import dev.meshscope.bench.report.ResultDocument;
import dev.meshscope.bench.report.ResultTable;
import dev.meshscope.bench.report.WakeFigure;
import dev.meshscope.bench.scenario.ConnectScenario;
import dev.meshscope.bench.scenario.MeshScenario;
import dev.meshscope.bench.scenario.PacketRateScenario;
import dev.meshscope.bench.scenario.RoundTripScenario;
import dev.meshscope.bench.scenario.ThroughputScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshscope bench}: measures what mesh-core costs over raw webrtc-java, side by side in one JVM, in
 * alternating rounds (issue 5). Prints a Markdown table and writes one JSON document.
 *
 * <p>Other benchmark families plug in as picocli subcommands of this command: the window benchmark
 * ({@code bench gui}) lives with the window in module {@code app}, whose {@code Main} adds it, so this module never
 * imports the window. Without a subcommand it runs the scenarios chosen with {@code --scenario} (all by default).
 *
 * <p>Threads: picocli calls {@link #call()} on the main thread, which runs every workload one at a time.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {CommandLine.HelpCommand.class, SoakCommand.class},
        description = {
            "Measures mesh-core against raw webrtc-java 0.14.0 in one JVM, in alternating rounds, and "
                    + "writes the figures (median, min, max, ratio) as a table and a JSON document.",
            "Scenarios: connect, throughput, roundtrip, mesh, packetrate. --load keeps the other core(s) busy with a "
                    + "bounded CPU burner in the same process. 'bench soak' measures memory over a long flood.",
            "Run it through ./meshscope bench: as root it keeps all traffic in a private network namespace."
        },
        footer = {
            "",
            "Examples:",
            "  ./meshscope bench",
            "  ./meshscope bench --load --out loaded.json",
            "  ./meshscope bench --scenario roundtrip --out results.json",
            "  ./meshscope bench soak --minutes 1"
        })
public final class BenchCommand implements Callable<Integer> {
    /** The version both stacks run on (pinned in the parent pom). */
    static final String WEBRTC_JAVA_VERSION = "0.14.0";

    /** Exit code when the bench could not run at all (native library missing, nothing measured). */
    static final int EXIT_CANNOT_RUN = 3;

    /** Exit code when a workload failed or timed out (the figures measured until then are still written). */
    static final int EXIT_WORKLOAD_FAILED = 1;

    /** Every scenario, in the order issue 5 lists them; {@code --scenario} names them by id. */
    static List<Scenario> allScenarios() {
        return List.of(
                new ConnectScenario(),
                new ThroughputScenario(),
                new RoundTripScenario(),
                new MeshScenario(),
                new PacketRateScenario());
    }

    /** Preset sizes. */
    enum Size {
        /** Issue 5's sizes (a few minutes). */
        full,
        /** Token sizes: a seconds-long check that everything runs. */
        tiny
    }

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--scenario",
            split = ",",
            paramLabel = "NAME",
            description = "Scenario(s) to run: connect, throughput, roundtrip, mesh, packetrate (repeat or "
                    + "separate with commas). Default: all.")
    private List<String> scenarioNames = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the JSON results. Default: ${DEFAULT-VALUE}")
    private Path out = Path.of("meshscope-bench.json");

    @Option(
            names = "--size",
            paramLabel = "full|tiny",
            description = "full: issue 5's sizes (default); tiny: every workload at a token size, for a quick check.")
    private Size size = Size.full;

    @Option(names = "--rounds", paramLabel = "N", description = "Measured rounds per stack (default 5 full, 1 tiny).")
    private Integer rounds;

    @Option(
            names = "--round-trips",
            paramLabel = "N",
            description = "Round trips per channel per round (default 2000).")
    private Integer roundTrips;

    @Option(
            names = "--mesh-sizes",
            split = ",",
            paramLabel = "N",
            description = "Peer counts of the mesh scenario (default 8,16,32).")
    private List<Integer> meshSizes;

    @Option(
            names = "--load",
            description = "Measure under load: busy threads in this process keep all cores but one busy (bounded: "
                    + "pure arithmetic, stopped when the run ends).")
    private boolean load;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<Scenario> chosen = choose();
        BenchSettings settings = settings();
        Path target = checkOut();
        String command = commandLine();
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        ResultDocument.Environment env =
                environment(load ? CpuBurner.threadsFor(Runtime.getRuntime().availableProcessors()) : 0);
        header(stdout, command, env, chosen);

        List<Comparison> rows = new ArrayList<>();
        List<WakeFigure> wakeups = new ArrayList<>();
        int exit = 0;
        try (RawStack baseline = RawStack.create();
                CoreStack meshCore = CoreStack.create();
                AutoCloseable burner = load ? CpuBurner.start() : () -> {}) {
            BenchContext ctx = new BenchContext(baseline, meshCore, settings, stderr, wakeups);
            for (Scenario s : chosen) {
                stderr.println("[" + s.id() + "] " + s.title());
                stderr.flush();
                int wakeFrom = wakeups.size();
                try {
                    List<Comparison> r = s.run(ctx);
                    rows.addAll(r);
                    stdout.println();
                    stdout.println("### " + s.id() + ": " + s.title());
                    ResultTable.print(r, stdout);
                    printWakeups(stdout, wakeups.subList(wakeFrom, wakeups.size()));
                } catch (BenchException e) {
                    stderr.println("meshscope bench: scenario " + s.id() + " failed: " + e.getMessage());
                    exit = EXIT_WORKLOAD_FAILED;
                }
            }
        } catch (BenchException e) {
            stderr.println("meshscope bench: cannot run: " + e.getMessage());
            return EXIT_CANNOT_RUN;
        } catch (Exception e) { // Only the burner's close is declared to throw; it does not.
            stderr.println("meshscope bench: " + e);
            return EXIT_CANNOT_RUN;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ResultDocument doc = new ResultDocument(
                "meshscope bench", command, started.toString(), seconds, env, settings, rows, wakeups);
        try {
            doc.write(target);
        } catch (IOException e) {
            stderr.println("meshscope bench: could not write " + target + ": " + e.getMessage());
            return EXIT_CANNOT_RUN;
        }
        summary(stdout, rows, target, seconds);
        return exit;
    }

    /** The command as typed after the jar: picocli's original arguments start with the parent's "bench". */
    private String commandLine() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && "bench".equals(args.get(0))) {
            args.remove(0);
        }
        args.add(0, "bench");
        args.add(0, "./meshscope");
        return String.join(" ", args);
    }

    private List<Scenario> choose() {
        List<Scenario> all = allScenarios();
        if (scenarioNames.isEmpty()) {
            return all;
        }
        Map<String, Scenario> byId = new LinkedHashMap<>();
        for (Scenario s : all) {
            byId.put(s.id(), s);
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarioNames) {
            Scenario s = byId.get(name.trim().toLowerCase(Locale.ROOT));
            if (s == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Unknown scenario '" + name + "': choose from " + String.join(", ", byId.keySet()) + ".");
            }
            if (!chosen.contains(s)) {
                chosen.add(s);
            }
        }
        return chosen;
    }

    private BenchSettings settings() {
        BenchSettings s = size == Size.tiny ? BenchSettings.tiny() : BenchSettings.full();
        if (rounds != null) {
            if (rounds < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--rounds must be 1 or more, not " + rounds + ".");
            }
            s = s.withRounds(rounds);
        }
        if (roundTrips != null) {
            if (roundTrips < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--round-trips must be 1 or more, not " + roundTrips + ".");
            }
            s = s.withRoundTrips(roundTrips);
        }
        if (meshSizes != null) {
            for (int n : meshSizes) {
                if (n < 2) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--mesh-sizes: a mesh needs at " + "least 2 peers, not " + n + ".");
                }
            }
            s = s.withMeshSizes(meshSizes);
        }
        return s;
    }

    /** Fails before anything runs when the results could not be written afterwards. */
    private Path checkOut() {
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--out " + out + ": the directory " + dir
                            + " does not exist; create it or name a file in an existing directory.");
        }
        if (Files.isDirectory(abs)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--out " + out + " is a directory; name a " + "file, e.g. " + abs.resolve("meshscope-bench.json")
                            + ".");
        }
        if (!Files.isWritable(dir) || (Files.exists(abs) && !Files.isWritable(abs))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--out " + out + ": cannot write there; " + "choose a writable location.");
        }
        return abs;
    }

    /** Where this run happens; {@code burnerThreads} is 0 without {@code --load}. */
    static ResultDocument.Environment environment(int burnerThreads) {
        String netns = System.getenv("MESHSCOPE_NETNS");
        return new ResultDocument.Environment(
                netns == null ? "unset" : netns,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                ProcessStats.maxOpenFiles(),
                WEBRTC_JAVA_VERSION,
                burnerThreads);
    }

    /** The network line of a report's header. */
    static String networkLine(String netns) {
        if ("private".equals(netns)) {
            return "- network: private namespace (MESHSCOPE_NETNS=private): all traffic stays on 10.77.0.1";
        }
        return "- network: MESHSCOPE_NETNS=" + netns + ": NOT in a private namespace (run ./meshscope bench as root "
                + "for one); traffic uses this host's interfaces";
    }

    private static void printWakeups(PrintWriter o, List<WakeFigure> figures) {
        if (figures.isEmpty()) {
            return;
        }
        o.println();
        o.println("mesh-core owner-thread wake-ups (MeshThread.wakeCount; native activity wakes only the owner):");
        for (WakeFigure w : figures) {
            o.println("- " + w.describe());
        }
        o.flush();
    }

    private static void header(PrintWriter o, String command, ResultDocument.Environment env, List<Scenario> chosen) {
        o.println("## MeshScope bench: mesh-core vs raw webrtc-java " + env.webrtcJava()
                + ", alternating rounds in one JVM");
        o.println();
        o.println(networkLine(env.netns()));
        o.println("- machine: " + env.cores() + " cores, load average "
                + String.format(Locale.ROOT, "%.2f", env.loadAverage()) + " at start, open-file limit "
                + env.maxOpenFiles() + ", Java " + env.java()
                + ", " + env.os());
        o.println("- load: "
                + (env.burnerThreads() == 0
                        ? "none added (quiet: only what the machine runs anyway)"
                        : env.burnerThreads() + " CPU burner thread(s) in this process (--load)"));
        o.println("- command: " + command);
        List<String> ids = new ArrayList<>();
        for (Scenario s : chosen) {
            ids.add(s.id());
        }
        o.println("- scenarios: " + String.join(", ", ids));
        o.flush();
    }

    private static void summary(PrintWriter o, List<Comparison> rows, Path target, double seconds) {
        List<String> missed = new ArrayList<>();
        int targets = 0;
        for (Comparison c : rows) {
            if (c.target() != null) {
                targets++;
                if (!Boolean.TRUE.equals(c.met())) {
                    missed.add(
                            c.scenario() + " " + c.metric() + " (ratio " + String.format(Locale.ROOT, "%.3f", c.ratio())
                                    + ", target " + c.target().text() + ")");
                }
            }
        }
        o.println();
        o.println("### All results");
        ResultTable.print(rows, o);
        o.println();
        o.println("Targets met: " + (targets - missed.size()) + " of " + targets
                + (missed.isEmpty() ? "." : "; missed: " + String.join("; ", missed) + "."));
        o.println("Results written to " + target + " (" + String.format(Locale.ROOT, "%.0f", seconds) + " s).");
        o.flush();
    }
}
