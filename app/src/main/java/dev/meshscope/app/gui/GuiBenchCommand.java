// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.MeshSession;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.load.FloodPartners;
import dev.meshscope.session.record.SessionRecorder;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshscope bench gui}: the real window on a live in-process mesh of {@code --peers} members (the window's
 * peer and {@code peers - 1} partners), every connection saturated both ways (the window sends probe pings on
 * every channel as fast as the send buffers take them; each partner echoes them and floods the window with
 * data), while an {@link AnimationTimer} records the gap between FX pulses. Reports the pulse gaps (median, p99,
 * longest) and the heap growth over the measured window. Targets: p99 under 20 ms, longest under 100 ms.
 *
 * <p>Needs a display (run it under {@code xvfb-run -a}); the tests run it headless under Monocle.
 */
@Command(
        name = "gui",
        mixinStandardHelpOptions = true,
        description = "Measure FX-thread responsiveness of the window under a saturated in-process mesh.")
public final class GuiBenchCommand implements java.util.concurrent.Callable<Integer> {
    /** Target for the 99th percentile gap between FX pulses (a 60 Hz pulse is 16.7 ms). */
    public static final double TARGET_P99_MS = 20;
    /** Target for the longest gap between FX pulses. */
    public static final double TARGET_MAX_MS = 100;
    /**
     * Traffic time between the forced GC that reads the starting heap and the measured window: G1 re-sizes its
     * young generation after a full collection, and the collections of that first second belong to the
     * measurement, not to the window.
     */
    static final long GC_SETTLE_MILLIS = 1000;
    /** Pulses recorded at most (an hour at 60 Hz): the gap buffer is allocated once, up front. */
    static final int MAX_PULSES = 216_000;

    @Option(names = "--peers", description = "Mesh members, the window's peer included (default ${DEFAULT-VALUE}).")
    int peers = 32;

