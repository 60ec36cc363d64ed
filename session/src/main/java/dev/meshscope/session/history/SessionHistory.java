// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a session did over time, for plots: per remote peer and per channel time series, sampled once a second
 * ({@link #SAMPLE_PERIOD_NANOS}) from the session's states, and the events to mark on the same axis. Bounded:
 * {@link #CAPACITY} samples per series (31 minutes), at most {@link #MAX_PEERS} peers and {@link #MAX_CHANNEL_RINGS}
 * channel rings; all of it preallocated per ring, so the memory is {@link #bytes()} whatever the session does.
 *
 * <p>Feed it every state and event the session publishes ({@link #onState}, {@link #onEvent}, {@link #onAction});
 * a state arriving less than a period after the last sample is skipped (the window receives about 10 a second). Rates
 * are counter differences over the time between the two states' {@code atNanos}, so a late or skipped state makes a
 * longer interval, never a wrong rate. Departed peers keep their series (greyed by the view) until {@link #clear()}.
 *
 * <p>Threads: not thread-safe; one owner thread calls everything (in the window, the FX thread, which receives the
 * states and events through its bridge).
 */
public final class SessionHistory {
    /** One sample a second: a plot of 30 minutes has 1800 points per series, and a rate over 1 s reads steadily. */
    public static final long SAMPLE_PERIOD_NANOS = 1_000_000_000L;
    /**
     * A state this much early still counts as due: states come every 100 ms ({@code MeshSession.PUBLISH_PERIOD_MS}),
     * so without it samples would drift to 1.1 s apart.
     */
    static final long EARLY_NANOS = 50_000_000L;
    /** Samples kept per series: 31 minutes at one a second (at least 30 minutes of history, with a margin). */
    public static final int CAPACITY = 31 * 60;
    /** Remote peers kept at most; past it the peer that departed first is forgotten (a 32-peer mesh has 31). */
    public static final int MAX_PEERS = 64;
    /** Channel rings kept at most over every peer (a 32-peer mesh with 3 channels needs 93). */
    public static final int MAX_CHANNEL_RINGS = 256;
    /** Markers kept at most (the oldest go first): the events of a busy half hour. */
    public static final int MAX_MARKERS = 4096;
    /**
     * A wire report older than this is not sampled (the values go NaN): reports come every 2 s per connected peer
     * ({@code MeshSession.WIRE_STATS_PERIOD_MS}), so 5 s means two in a row went missing.
     */
    public static final long WIRE_STALE_NANOS = 5_000_000_000L;
    /** {@link #WIRE_STALE_NANOS} in milliseconds, for documentation. */
    public static final long WIRE_STALE_MS = WIRE_STALE_NANOS / 1_000_000L;

    private final int capacity;
    private final Map<Integer, PeerHistory> peers = new LinkedHashMap<>();
    private final ArrayDeque<HistoryMarker> markers = new ArrayDeque<>();
    private long originNanos;
    private long originMillis;
    private boolean started;
    private long nextDueNanos;
    private long samples;
    private long skippedSeries;
    private long channelRings;

    /** A history of {@link #CAPACITY} samples per series. */
    public SessionHistory() {
        this(CAPACITY);
    }

    /** A history of {@code capacity} samples per series (tests use small ones). */
    public SessionHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a history needs at least 2 samples per series, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The key of a (peer, channel) pair in a map. */
    static long key(int peerId, int channel) {
        return ((long) peerId << 32) | (channel & 0xFFFF_FFFFL);
    }

    /** Starts the axis at {@code atNanos} (this JVM's {@link System#nanoTime()}), whose wall clock is derived now. */
    private void start(long atNanos) {
        if (!started) {
            start(atNanos, System.currentTimeMillis() - (System.nanoTime() - atNanos) / 1_000_000L);
        }
    }

    /** Starts the axis at {@code atNanos} on whatever clock the history is fed with, which is {@code wallMillis}. */
    private void start(long atNanos, long wallMillis) {
        if (!started) {
            started = true;
            originNanos = atNanos;
            originMillis = wallMillis;
        }
    }

    /** Milliseconds since the origin of {@code atNanos} (clamped to 0 and to the int range). */
    private int timeMs(long atNanos) {
        long ms = (atNanos - originNanos) / 1_000_000L;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ms));
    }

    /**
     * Takes a sample from {@code s} when one is due. Returns whether it did (the plots then have a new point).
     */
    public boolean onState(SessionState s) {
        start(s.atNanos());
        return sample(s, s.atNanos());
    }

    /**
     * Takes a sample from {@code s} (a state read back from a record) when one is due, on the record's clock:
     * {@code atMicros} is the record item's time (microseconds since the epoch, {@code RecordItem.at()}), which
     * replaces {@code s.atNanos()} (the recording JVM's {@link System#nanoTime()}, meaningless here) for the axis, the
     * rates and the departures. The first time fed (state or event) is the axis' origin, with wall clock {@code
     * atMicros / 1000}. A history is fed on one clock: this one, or the live one ({@link #onState}), never both.
     * Returns whether it took a sample.
     */
    public boolean onRecordedState(SessionState s, long atMicros) {
        long at = recordNanos(atMicros);
        startOnRecord(atMicros);
        return sample(s, at);
    }

    /**
     * Starts the axis at the whole millisecond of {@code atMicros}, so that a time on the axis is exactly the record
     * time in ms minus the origin's: a cut-off given in record ms ({@code at / 1000 - originMillis()}) includes
     * exactly the items at or before it.
     */
    private void startOnRecord(long atMicros) {
        long ms = Math.floorDiv(atMicros, MICROS_PER_MILLI);
        start(ms * 1_000_000L, ms);
    }

    /** Nanoseconds since the epoch on the record's clock (fits a long until the year 2262). */
    private static long recordNanos(long atMicros) {
        return atMicros * NANOS_PER_MICRO;
    }

    private static final long NANOS_PER_MICRO = 1000;
    private static final long MICROS_PER_MILLI = 1000;

    /** Samples {@code s} at {@code at} (nanoseconds on the history's clock) when due. */
    private boolean sample(SessionState s, long at) {
        if (samples > 0 && at < nextDueNanos) {
            return false;
        }
        nextDueNanos = at + SAMPLE_PERIOD_NANOS - EARLY_NANOS;
        samples++;
        int t = timeMs(at);
        Map<Long, ProbeStats> probes = new HashMap<>();
        for (ProbeStats p : s.probes()) {
            probes.put(key(p.peerId(), p.channel()), p);
        }
        Set<Integer> seen = new HashSet<>();
        boolean live = s.mesh().status() != ConnectionStatus.DISCONNECTED;
        for (PeerSnapshot p : live ? s.mesh().peers() : List.<PeerSnapshot>of()) {
            PeerHistory h = peer(p.id());
            if (h == null) {
                skippedSeries++;
                continue;
            }
            seen.add(p.id());
            int created =
                    h.sample(t, at, p.channels(), probes, n -> channelRings + n < MAX_CHANNEL_RINGS, WIRE_STALE_NANOS);
            channelRings += created;
            if (h.channelIndices().size() < p.channels().size()) {
                skippedSeries++;
            }
        }
        long wall = originMillis + t;
        for (PeerHistory h : peers.values()) {
            if (!seen.contains(h.peerId())) {
                h.depart(wall);
            }
        }
        return true;
    }

    /** The history of {@code id}, created when there is room (forgetting the earliest departed peer), else null. */
    private @Nullable PeerHistory peer(int id) {
        PeerHistory h = peers.get(id);
        if (h != null) {
            return h;
        }
        if (peers.size() >= MAX_PEERS && !forgetOneDeparted()) {
            return null;
        }
        h = new PeerHistory(id, capacity);
        peers.put(id, h);
        return h;
    }

    private boolean forgetOneDeparted() {
        PeerHistory first = null;
        for (PeerHistory h : peers.values()) {
            if (!h.present() && (first == null || h.departedAtMillis() < first.departedAtMillis())) {
                first = h;
            }
        }
        if (first == null) {
            return false;
        }
        channelRings -= first.rings() - 1;
        peers.remove(first.peerId());
        return true;
    }

    /** Records what {@code e} means for the plots: wire statistics, and a marker for the events worth one. */
    public void onEvent(MeshEvent e) {
        start(e.atNanos());
        event(e, e.atNanos());
    }

    /**
     * Records what {@code e} (an event read back from a record) means for the plots, at {@code atMicros} on the
     * record's clock (its item's time; see {@link #onRecordedState}).
     */
    public void onRecordedEvent(MeshEvent e, long atMicros) {
        long at = recordNanos(atMicros);
        startOnRecord(atMicros);
        event(e, at);
    }

    private void event(MeshEvent e, long at) {
        if (e instanceof MeshEvent.WireStatsUpdated w) {
            PeerHistory h = peers.get(w.peerId());
            if (h != null) {
                h.onWire(w.stats(), at);
            }
            return;
        }
        HistoryMarker.Kind kind = markerKind(e);
        if (kind != null) {
            mark(new HistoryMarker(timeMs(at), e.peerId(), kind, e.describe()));
        }
    }

    /** Marks a failed operator command (an error the window shows); successful ones are not marked. */
    public void onAction(OperatorAction a) {
        markAction(a, a.atMillis());
    }

    /** Marks a failed operator command read back from a record, at {@code atMicros} on the record's clock. */
    public void onRecordedAction(OperatorAction a, long atMicros) {
        markAction(a, Math.floorDiv(atMicros, MICROS_PER_MILLI));
    }

    private void markAction(OperatorAction a, long atMillis) {
        if (a.failed() && started) {
            long ms = Math.max(0, atMillis - originMillis);
            mark(new HistoryMarker(
                    (int) Math.min(Integer.MAX_VALUE, ms),
                    a.peerId(),
                    HistoryMarker.Kind.ERROR,
                    a.kind() + ": " + a.text()));
        }
    }

    private static HistoryMarker.@Nullable Kind markerKind(MeshEvent e) {
        if (e instanceof MeshEvent.Created || e instanceof MeshEvent.Closed || e instanceof MeshEvent.StatusChanged) {
            return HistoryMarker.Kind.SESSION;
        }
        if (e instanceof MeshEvent.PeerAdded
                || e instanceof MeshEvent.PeerConnected
                || e instanceof MeshEvent.PeerDisconnected
                || e instanceof MeshEvent.PeerRemoved) {
            return HistoryMarker.Kind.PEER;
        }
        if (e instanceof MeshEvent.ConnectionStateChanged || e instanceof MeshEvent.ChannelStateChanged) {
            return HistoryMarker.Kind.STATE;
        }
        if (e instanceof MeshEvent.ImpairmentChanged) {
            return HistoryMarker.Kind.IMPAIRMENT;
        }
        if (e instanceof MeshEvent.ErrorRaised) {
            return HistoryMarker.Kind.ERROR;
        }
        return null;
    }

    private void mark(HistoryMarker m) {
        if (markers.size() >= MAX_MARKERS) {
            markers.removeFirst();
        }
        markers.addLast(m);
    }

    /** Forgets every series and marker; peers still present start new series at the next sample. */
    public void clear() {
        peers.clear();
        markers.clear();
        channelRings = 0;
        skippedSeries = 0;
        samples = 0;
    }

    /** The peers with series, in the order they first appeared (departed ones included). */
    public List<PeerHistory> peers() {
        return Collections.unmodifiableList(new ArrayList<>(peers.values()));
    }

    /** The series of peer {@code id}, or null. */
    public @Nullable PeerHistory peerHistory(int id) {
        return peers.get(id);
    }

    /** The markers kept, oldest first. */
    public List<HistoryMarker> markers() {
        return List.copyOf(markers);
    }

    /** Samples taken since creation or {@link #clear()}. */
    public long samples() {
        return samples;
    }

    /**
     * Sampled peers that got no series, or not one per channel, because a bound was reached, summed over samples (0 in
     * a 32-peer mesh).
     */
    public long skippedSeries() {
        return skippedSeries;
    }

    /** Wall clock (ms since the epoch) of time 0 on the plots' axis. */
    public long originMillis() {
        return originMillis;
    }

    /** Samples per series at most. */
    public int capacity() {
        return capacity;
    }

    /** Bytes the rings take now (array headers and the markers aside). */
    public long bytes() {
        long b = 0;
        for (PeerHistory h : peers.values()) {
            b += h.bytes();
        }
        return b;
    }

    /**
     * Bytes the rings of a full mesh of {@code peers} (counting this one) with {@code channelsPerPeer} channels take:
     * {@code peers - 1} remote peers, each with one wire ring and one ring per channel.
     */
    public static long bytesForMesh(int peers, int channelsPerPeer, int capacity) {
        int remotes = peers - 1;
        return remotes
                * (SampleRing.bytesFor(capacity, PeerMetric.values().length)
                        + channelsPerPeer * SampleRing.bytesFor(capacity, ChannelMetric.values().length));
    }
}
