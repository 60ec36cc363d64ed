// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.core.snapshot.WireStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A recorded session, replayable: {@link #at(long)} reconstructs what the window showed at any moment, so a time
 * slider can drive the graph, tables, dictionary, log and plots together; {@link #series} gives the sampled values
 * of one peer and channel over time for plots. Built once from a record's contents (items sorted by time), then
 * read-only: safe to share between threads.
 *
 * <p>Cost: {@code at(T)} binary-searches the last sample before {@code T} and replays only the events between it and
 * {@code T} (one sample period's worth), plus copying the log prefix.
 */
public final class RecordReplay {
    private final RecordHeader header;
    private final List<RecordItem> items;
    private final long[] times;
    /** Indexes (into items) of every stats sample, in time order. */
    private final int[] samples;

    private final List<ReplayState.LogEntry> log = new ArrayList<>();
    private final long[] logTimes;

    private RecordReplay(RecordHeader header, List<RecordItem> sorted) {
        this.header = header;
        this.items = sorted;
        this.times = new long[sorted.size()];
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            RecordItem it = sorted.get(i);
            times[i] = it.at();
            if (it instanceof RecordItem.Stats) {
                s.add(i);
            }
            ReplayState.LogEntry e = logEntry(it);
            if (e != null) {
                log.add(e);
            }
        }
        samples = s.stream().mapToInt(Integer::intValue).toArray();
        logTimes = log.stream().mapToLong(ReplayState.LogEntry::at).toArray();
    }

    /** A replay of one record's contents (a damaged record replays up to its damage). */
    public static RecordReplay of(RecordContents c) {
        List<RecordItem> sorted = new ArrayList<>(c.items());
        sorted.sort(java.util.Comparator.comparingLong(RecordItem::at)); // Stable: file order among equal times.
        return new RecordReplay(c.header(), sorted);
    }

    /** The record's header. */
    public RecordHeader header() {
        return header;
    }

    /** Every item, by time. */
    public List<RecordItem> items() {
        return items;
    }

    /** The first moment to show: the record's start. */
    public long startsAt() {
        return items.isEmpty() ? header.startedAt() : Math.min(header.startedAt(), times[0]);
    }

    /** The last moment with anything recorded. */
    public long endsAt() {
        return items.isEmpty() ? header.startedAt() : Math.max(header.startedAt(), times[times.length - 1]);
    }

    /** The whole log (events, actions, signaling), oldest first. */
    public List<ReplayState.LogEntry> log() {
        return java.util.Collections.unmodifiableList(log);
    }

    /** The state at {@code at} (record time, microseconds); before the start it is the empty state. */
    public ReplayState at(long at) {
        int end = upperBound(times, at); // items [0, end) happened at or before `at`
        int si = upperBound(sampleTimes(), at) - 1;
        int from = si >= 0 ? samples[si] + 1 : 0;
        RecordItem.Stats sample = si >= 0 ? (RecordItem.Stats) items.get(samples[si]) : null;
        Builder b = new Builder(sample);
        RecordItem.Config config = null;
        Map<Integer, WireStats> wire = new HashMap<>();
        Map<Integer, ReplayState.Departed> departed = new LinkedHashMap<>();
        long dropped = 0;
        for (int i = 0; i < end; i++) {
            RecordItem it = items.get(i);
            if (it instanceof RecordItem.Config c) {
                config = c;
                if (i >= from) {
                    b.config(c);
                }
            } else if (it instanceof RecordItem.Dropped d) {
                dropped += d.count();
            } else if (it instanceof RecordItem.Event ev) {
                MeshEvent e = ev.event();
                if (e instanceof MeshEvent.WireStatsUpdated w) {
                    wire.put(w.peerId(), w.stats());
                } else if (e instanceof MeshEvent.PeerRemoved pr) {
                    departed.put(pr.peerId(), new ReplayState.Departed(pr.peerId(), ev.at(), pr.reason()));
                } else if (e instanceof MeshEvent.PeerAdded pa) {
                    departed.remove(pa.peerId());
                }
                if (i >= from) {
                    b.apply(e);
                }
            }
        }
        int logEnd = upperBound(logTimes, at);
        return new ReplayState(
                at,
                config,
                b.snapshot(),
                sample == null ? 0 : sample.at(),
                sample == null ? "{  }" : sample.dictionary(),
                sample == null ? List.of() : sample.probes(),
                wire,
                new ArrayList<>(departed.values()),
                log.subList(0, logEnd),
                dropped);
    }

    /**
     * One plotted value of one (peer, channel) at every sample: for plots beside the slider.
     *
     * @param peerId  the remote peer
     * @param channel the internal channel index
     */
    public List<Point> series(int peerId, int channel, Measure measure) {
        List<Point> out = new ArrayList<>();
        for (int idx : samples) {
            RecordItem.Stats s = (RecordItem.Stats) items.get(idx);
            PeerSnapshot p = s.mesh().peer(peerId);
            if (measure == Measure.PROBE_RTT_MEDIAN_MS) {
                for (ProbeStats ps : s.probes()) {
                    if (ps.peerId() == peerId && ps.channel() == channel) {
                        out.add(new Point(s.at(), ps.rttMedianMs()));
                    }
                }
            } else if (p != null && channel < p.channels().size()) {
                ChannelSnapshot c = p.channels().get(channel);
                out.add(new Point(s.at(), measure.of(c)));
            }
        }
        return out;
    }

    /** One sampled value. */
    public record Point(long at, double value) {}

    /** What {@link #series} plots. */
    public enum Measure {
        /** Messages sent so far. */
        MESSAGES_SENT,
        /** Payload bytes sent so far. */
        BYTES_SENT,
        /** Messages received so far. */
        MESSAGES_RECEIVED,
        /** Payload bytes received so far. */
        BYTES_RECEIVED,
        /** Bytes queued for sending. */
        BUFFERED_AMOUNT,
        /** Send and receive drops so far. */
        DROPS,
        /** The probe round trip's median over its window, in milliseconds. */
        PROBE_RTT_MEDIAN_MS;

        double of(ChannelSnapshot c) {
            return switch (this) {
                case MESSAGES_SENT -> c.messagesSent();
                case BYTES_SENT -> c.bytesSent();
                case MESSAGES_RECEIVED -> c.messagesReceived();
                case BYTES_RECEIVED -> c.bytesReceived();
                case BUFFERED_AMOUNT -> c.bufferedAmount();
                case DROPS -> c.sendDrops() + c.receiveDrops();
                case PROBE_RTT_MEDIAN_MS -> Double.NaN;
            };
        }
    }

    private long[] sampleTimes() {
        long[] t = new long[samples.length];
        for (int i = 0; i < samples.length; i++) {
            t[i] = times[samples[i]];
        }
        return t;
    }

    /** The first index whose value is above {@code key} (values sorted). */
    private static int upperBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static ReplayState.@Nullable LogEntry logEntry(RecordItem it) {
        if (it instanceof RecordItem.Event ev) {
            MeshEvent e = ev.event();
            return new ReplayState.LogEntry(
                    it.at(),
                    e.peerId(),
                    e.getClass().getSimpleName(),
                    e.describe(),
                    e instanceof MeshEvent.ErrorRaised || e instanceof MeshEvent.PacketDropped,
                    it);
        }
        if (it instanceof RecordItem.Action a) {
            return new ReplayState.LogEntry(
                    it.at(),
                    a.action().peerId(),
                    "action: " + a.action().kind(),
                    a.action().text(),
                    a.action().failed(),
                    it);
        }
        if (it instanceof RecordItem.Signal s) {
            String text = s.direction().toLowerCase(Locale.ROOT) + " on " + s.path() + ": type " + s.type() + " from "
                    + s.from() + " to " + s.to() + ", " + s.size() + " B, " + s.verdict()
                    + (s.note().isEmpty() ? "" : " (" + s.note() + ")");
            return new ReplayState.LogEntry(it.at(), s.from(), "signal", text, !"OK".equals(s.verdict()), it);
        }
        if (it instanceof RecordItem.Dropped d) {
            return new ReplayState.LogEntry(
                    it.at(),
                    0,
                    "dropped",
                    d.count() + " item(s) missing here: the recorder's queue was full",
                    true,
                    it);
        }
        return null;
    }

    /** Replays events on top of the last sample. */
    private static final class Builder {
        private NetworkMode mode = NetworkMode.NONE;
        private int uniqueId;
        private ConnectionStatus status = ConnectionStatus.DISCONNECTED;
        private boolean refusing;
        private List<TransferMode> modes = List.of();
        private final Map<Integer, PeerSnapshot> peers = new LinkedHashMap<>();
        private long atNanos;

        Builder(RecordItem.@Nullable Stats s) {
            if (s != null) {
                MeshSnapshot m = s.mesh();
                mode = m.mode();
                uniqueId = m.uniqueId();
                status = m.status();
                refusing = m.refusingNew();
                modes = m.channelModes();
                atNanos = m.atNanos();
                for (PeerSnapshot p : m.peers()) {
                    peers.put(p.id(), p);
                }
            }
        }

        void apply(MeshEvent e) {
            atNanos = e.atNanos();
            if (e instanceof MeshEvent.Created c) {
                mode = c.mode();
                uniqueId = c.uniqueId();
                peers.clear();
            } else if (e instanceof MeshEvent.Closed) {
                peers.clear();
                status = ConnectionStatus.DISCONNECTED;
            } else if (e instanceof MeshEvent.StatusChanged s) {
                status = s.to();
            } else if (e instanceof MeshEvent.PeerAdded pa) {
                peers.put(pa.peerId(), newPeer(pa.peerId()));
            } else if (e instanceof MeshEvent.PeerRemoved pr) {
                peers.remove(pr.peerId());
            } else if (e instanceof MeshEvent.Snapshot s) {
                peers.clear();
                for (PeerSnapshot p : s.snapshot().peers()) {
                    peers.put(p.id(), p);
                }
            } else {
                PeerSnapshot p = peers.get(e.peerId());
                if (p != null) {
                    peers.put(p.id(), changed(p, e));
                }
            }
        }

        void config(RecordItem.Config c) {
            List<TransferMode> m = new ArrayList<>();
            for (String name : c.channels()) {
                for (TransferMode t : TransferMode.values()) {
                    if (t.name().equals(name)) {
                        m.add(t); // An unknown name (a hand-edited record) leaves that channel out, never throws.
                    }
                }
            }
            modes = m;
            uniqueId = c.uniqueId();
        }

        private PeerSnapshot newPeer(int id) {
            List<ChannelSnapshot> chs = new ArrayList<>();
            for (int i = 0; i < modes.size(); i++) {
                TransferMode m = modes.get(i);
                chs.add(new ChannelSnapshot(
                        i,
                        dev.meshscope.core.WebRtcMultiplayerPeer.channelLabel(i),
                        i + 1,
                        m,
                        m != TransferMode.UNRELIABLE,
                        -1,
                        -1,
                        ChannelState.CONNECTING,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0));
            }
            return new PeerSnapshot(id, false, ConnectionState.NEW, GatheringState.NEW, SignalingState.STABLE, chs);
        }

        private static PeerSnapshot changed(PeerSnapshot p, MeshEvent e) {
            if (e instanceof MeshEvent.ConnectionStateChanged c) {
                return new PeerSnapshot(
                        p.id(),
                        p.connected() && c.to() == ConnectionState.CONNECTED,
                        c.to(),
                        p.gathering(),
                        p.signaling(),
                        p.channels());
            }
            if (e instanceof MeshEvent.GatheringStateChanged g) {
                return new PeerSnapshot(p.id(), p.connected(), p.connection(), g.to(), p.signaling(), p.channels());
            }
            if (e instanceof MeshEvent.SignalingStateChanged s) {
                return new PeerSnapshot(p.id(), p.connected(), p.connection(), p.gathering(), s.to(), p.channels());
            }
            if (e instanceof MeshEvent.PeerConnected) {
                return new PeerSnapshot(p.id(), true, p.connection(), p.gathering(), p.signaling(), p.channels());
            }
            if (e instanceof MeshEvent.PeerDisconnected) {
                return new PeerSnapshot(p.id(), false, p.connection(), p.gathering(), p.signaling(), p.channels());
            }
            if (e instanceof MeshEvent.ChannelStateChanged cs
                    && cs.channelIndex() >= 0
                    && cs.channelIndex() < p.channels().size()) {
                List<ChannelSnapshot> chs = new ArrayList<>(p.channels());
                ChannelSnapshot c = chs.get(cs.channelIndex());
                chs.set(
                        cs.channelIndex(),
                        new ChannelSnapshot(
                                c.index(),
                                c.label(),
                                c.streamId(),
                                c.mode(),
                                c.ordered(),
                                c.maxPacketLifeTime(),
                                c.maxRetransmits(),
                                cs.to(),
                                c.bufferedAmount(),
                                c.messagesSent(),
                                c.bytesSent(),
                                c.messagesReceived(),
                                c.bytesReceived(),
                                c.sendDrops(),
                                c.receiveDrops(),
                                c.queued(),
                                c.impairedDrops(),
                                c.held(),
                                c.maxMessageSize(),
                                c.lastReceivedAtMillis()));
                return new PeerSnapshot(
                        p.id(),
                        p.connected() && cs.to() == ChannelState.OPEN,
                        p.connection(),
                        p.gathering(),
                        p.signaling(),
                        chs);
            }
            return p;
        }

        MeshSnapshot snapshot() {
            return new MeshSnapshot(atNanos, mode, uniqueId, status, refusing, modes, List.copyOf(peers.values()));
        }
    }

    @Override
    public String toString() {
        return "RecordReplay[" + items.size() + " items, " + samples.length + " samples, "
                + Arrays.toString(new long[] {startsAt(), endsAt()}) + "]";
    }
}