    @Option(names = "--seconds", description = "Measured seconds under traffic (default ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--warmup", description = "Seconds of traffic before measuring (default ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Option(names = "--payload", description = "Payload bytes per packet (default ${DEFAULT-VALUE}).")
    int payload = 256;

    @Option(
            names = "--plots",
            description = "Measure with the Plots tab shown (probe RTT of the first partner, every channel), and report"
                    + " the plots' history memory.")
    boolean plots;

    /** The figures. */
    public record Result(
            int members,
            int connected,
            long pulses,
            double medianMs,
            double p99Ms,
            double maxMs,
            long heapBeforeBytes,
            long heapAfterBytes,
            long windowMsgsIn,
            long windowMsgsOut,
            double seconds,
            double maxDrainMs,
            long itemsDrained,
            String worstGaps,
            String recordFile,
            long recordBytes,
            long recordDropped,
            long rssAfterBytes,
            long webrtcLeakGrowthBytes) {
        /** Heap growth over the measured window. */
        public long heapGrowthBytes() {
            return heapAfterBytes - heapBeforeBytes;
        }

        /** Compressed record bytes per minute over the measured window (0 when the session did not record). */
        public double recordBytesPerMinute() {
            return recordBytes / seconds * 60;
        }

        /** Whether both targets are met. */
        public boolean meetsTargets() {
            return p99Ms < TARGET_P99_MS && maxMs < TARGET_MAX_MS;
        }

        /** The report, one figure per line. */
        public String report() {
            return String.format(
                    Locale.ROOT,
                    "bench gui: %d-peer in-process mesh (%d connected to the window), "
                            + "saturating traffic on every channel, %.1f s measured%n"
                            + "  FX pulses:       %d (%.1f per second)%n"
                            + "  pulse gap:       median %.2f ms, p99 %.2f ms (target < %.0f), longest %.2f ms (target < %.0f)%n"
                            + "  heap (after GC): %.1f MiB before, %.1f MiB after, growth %+.1f MiB%n"
                            + "  of the growth:   %.1f MiB webrtc-java's receive leak (%d B x messages received, estimate),"
                            + " %+.1f MiB the rest%n"
                            + "  window traffic:  %d msgs in (%.0f/s), %d msgs out (%.0f/s)%n"
                            + "  FX bridge:       longest drain %.2f ms, %d events/actions shown%n"
                            + "  worst gaps at:   %s%n"
                            + "  record:          %s%n"
                            + "  process RSS:     %s at the end%n"
                            + "  verdict:         %s",
                    members,
                    connected,
                    seconds,
                    pulses,
                    pulses / seconds,
                    medianMs,
                    p99Ms,
                    TARGET_P99_MS,
                    maxMs,
                    TARGET_MAX_MS,
                    heapBeforeBytes / 1048576.0,
                    heapAfterBytes / 1048576.0,
                    heapGrowthBytes() / 1048576.0,
                    webrtcLeakGrowthBytes / 1048576.0,
                    WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE,
                    (heapGrowthBytes() - webrtcLeakGrowthBytes) / 1048576.0,
                    windowMsgsIn,
                    windowMsgsIn / seconds,
                    windowMsgsOut,
                    windowMsgsOut / seconds,
                    maxDrainMs,
                    itemsDrained,
                    worstGaps,
                    recordFile.isEmpty()
                            ? "not recording (records are off)"
                            : String.format(
                                    Locale.ROOT,
                                    "%.1f KiB/min compressed over the measured window, %d item(s) dropped, %s",
                                    recordBytesPerMinute() / 1024,
                                    recordDropped,
                                    recordFile),
                    rssAfterBytes <= 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MiB", rssAfterBytes / 1048576.0),
                    meetsTargets() ? "targets met" : "TARGETS MISSED");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!GuiLauncher.hasDisplay()) {
            System.err.println("meshscope bench gui: no display. Run it under a virtual one:");
            System.err.println("  xvfb-run -a -s \"-screen 0 1920x1200x24\" ./meshscope bench gui");
            return GuiLauncher.NO_DISPLAY;
        }
        if (peers < 2 || seconds < 1 || warmup < 0 || payload < 0 || payload > 60_000) {
            System.err.println("meshscope bench gui: --peers must be 2 or more, --seconds 1 or more, --warmup 0 or "
                    + "more, --payload 0..60000.");
            return 2;
        }
        Platform.setImplicitExit(false);
        Result r;
        try {
            r = run(peers, seconds, warmup, payload, plots, Platform::startup, System.out);
        } finally {
            Platform.exit();
        }
        System.out.println(r.report());
        return 0;
    }

    /** Runs the command from a plain {@code java -cp} (the lead registers it under {@code meshscope bench}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GuiBenchCommand()).execute(args));
    }

    /**
     * Runs the benchmark. {@code onFx} runs one task on the FX thread (it starts the toolkit in the command; a
     * test hands in its own); the window closes itself from its pulse timer when the measurement ends. Progress
     * goes to {@code log}. Blocks the calling thread (never the FX thread) until done.
     */
    public static Result run(
            int members, int seconds, int warmup, int payload, Consumer<Runnable> onFx, PrintStream log)
            throws Exception {
        return run(members, seconds, warmup, payload, false, onFx, log);
    }

    /**
     * Like {@link #run(int, int, int, int, Consumer, PrintStream)}; with {@code plots} the Plots tab is shown during the
     * measurement and its history's memory is logged at the end.
     */
    public static Result run(
            int members, int seconds, int warmup, int payload, boolean plots, Consumer<Runnable> onFx, PrintStream log)
            throws Exception {
        WebRtcRuntime runtime = WebRtcRuntime.create();
        CompletableFuture<OpenWindow> opened = new CompletableFuture<>();
        CompletableFuture<PulseRecorder> recorder = new CompletableFuture<>();
        onFx.accept(() -> {
            try {
                OpenWindow w = OpenWindow.open(new Stage(), runtime, "mesh-bench");
                w.stage().setTitle("MeshScope bench gui");
                if (plots) {
                    w.window().showPlots();
                }
                PulseRecorder r =
                        new PulseRecorder(TimeUnit.SECONDS.toNanos(warmup), TimeUnit.SECONDS.toNanos(seconds), w);
                r.start();
                recorder.complete(r);
                opened.complete(w);
            } catch (RuntimeException e) {
                opened.completeExceptionally(e);
                recorder.completeExceptionally(e);
            }
        });
        OpenWindow window = opened.get(30, TimeUnit.SECONDS);
        PulseRecorder pulses = recorder.get(30, TimeUnit.SECONDS);
        MeshSession session = window.session();
        FloodPartners partners = new FloodPartners(runtime, "bench-partners", payload);
        try {
            session.create(new CreateRequest(NetworkMode.MESH, 1, List.of(), List.of()));
            log.println("bench gui: connecting " + (members - 1) + " partner peers to the window's peer...");
            for (int id = 2; id <= members; id++) {
                partners.wire(session, id);
            }
            int connected = FloodPartners.awaitConnected(session, members - 1, TimeUnit.SECONDS.toNanos(60));
            log.println("bench gui: " + connected + " connected; saturating every channel both ways, " + warmup
                    + " s warm-up then " + seconds + " s measured...");
            session.send(new SendRequest(0, SendRequest.ALL_CHANNELS, new byte[payload], 1_000_000_000L, 0, true));
            partners.flood(true);
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            pulses.startRequested = true;
            pulses.warmedUp.await(warmup + 30L, TimeUnit.SECONDS);
            System.gc(); // Outside the measured window: the recorder waits for "go" below.
            long heapBefore = mem.getHeapMemoryUsage().getUsed();
            long leakBefore = runtime.leakEstimateBytes();
            Thread.sleep(GC_SETTLE_MILLIS);
            long[] before = FloodPartners.messageCounters(session);
            SessionRecorder rec = session.recorder();
            long recordBefore = rec == null ? 0 : rec.bytesWritten();
            long t0 = System.nanoTime();
            pulses.go = true;
            if (!pulses.done.await(seconds + 60L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the FX thread did not finish the measurement (it may be stuck)");
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long[] after = FloodPartners.messageCounters(session);
            long recordAfter = rec == null ? 0 : rec.bytesWritten();
            System.gc();
            long heapAfter = mem.getHeapMemoryUsage().getUsed();
            long leakAfter = runtime.leakEstimateBytes();
            if (plots) {
                // Safe off the FX thread: the recorder stopped the bridge (nothing writes the history any more)
                // before it counted "done" down, and the latch orders those writes before this read.
                var vm = window.window().plots();
                var history = vm.history();
                log.println(String.format(
                        Locale.ROOT,
                        "bench gui: plots history %d peer(s), %d sample(s), %d B in rings (bound for this mesh: %d B);"
                                + " FX time per sample (sample, rebuild, hand to chart): mean %.2f ms, longest %.2f ms",
                        history.peers().size(),
                        history.samples(),
                        history.bytes(),
                        dev.meshscope.session.history.SessionHistory.bytesForMesh(members, 3, history.capacity()),
                        vm.totalSampleNanos() / 1e6 / Math.max(1, history.samples()),
                        vm.maxSampleNanos() / 1e6));
            }
            double[] g = pulses.gapsMs();
            String worst = pulses.worst();
            Arrays.sort(g);
            return new Result(
                    members,
                    connected,
                    g.length,
                    pct(g, 0.5),
                    pct(g, 0.99),
                    g.length == 0 ? 0 : g[g.length - 1],
                    heapBefore,
                    heapAfter,
                    after[0] - before[0],
                    after[1] - before[1],
                    secs,
                    window.bridge().maxDrainNanos() / 1e6,
                    window.bridge().itemsDrained(),
                    worst,
                    rec == null ? "" : rec.file().toString(),
                    recordAfter - recordBefore,
                    rec == null ? 0 : rec.dropped(),
                    residentBytes(),
                    leakAfter - leakBefore);
        } finally {
            partners.flood(false);
            session.stopSending();
            session.shutdown();
            partners.close();
            runtime.close();
        }
    }

    /** The process's resident set from {@code /proc/self/status} (Linux), or 0 when it cannot be read. */
    static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.trim().split("\\s+");
                    return Long.parseLong(f[1]) * 1024; // "VmRSS:  123456 kB"
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)];
    }

