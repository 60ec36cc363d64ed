// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.session.OperatorAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Records one session into a record file: the window's session and the agent feed it every event, operator action,
 * signaling trace, configuration and state they see; it converts times to the record's clock and hands immutable
 * items to a {@link RecordWriter} thread. Nothing here blocks or writes on the caller's thread: the cost on the
 * mesh thread is one clock read and one queue offer per item (measured in docs/records.md).
 *
 * <p>Threads: every feeding method is meant for the owner thread (the mesh thread) and is cheap; {@link #close} from
 * any thread, once; the counters from any thread.
 */
public final class SessionRecorder implements AutoCloseable {
    private final Path file;
    private final RecordClock clock;
    private final RecordLimits limits;
    private final RecordWriter writer;
    private long nextSampleNanos;
    /** Stats samples handed to the writer (counted on the owner thread, read from any thread). */
    private final java.util.concurrent.atomic.AtomicLong samples = new java.util.concurrent.atomic.AtomicLong();
    /** Time the owner spent handing items over (measured by the recording sink), for the cost figure. */
    private volatile long feedNanos;

    private SessionRecorder(Path file, RecordClock clock, RecordLimits limits, RecordWriter writer) {
        this.file = file;
        this.clock = clock;
        this.limits = limits;
        this.writer = writer;
    }

    /**
     * Starts a record in {@code file} (truncated; its parent folders are created). {@code recorder} names what records
     * ("window", "agent"); {@code config} is the peer's configuration when already known, else {@code null}.
     *
     * @throws IOException when the file cannot be created (nothing is recorded then; the caller says so)
     */
    public static SessionRecorder open(
            Path file, String recorder, RecordItem.@Nullable Config config, RecordClock clock, RecordLimits limits)
            throws IOException {
        RecordHeader h = RecordHeader.start(clock.nowMicros(), recorder, config);
        return new SessionRecorder(file, clock, limits, new RecordWriter(file, h, limits, clock::nowMicros));
    }

    /** {@link #open} with the system clock and the default limits. */
    public static SessionRecorder open(Path file, String recorder, RecordItem.@Nullable Config config)
            throws IOException {
        return open(file, recorder, config, RecordClock.system(), RecordLimits.DEFAULT);
    }

    /** The configuration item of a peer created now (ICE server URLs only: no user name, no credential). */
    public RecordItem.Config configNow(
            NetworkMode mode, int uniqueId, List<TransferMode> channelModes, List<RtcConfiguration.IceServer> ice) {
        return config(clock.nowMicros(), mode, uniqueId, channelModes, ice);
    }

    /** A configuration item at record time {@code at}. */
    public static RecordItem.Config config(
            long at,
            NetworkMode mode,
            int uniqueId,
            List<TransferMode> channelModes,
            List<RtcConfiguration.IceServer> ice) {
        List<String> channels = new ArrayList<>();
        for (TransferMode m : channelModes) {
            channels.add(m.name());
        }
        List<String> urls = new ArrayList<>();
        for (RtcConfiguration.IceServer s : ice) {
            urls.addAll(s.urls());
        }
        return new RecordItem.Config(at, mode.name().toLowerCase(Locale.ROOT), uniqueId, channels, urls);
    }

    /** Records a configuration (after a create). Owner thread. */
    public void config(RecordItem.Config c) {
        writer.offer(c);
    }

    /** Records one mesh-core event, at the moment it was observed. Owner thread. */
    public void event(MeshEvent e) {
        writer.offer(new RecordItem.Event(clock.micros(e.atNanos()), e));
    }

    /** Records an operator action. Owner thread. */
    public void action(OperatorAction a) {
        writer.offer(new RecordItem.Action(clock.nowMicros(), a));
    }

    /** Records a signaling message (a trace of the signaling timeline), converted by the caller. Owner thread. */
    public void signal(RecordItem.Signal s) {
        writer.offer(s);
    }

    /** Whether a stats sample is due at {@code nanoTime} ({@link RecordLimits#sampleMillis} since the last). */
    public boolean sampleDue(long nanoTime) {
        return nanoTime - nextSampleNanos >= 0;
    }

    /**
     * Records a stats sample if one is due (else does nothing and returns false): the snapshot's counters,
     * {@code print(get_peers())} as Godot prints it, and the probe results. Owner thread.
     */
    public boolean sample(MeshSnapshot mesh, String dictionary, List<ProbeStats> probes) {
        long now = System.nanoTime();
        if (!sampleDue(now)) {
            return false;
        }
        nextSampleNanos = now + limits.sampleMillis() * 1_000_000L;
        writer.offer(new RecordItem.Stats(clock.micros(mesh.atNanos()), mesh, dictionary, probes));
        samples.incrementAndGet();
        return true;
    }

    /** Adds time the owner thread spent recording (the recording sink measures its calls). Owner thread. */
    void addFeedNanos(long nanos) {
        feedNanos += nanos; // One writer (the owner thread); readers only report it.
    }

    /** Time the owner thread spent recording so far, nanoseconds (sessions that record through a sink). */
    public long feedNanos() {
        return feedNanos;
    }

    /** The record's clock (to convert other times). */
    public RecordClock clock() {
        return clock;
    }

    /** The record's first file. */
    public Path file() {
        return file;
    }

    /** Items dropped because the writer could not keep up (or stopped). Any thread. */
    public long dropped() {
        return writer.dropped();
    }

    /** Stats samples taken so far (handed to the writer; {@link #written()} says when they reach the file). Any thread. */
    public long samples() {
        return samples.get();
    }

    /** Lines written so far. Any thread. */
    public long written() {
        return writer.written();
    }

    /** Compressed bytes written so far (every part). Any thread. */
    public long bytesWritten() {
        return writer.bytes();
    }

    /** Why recording stopped (the disk refused a write), or {@code null} while it works. Any thread. */
    public @Nullable String failure() {
        return writer.failure();
    }

    /** Writes out everything queued and closes the file. Any thread; waits for the writer (at most 10 s). */
    @Override
    public void close() {
        writer.close();
    }
}
