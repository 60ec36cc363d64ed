// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.MeshSession;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.SessionSink;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.load.FloodPartners;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures a session record at the 32-peer flood of {@code bench gui} (a recording window session as peer 1, 31
 * partners on one partner thread, every channel saturated both ways: the session pings every channel as fast as the
 * send buffers take them, each partner echoes and floods data back): compressed bytes per minute, items dropped,
 * and the time the mesh thread spent handing items to the recorder (against the mesh thread's CPU time).
 *
 * <p>Run inside the test network namespace (libwebrtc ignores {@code lo}):
 * {@code tools/netns/bin/java -cp CLASSPATH dev.meshscope.session.record.RecordFlood [seconds] [peers]}.
 */
public final class RecordFlood {
    /** Flood before measuring, so the record's first sample and the send buffers are past their start-up. */
    private static final long WARMUP_SECONDS = 5;

    private static final int PAYLOAD = 100;

    private RecordFlood() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path dir = Files.createTempDirectory("record-flood");
        WebRtcRuntime runtime = WebRtcRuntime.create();
        SessionSink quiet = new SessionSink() {
            @Override
            public void event(MeshEvent event) {}

            @Override
            public void action(OperatorAction action) {}

            @Override
            public void state(SessionState state) {}
        };
        MeshSession session = new MeshSession("mesh-flood", runtime, quiet, RecordSettings.inDirectory(dir));
        FloodPartners partners = new FloodPartners(runtime, "flood-partners", PAYLOAD);
        partners.flood(true);
        session.create(new CreateRequest(NetworkMode.MESH, 1, List.of(), List.of()));
        for (int id = 2; id <= members; id++) {
            partners.wire(session, id);
        }
        int connected = FloodPartners.awaitConnected(session, members - 1, TimeUnit.SECONDS.toNanos(120));
        System.out.println("connected: " + connected + " of " + (members - 1));
        session.send(new SendRequest(0, SendRequest.ALL_CHANNELS, new byte[PAYLOAD], 1_000_000_000L, 0, true));
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(WARMUP_SECONDS));
        SessionRecorder r = session.recorder();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long meshThread = threadId(mx, "mesh-flood");
        long bytes0 = r.bytesWritten();
        long lines0 = r.written();
        long feed0 = r.feedNanos();
        long cpu0 = mx.getThreadCpuTime(meshThread);
        long[] c0 = FloodPartners.messageCounters(session);
        long t0 = System.nanoTime();
        for (long end = t0 + TimeUnit.SECONDS.toNanos(seconds); System.nanoTime() < end; ) {
            LockSupport.parkNanos(end - System.nanoTime()); // The measured window (park may return early).
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long bytes1 = r.bytesWritten();
        long lines1 = r.written();
        long feed1 = r.feedNanos();
        long cpu1 = mx.getThreadCpuTime(meshThread);
        long[] c1 = FloodPartners.messageCounters(session);
        session.stopSending();
        session.shutdown();
        partners.close();
        runtime.close();
        double perMin = (bytes1 - bytes0) / secs * 60;
        System.out.printf(
                Locale.ROOT,
                "RecordFlood: %d peers, %.1f s measured; session peer traffic %.0f msgs/s in, %.0f out%n"
                        + "record: %.1f KiB/min compressed (%.2f MiB/h), %.1f lines/s, %d dropped%n"
                        + "mesh thread: recording %.2f ms/s (%.3f%% of one core), mesh thread CPU %.0f ms/s -> "
                        + "recording is %.2f%% of the mesh thread's CPU%n"
                        + "record file: %s (%d bytes)%n",
                members,
                secs,
                (c1[0] - c0[0]) / secs,
                (c1[1] - c0[1]) / secs,
                perMin / 1024,
                perMin * 60 / (1024 * 1024),
                (lines1 - lines0) / secs,
                r.dropped(),
                (feed1 - feed0) / 1e6 / secs,
                (feed1 - feed0) / 1e7 / secs,
                (cpu1 - cpu0) / 1e6 / secs,
                100.0 * (feed1 - feed0) / Math.max(1, cpu1 - cpu0),
                r.file(),
                Files.size(r.file()));
        RecordContents c = RecordReader.readStrict(r.file());
        long stats =
                c.items().stream().filter(i -> i instanceof RecordItem.Stats).count();
        long events =
                c.items().stream().filter(i -> i instanceof RecordItem.Event).count();
        System.out.println("read back: " + c.items().size() + " items (" + stats + " samples, " + events + " events)");
    }

    private static long threadId(ThreadMXBean mx, String name) {
        for (ThreadInfo t : mx.dumpAllThreads(false, false)) {
            if (t.getThreadName().equals(name)) {
                return t.getThreadId();
            }
        }
        throw new IllegalStateException("no thread " + name);
    }
}