    /**
     * Records the gap between FX pulses, from when it is asked to start, through the warm-up (not recorded) and
     * the measured seconds; then closes the window it belongs to. Runs on the FX thread; the bench thread waits
     * on its latches.
     */
    private static final class PulseRecorder extends AnimationTimer {
        final CountDownLatch warmedUp = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final long warmupNanos;
        final long measureNanos;
        final double[] gaps = new double[MAX_PULSES];
        volatile boolean startRequested;
        volatile boolean go;
        long measureStart;
        final OpenWindow closeWhenDone;
        volatile int count;
        long startedAt;
        long last;

        PulseRecorder(long warmupNanos, long measureNanos, OpenWindow closeWhenDone) {
            this.warmupNanos = warmupNanos;
            this.measureNanos = measureNanos;
            this.closeWhenDone = closeWhenDone;
        }

        @Override
        public void handle(long now) {
            if (!startRequested) {
                return;
            }
            long wall = System.nanoTime();
            if (startedAt == 0) {
                startedAt = wall;
                return;
            }
            if (wall - startedAt < warmupNanos) {
                last = wall;
                return;
            }
            if (warmedUp.getCount() > 0) {
                warmedUp.countDown();
            }
            if (!go) {
                last = wall;
                return;
            }
            if (measureStart == 0) {
                measureStart = wall;
                last = wall;
                return;
            }
            if (count < gaps.length) {
                gaps[count++] = (wall - last) / 1e6;
            }
            last = wall;
            if (wall - measureStart >= measureNanos) {
                stop();
                closeWhenDone.bridge().stop();
                closeWhenDone.stage().close();
                done.countDown();
            }
        }

        double[] gapsMs() {
            return Arrays.copyOf(gaps, count);
        }

        /** The five longest gaps as "gap ms @ seconds into the measurement". */
        String worst() {
            Integer[] idx = new Integer[count];
            double[] at = new double[count];
            double t = 0;
            for (int i = 0; i < count; i++) {
                idx[i] = i;
                t += gaps[i];
                at[i] = t / 1000;
            }
            Arrays.sort(idx, (a, b) -> Double.compare(gaps[b], gaps[a]));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(5, count); i++) {
                sb.append(
                        String.format(Locale.ROOT, "%s%.0f ms @ %.1f s", i == 0 ? "" : ", ", gaps[idx[i]], at[idx[i]]));
            }
            return sb.toString();
        }
    }
}
