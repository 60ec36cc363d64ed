// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionSink;
import dev.meshscope.session.SessionState;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionSink} that records everything passing through it and hands it on unchanged: every event and
 * action as it comes, a stats sample from the states (once per {@link RecordLimits#sampleMillis}), the signaling
 * timeline's new traces, and a configuration line after every creation. The window's session wraps its sink in
 * one ({@code MeshSession}'s recording constructor); the recorder writes on its own thread.
 *
 * <p>Threads: the sink methods on the mesh thread (as every sink); {@link #close} from any thread once the mesh
 * thread has stopped.
 */
public final class RecordingSink implements SessionSink {
    /**
     * How often the agent requests wire statistics for every peer while recording (the window's session requests
     * them at this period anyway, for its transport details).
     */
    public static final long WIRE_STATS_MILLIS = 2000;

    private final SessionSink next;
    private final SessionRecorder recorder;
    private final Supplier<List<RtcConfiguration.IceServer>> iceServers;
    private long tracesSeen;
    private boolean created;
    private boolean anything;

    private RecordingSink(
            SessionSink next, SessionRecorder recorder, Supplier<List<RtcConfiguration.IceServer>> iceServers) {
        this.next = next;
        this.recorder = recorder;
        this.iceServers = iceServers;
    }

    /**
     * {@code next} wrapped in a recording sink when {@code settings} is on and the record can be created; else
     * {@code next} itself, after telling it (as a failed action) why nothing is recorded. Any thread (before the
     * session starts).
     *
     * @param recorderName "window" or "agent"
     * @param iceServers   the ICE servers in force (called on the mesh thread after a creation; URLs only are kept)
     */
    public static SessionSink wrap(
            SessionSink next,
            RecordSettings settings,
            String recorderName,
            Supplier<List<RtcConfiguration.IceServer>> iceServers) {
        Path dir = settings.directory();
        if (dir == null) {
            return next;
        }
        try {
            Files.createDirectories(dir);
            trim(dir, settings.directoryCapBytes());
            SessionRecorder r = SessionRecorder.open(
                    RecordingSink.newFile(dir, recorderName), recorderName, null, settings.clock(), settings.limits());
            return new RecordingSink(next, r, iceServers);
        } catch (IOException | RuntimeException e) {
            next.action(OperatorAction.failed(
                    0,
                    "record",
                    "this session is not recorded: cannot write in " + dir + " (" + e.getMessage() + "). Set -D"
                            + RecordSettings.PROPERTY + "=DIR to record elsewhere, or =off."));
            return next;
        }
    }

    /** The recorder behind {@code sink}, or {@code null} when it does not record. */
    public static @Nullable SessionRecorder recorderOf(SessionSink sink) {
        return sink instanceof RecordingSink r ? r.recorder : null;
    }

    /**
     * Ends the record of {@code sink} (writes what is queued, closes the file); a record in which nothing happened
     * (no event, no action) is deleted. Any thread, after the mesh thread stopped. A no-op for other sinks.
     */
    public static void close(SessionSink sink) {
        if (sink instanceof RecordingSink r) {
            r.recorder.close();
            if (!r.anything) {
                try {
                    Files.deleteIfExists(r.recorder.file());
                } catch (IOException e) {
                    // An empty record left behind is harmless; the folder's cap removes it later.
                }
            }
        }
    }

    @Override
    public void event(MeshEvent event) {
        long t0 = System.nanoTime();
        anything |= !(event instanceof MeshEvent.Snapshot); // The first snapshot only says nothing exists yet.
        recorder.event(event);
        if (event instanceof MeshEvent.Created) {
            created = true;
        }
        recorder.addFeedNanos(System.nanoTime() - t0);
        next.event(event);
    }

    @Override
    public void action(OperatorAction action) {
        long t0 = System.nanoTime();
        anything = true;
        recorder.action(action);
        recorder.addFeedNanos(System.nanoTime() - t0);
        next.action(action);
    }

    @Override
    public void state(SessionState state) {
        long t0 = System.nanoTime();
        if (created) {
            created = false;
            recorder.config(recorder.configNow(
                    state.mesh().mode(), state.mesh().uniqueId(), state.mesh().channelModes(), iceServers.get()));
        }
        signals(state.signaling().timeline(), state.signaling().traced());
        recorder.sample(state.mesh(), state.dictionary(), state.probes());
        recorder.addFeedNanos(System.nanoTime() - t0);
        next.state(state);
    }

    /** Records the traces the timeline gained since the last state (the last {@code traced - seen} entries). */
    private void signals(List<SignalTrace> timeline, long traced) {
        long fresh = traced - tracesSeen;
        if (fresh <= 0) {
            return;
        }
        tracesSeen = traced;
        long offset = recorder.clock().nowMicros() - wallMicros(Instant.now());
        int from = (int) Math.max(0, timeline.size() - fresh);
        for (int i = from; i < timeline.size(); i++) {
            SignalTrace t = timeline.get(i);
            recorder.signal(new RecordItem.Signal(
                    wallMicros(t.at()) + offset,
                    t.direction().name(),
                    t.path(),
                    t.type(),
                    t.from(),
                    t.to(),
                    t.size(),
                    t.data(),
                    t.verdict().name(),
                    t.note()));
        }
    }

    private static long wallMicros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    private static Path newFile(Path dir, String recorder) {
        String name = "meshscope-" + recorder + "-"
                + java.time.LocalDateTime.now()
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", java.util.Locale.ROOT))
                + "-" + ProcessHandle.current().pid();
        Path f = dir.resolve(name + RecordFormat.EXTENSION);
        for (int i = 2; Files.exists(f); i++) {
            f = dir.resolve(name + "-" + i + RecordFormat.EXTENSION);
        }
        return f;
    }

    /** Deletes the oldest record files in {@code dir} until the rest take at most {@code cap} bytes. */
    static void trim(Path dir, long cap) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.filter(RecordFormat::isRecord).toList());
        }
        files.sort(Comparator.comparing(RecordingSink::modified));
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        for (Path f : files) {
            if (total <= cap) {
                break;
            }
            total -= Files.size(f);
            Files.deleteIfExists(f);
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }
}
